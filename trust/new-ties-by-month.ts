import type { MemberId } from './member-index.ts';

/** The fields of an interaction that date a tie. */
export interface DatedTie {
  actorId: MemberId;
  subjectId: MemberId;
  at: Date | number;
  /** Interactions with a non-positive weight (negative evidence) do not form ties. */
  weight?: number;
}

/** Returns 'YYYY-MM' (UTC) of a time. */
function monthOf(at: Date | number): string {
  return new Date(typeof at === 'number' ? at : at.getTime()).toISOString().slice(0, 7);
}

/**
 * Counts new ties per month: a pair of members forms a tie in the month of their first
 * positive interaction in either direction. Months with no new tie inside the covered span
 * are listed with 0, so a chart shows gaps as gaps.
 */
export function countNewTiesByMonth(interactions: Iterable<DatedTie>): { month: string; newTies: number }[] {
  const first = new Map<string, number>();
  for (const it of interactions) {
    if (it.weight !== undefined && !(it.weight > 0)) continue;
    if (it.actorId === it.subjectId) continue;
    const a = `${typeof it.actorId}:${String(it.actorId)}`;
    const b = `${typeof it.subjectId}:${String(it.subjectId)}`;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const t = typeof it.at === 'number' ? it.at : it.at.getTime();
    const seen = first.get(key);
    if (seen === undefined || t < seen) first.set(key, t);
  }
  const counts = new Map<string, number>();
  for (const t of first.values()) {
    const m = monthOf(t);
    counts.set(m, (counts.get(m) ?? 0) + 1);
  }
  const months = [...counts.keys()].sort();
  if (months.length === 0) return [];
  const out: { month: string; newTies: number }[] = [];
  let [year, month] = months[0].split('-').map(Number);
  const last = months[months.length - 1];
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    out.push({ month: key, newTies: counts.get(key) ?? 0 });
    if (key === last) break;
    month++;
    if (month === 13) {
      month = 1;
      year++;
    }
  }
  return out;
}
