// Proxy recording: a coordinator records an exchange that has already happened for a member who
// is not online (many time-bank members are not). It is confirmed at once, marked with the
// coordinator's name and the member it was recorded for, and corrected, if need be, by reversal.
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchanges, skills } from '../../db/schema.ts';
import { invalid } from '../../lib/errors.ts';
import type { ExchangeDetail, ProxyExchangeBody } from '../../../common/exchanges.ts';
import { getSettings } from '../ledger/settings.ts';
import { settleExchange } from './confirm.ts';
import { requireActiveParties } from './parties.ts';
import { requireSafeguarded } from './safeguarding.ts';
import { getExchange, type ExchangeActor } from './service.ts';

/** Records a finished exchange on behalf of an offline member and posts its hours. */
export async function recordByProxy(db: Db, communityId: string, coordinator: ExchangeActor, body: ProxyExchangeBody): Promise<ExchangeDetail> {
  if (body.providerId === body.receiverId) throw invalid('exchange.self', 'The helper and the person helped must be different members.', 'receiverId');
  if (body.onBehalfOf !== body.providerId && body.onBehalfOf !== body.receiverId) {
    throw invalid('exchange.proxy_not_party', 'You can record only for one of the two people in the exchange.', 'onBehalfOf');
  }
  await requireActiveParties(db, communityId, [body.providerId], 'providerId');
  await requireActiveParties(db, communityId, [body.receiverId], 'receiverId');
  const [skill] = await db.select().from(skills).where(eq(skills.id, body.skillId));
  if (!skill) throw invalid('skill.not_found', 'Choose a skill from the list.', 'skillId');
  const settings = await getSettings(db, communityId);
  await requireSafeguarded(db, communityId, settings, skill, body.providerId, coordinator.userId);
  // Noon in London on the day it happened, so the date reads the same wherever it is shown.
  const occurredAt = new Date(`${body.occurredOn}T12:00:00Z`);
  if (occurredAt.getTime() > Date.now() + 86_400_000) throw invalid('exchange.future', 'Record exchanges that have already happened.', 'occurredOn');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(exchanges).values({
      communityId, providerId: body.providerId, receiverId: body.receiverId, proposedBy: coordinator.userId, skillId: skill.id, category: skill.category,
      description: body.description, scheduledFor: occurredAt, status: 'done', approval: 'not_needed', recordedMinutes: body.minutes, awaitingSince: new Date(),
      proxyRecordedBy: coordinator.userId,
    }).returning();
    await settleExchange(tx, row, {
      minutes: body.minutes, how: 'proxy', actorId: coordinator.userId, event: 'proxy_recorded', onBehalfOf: body.onBehalfOf, occurredAt,
      note: body.description,
    }, settings);
    return row.id;
  });
  return getExchange(db, communityId, coordinator, id);
}
