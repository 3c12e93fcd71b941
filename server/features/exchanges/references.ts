// References: after a confirmed exchange each side may say a few words about the other and
// whether they would exchange again. They are shown on the member's profile and feed the trust
// engine (a "would not exchange again" is weak negative evidence).
import { and, count, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeReferences, exchanges, memberships, users } from '../../db/schema.ts';
import { conflict, notFound, isUniqueViolation } from '../../lib/errors.ts';
import type { Reference } from '../../../common/exchanges.ts';
import { notify } from '../offers/notifications.ts';
import { recordInteractions } from './interactions.ts';
import { requireAction } from './lifecycle.ts';
import { peopleBehind } from './parties.ts';
import { findExchange, listReferences, stateOf } from './queries.ts';
import { viewerOf, type ExchangeActor } from './service.ts';

/** How many of a member's references the profile lists, newest first. */
export const MEMBER_REFERENCES_SHOWN = 50;

/** One side of a confirmed exchange leaves a reference for the other; once each. */
export async function addReference(db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, input: { body: string; wouldExchangeAgain: boolean }): Promise<Reference> {
  const [row, viewer] = await Promise.all([findExchange(db, communityId, exchangeId), viewerOf(db, communityId, actor)]);
  if (!row) throw notFound('exchange');
  requireAction(stateOf(row), viewer, 'reference');
  const authorId = viewer.identities.includes(row.ex.providerId) && !row.referencedBy.includes(row.ex.providerId) ? row.ex.providerId : row.ex.receiverId;
  const subjectId = authorId === row.ex.providerId ? row.ex.receiverId : row.ex.providerId;
  try {
    const id = await db.transaction(async (tx) => {
      const [created] = await tx.insert(exchangeReferences).values({ communityId, exchangeId, authorId, subjectId, body: input.body, wouldExchangeAgain: input.wouldExchangeAgain }).returning();
      await recordInteractions(tx, communityId, [{ actorId: authorId, subjectId, kind: input.wouldExchangeAgain ? 'reference' : 'reference_negative', sourceType: 'reference', sourceId: created.id }]);
      await notify(tx, communityId, await peopleBehind(tx, communityId, [subjectId]), {
        kind: 'exchange.reference', title: 'You have a new reference', body: input.body.slice(0, 200), link: `/timebank/exchanges/${exchangeId}`, sourceId: created.id,
      });
      return created.id;
    });
    return (await listReferences(db, communityId, eq(exchangeReferences.id, id)))[0];
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('exchange.already_referenced', 'You have already left a reference for this exchange.');
    throw error;
  }
}

/**
 * The references a member has received in this community, for their profile, under the
 * profile's own rules: 404 for someone who has left, a deleted account, or someone who has
 * blocked the viewer (coordinators still see them, to keep people safe). References written by
 * someone the viewer has blocked, or who has blocked the viewer, are left out for everyone but
 * coordinators, as the directory hides such people from each other; the counts are of what is shown.
 */
export async function memberReferences(db: Db, communityId: string, viewer: ExchangeActor, userId: string) {
  const [member] = await db
    .select({ displayName: users.displayName, blockedViewer: sql<boolean>`EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = ${users.id} AND b.blocked_id = ${viewer.userId})` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), ne(memberships.status, 'left'), isNull(users.deletedAt)));
  if (!member || (member.blockedViewer && !viewer.coordinator && userId !== viewer.userId)) throw notFound('member');
  const visible = and(
    eq(exchangeReferences.subjectId, userId),
    viewer.coordinator ? undefined : sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${viewer.userId} AND b.blocked_id = ${exchangeReferences.authorId})
      OR (b.blocker_id = ${exchangeReferences.authorId} AND b.blocked_id = ${viewer.userId}))`,
  )!;
  const [references, [{ n }], [totals]] = await Promise.all([
    listReferences(db, communityId, visible, MEMBER_REFERENCES_SHOWN),
    db.select({ n: count() }).from(exchanges)
      .where(and(eq(exchanges.communityId, communityId), eq(exchanges.status, 'confirmed'), or(eq(exchanges.providerId, userId), eq(exchanges.receiverId, userId)))),
    db.select({ total: count(), again: sql<number>`count(*) FILTER (WHERE ${exchangeReferences.wouldExchangeAgain})::int` }).from(exchangeReferences)
      .where(and(eq(exchangeReferences.communityId, communityId), visible)),
  ]);
  return {
    userId, displayName: member.displayName, confirmedExchanges: n,
    totalReferences: totals.total,
    wouldExchangeAgain: Number(totals.again),
    references,
  };
}
