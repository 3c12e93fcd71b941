import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { blocks, users } from '../../db/schema.ts';
import { invalid, notFound } from '../../lib/errors.ts';

// Blocks are between people, not within a community: blocking someone holds everywhere you
// both are. Other features ask `blockedEitherWay` before putting two people in touch.

function presentBlock(row: { userId: string; displayName: string; createdAt: Date }) {
  return { userId: row.userId, displayName: row.displayName, createdAt: row.createdAt.toISOString() };
}

async function findBlock(db: Db, blockerId: string, blockedId: string) {
  const [row] = await db
    .select({ userId: blocks.blockedId, displayName: users.displayName, createdAt: blocks.createdAt })
    .from(blocks)
    .innerJoin(users, eq(users.id, blocks.blockedId))
    .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)));
  return row ? presentBlock(row) : null;
}

/**
 * Blocks a person. Idempotent: blocking someone already blocked returns the existing block with
 * `created: false` (the route answers 200 instead of 201).
 */
export async function blockPerson(db: Db, blockerId: string, blockedId: string) {
  if (blockerId === blockedId) throw invalid('block.self', 'You cannot block yourself.', 'userId');
  const [person] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, blockedId), isNull(users.deletedAt)));
  if (!person) throw notFound('person');
  const inserted = await db.insert(blocks).values({ blockerId, blockedId }).onConflictDoNothing().returning({ blockedId: blocks.blockedId });
  const block = await findBlock(db, blockerId, blockedId);
  return { block: block!, created: inserted.length > 0 };
}

/** Lifts a block; 404 when there was none. */
export async function unblockPerson(db: Db, blockerId: string, blockedId: string) {
  const removed = await db.delete(blocks).where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId))).returning({ blockedId: blocks.blockedId });
  if (removed.length === 0) throw notFound('block');
}

/** The people someone has blocked, most recent first. */
export async function listBlocks(db: Db, blockerId: string) {
  const rows = await db
    .select({ userId: blocks.blockedId, displayName: users.displayName, createdAt: blocks.createdAt })
    .from(blocks)
    .innerJoin(users, eq(users.id, blocks.blockedId))
    .where(eq(blocks.blockerId, blockerId))
    .orderBy(desc(blocks.createdAt));
  return rows.map(presentBlock);
}

/** True when either person has blocked the other, for features that put people in touch. */
export async function blockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  return blockedBetween(db, [a], [b]);
}

/** True when anyone in `people` and anyone in `others` has blocked the other (a group activity, say). */
export async function blockedBetween(db: Db, people: readonly string[], others: readonly string[]): Promise<boolean> {
  if (people.length === 0 || others.length === 0) return false;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(blocks)
    .where(or(
      and(inArray(blocks.blockerId, [...people]), inArray(blocks.blockedId, [...others])),
      and(inArray(blocks.blockerId, [...others]), inArray(blocks.blockedId, [...people])),
    ))
    .limit(1);
  return row !== undefined;
}

/** Everyone `userId` has blocked or been blocked by, for filtering lists such as the directory. */
export async function blockedIds(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ blockerId: blocks.blockerId, blockedId: blocks.blockedId })
    .from(blocks)
    .where(or(eq(blocks.blockerId, userId), eq(blocks.blockedId, userId)));
  return new Set(rows.map((r) => (r.blockerId === userId ? r.blockedId : r.blockerId)));
}
