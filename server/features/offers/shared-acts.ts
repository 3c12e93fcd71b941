// How many things the viewer has done with each of some other members: positive interactions
// between the two in either direction. A fact about the viewer's own history, so it may be
// shown to them ("you have helped each other 3 times"); ranking uses personal trust instead.
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { interactions } from '../../db/schema.ts';

/** Shared positive acts between `viewerId` and each of `otherIds` (0 when they have never interacted). */
export async function sharedActs(db: Db, communityId: string, viewerId: string, otherIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map(otherIds.map((id) => [id, 0]));
  if (otherIds.length === 0) return result;
  const ids = [...new Set(otherIds)];
  // Grouped by position: the same expression written twice would carry different parameters.
  const other = sql<string>`CASE WHEN ${interactions.actorId} = ${viewerId} THEN ${interactions.subjectId} ELSE ${interactions.actorId} END`;
  const rows = await db
    .select({ other, n: sql<number>`count(*)::int` })
    .from(interactions)
    .where(and(
      eq(interactions.communityId, communityId),
      gt(interactions.weight, 0),
      or(and(eq(interactions.actorId, viewerId), inArray(interactions.subjectId, ids)), and(eq(interactions.subjectId, viewerId), inArray(interactions.actorId, ids))),
    ))
    .groupBy(sql`1`);
  for (const row of rows) result.set(row.other, row.n);
  return result;
}
