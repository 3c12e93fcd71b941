/**
 * Replaces every count under `min` with null, so that an aggregate view never shows a group
 * small enough to point at a person (DESIGN.md: aggregate views hide groups smaller than 5).
 * Works on an array of counts or on an object of named counts.
 */
export function suppressSmallCells<K extends string>(counts: Record<K, number>, min?: number): Record<K, number | null>;
export function suppressSmallCells(counts: readonly number[], min?: number): (number | null)[];
export function suppressSmallCells(counts: readonly number[] | Record<string, number>, min = 5): (number | null)[] | Record<string, number | null> {
  const keep = (c: number): number | null => (c < min ? null : c);
  if (Array.isArray(counts)) return counts.map(keep);
  return Object.fromEntries(Object.entries(counts as Record<string, number>).map(([k, c]) => [k, keep(c)]));
}
