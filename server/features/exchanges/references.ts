// References: after a confirmed exchange each side may say a few words about the other and
// whether they would exchange again. They are shown on the member's profile and feed the trust
// engine (a "would not exchange again" is weak negative evidence).
import { and, count, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeReferences, exchanges } from '../../db/schema.ts';
import { conflict, notFound, isUniqueViolation } from '../../lib/errors.ts';
import type { Reference } from '../../../common/exchanges.ts';
import { notify } from '../offers/notifications.ts';
import { recordInteractions } from './interactions.ts';
import { requireAction } from './lifecycle.ts';
import { loadParties, peopleBehind } from './parties.ts';
import { findExchange, listReferences, stateOf } from './queries.ts';
import { viewerOf, type ExchangeActor } from './service.ts';

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

/** The references a member has received in this community, for their profile. */
export async function memberReferences(db: Db, communityId: string, userId: string) {
  const member = (await loadParties(db, communityId, [userId])).get(userId);
  if (!member) throw notFound('member');
  const [references, [{ n }], [{ again }]] = await Promise.all([
    listReferences(db, communityId, eq(exchangeReferences.subjectId, userId), 50),
    db.select({ n: count() }).from(exchanges)
      .where(and(eq(exchanges.communityId, communityId), eq(exchanges.status, 'confirmed'), or(eq(exchanges.providerId, userId), eq(exchanges.receiverId, userId)))),
    db.select({ again: count() }).from(exchangeReferences)
      .where(and(eq(exchangeReferences.communityId, communityId), eq(exchangeReferences.subjectId, userId), eq(exchangeReferences.wouldExchangeAgain, true))),
  ]);
  return {
    userId, displayName: member.displayName, confirmedExchanges: n,
    wouldExchangeAgain: again,
    references,
  };
}
