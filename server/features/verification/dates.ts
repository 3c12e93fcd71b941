// Calendar dates as YYYY-MM-DD strings. Checks and DBS expiries are dates, not instants, so
// they are compared as strings (which sort correctly) and counted in whole UTC days.

/** Kith's communities are in the UK: "today" is the date in London. */
export const KITH_TIME_ZONE = 'Europe/London';

const DAY_MS = 86_400_000;

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string = KITH_TIME_ZONE, now: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function toUtcMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The date `days` days after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

/** A date for people to read, e.g. "3 March 2026". */
export function formatDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(toUtcMs(date)));
}
