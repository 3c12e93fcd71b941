// Availability is free text ("weekday evenings", "Saturday mornings"); matching reads the days
// and times of day it names and measures how much two texts overlap.

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const PARTS = ['morning', 'afternoon', 'evening'] as const;

const DAY_WORDS: [RegExp, readonly string[]][] = [
  [/\bmon(day)?s?\b/, ['mon']],
  [/\btue(s|sday)?s?\b/, ['tue']],
  [/\bwed(nesday)?s?\b/, ['wed']],
  [/\bthu(r|rs|rsday)?s?\b/, ['thu']],
  [/\bfri(day)?s?\b/, ['fri']],
  [/\bsat(urday)?s?\b/, ['sat']],
  [/\bsun(day)?s?\b/, ['sun']],
  [/\bweekdays?\b/, ['mon', 'tue', 'wed', 'thu', 'fri']],
  [/\bweekends?\b/, ['sat', 'sun']],
  [/\b(any ?time|any day|flexible|every ?day|daily)\b/, DAYS],
];
const PART_WORDS: [RegExp, readonly string[]][] = [
  [/\bmornings?\b|\bam\b/, ['morning']],
  [/\bafternoons?\b|\blunch(time)?\b|\bpm\b/, ['afternoon']],
  [/\bevenings?\b|\bnights?\b|\bafter work\b/, ['evening']],
  [/\b(any ?time|all day|flexible)\b/, PARTS],
];

function read(text: string, words: [RegExp, readonly string[]][]): Set<string> {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  for (const [pattern, values] of words) if (pattern.test(lower)) for (const v of values) found.add(v);
  return found;
}

function overlap(a: Set<string>, b: Set<string>): number | null {
  if (a.size === 0 || b.size === 0) return null;
  const shared = [...a].filter((x) => b.has(x)).length;
  return shared / Math.min(a.size, b.size);
}

/**
 * How far two availability texts overlap, from 0 (never both free) to 1, or null when either
 * says nothing we can read. Days and times of day count separately; a text that names only
 * days is taken to mean any time on them.
 */
export function availabilityOverlap(a: string, b: string): number | null {
  const days = overlap(read(a, DAY_WORDS), read(b, DAY_WORDS));
  const parts = overlap(read(a, PART_WORDS), read(b, PART_WORDS));
  if (days === null && parts === null) return null;
  return Math.round((days ?? 1) * (parts ?? 1) * 1000) / 1000;
}
