// Time in the time bank is whole minutes. People read it as "1 hour 30 minutes" and type it as
// hours and minutes in two boxes; these helpers do both ways.
import { t } from '../../i18n/index.ts';
import { ApiError } from '../../lib/api.ts';
import type { FormReader } from '../../lib/form.ts';

/** Minutes in plain words: 90 → "1 hour 30 minutes", 60 → "1 hour", 0 → "0 minutes". */
export function formatDuration(minutes: number): string {
  const total = Math.abs(Math.trunc(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(t('timebank.duration.hours', { count: hours }));
  if (rest > 0 || hours === 0) parts.push(t('timebank.duration.minutes', { count: rest }));
  return parts.join(' ');
}

/** A change to a balance with its sign: "+1 hour 30 minutes", "−1 hour 30 minutes" (a true minus sign). */
export function formatSignedDuration(minutes: number): string {
  if (minutes === 0) return formatDuration(0);
  return `${minutes > 0 ? '+' : '\u2212'}${formatDuration(minutes)}`;
}

/** A balance: positive and zero as they are, a debit with a minus sign. */
export function formatBalance(minutes: number): string {
  return minutes < 0 ? `\u2212${formatDuration(minutes)}` : formatDuration(minutes);
}

/** The hours and minutes a number of minutes splits into, for filling the two boxes. */
export function splitMinutes(minutes: number | null | undefined): { hours: string; minutes: string } {
  if (minutes === null || minutes === undefined) return { hours: '', minutes: '' };
  return { hours: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) };
}

const wholeNumber = (raw: string) => /^\d{1,6}$/.test(raw);

/**
 * Reads the two boxes of a DurationField back into minutes. A box that is not a whole number is
 * reported on the field, like a server error, so the person sees where to look.
 */
export function readDuration(form: FormReader, name: string): number {
  const hoursText = form.text(`${name}Hours`).trim();
  const minutesText = form.text(name).trim();
  if (hoursText !== '' && !wholeNumber(hoursText)) throw new ApiError(400, 'form.hours', t('timebank.duration.notHours'), `${name}Hours`);
  if (minutesText !== '' && !wholeNumber(minutesText)) throw new ApiError(400, 'form.minutes', t('timebank.duration.notMinutes'), name);
  return Number(hoursText || 0) * 60 + Number(minutesText || 0);
}

/** Reads an optional duration: null when both boxes are empty. */
export function readOptionalDuration(form: FormReader, name: string): number | null {
  if (form.text(`${name}Hours`).trim() === '' && form.text(name).trim() === '') return null;
  return readDuration(form, name);
}

/** Whole hours typed in one box (limits and grants), as minutes. */
export function readHours(form: FormReader, name: string): number {
  const raw = form.text(name).trim();
  if (!wholeNumber(raw)) throw new ApiError(400, 'form.hours', t('timebank.duration.notHours'), name);
  return Number(raw) * 60;
}

/** Distance in words: "about 400 metres", "about 2.5 km". */
export function formatDistance(metres: number): string {
  if (metres < 1000) return t('timebank.distance.metres', { count: Math.max(100, Math.round(metres / 100) * 100) });
  return t('timebank.distance.km', { km: Math.round(metres / 100) / 10 });
}
