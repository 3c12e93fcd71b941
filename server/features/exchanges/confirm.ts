// Confirming an exchange: the status change, the one ledger transaction, the trust evidence and
// the timeline entry, all in the caller's database transaction, so either all of it happens
// or none of it does. Used by the receiver's confirmation, an accepted adjustment, a proxy
// recording, a coordinator's resolution and the auto-confirm job.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeEvents, exchanges, interactions, notifications, timebankSettings } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { formatMinutes } from '../../../common/ledger.ts';
import { lockMemberAccounts, postTransaction } from '../ledger/posting.ts';
import { getSettings, type SettingsRow } from '../ledger/settings.ts';
import { insertTogether } from '../ledger/sql.ts';
import { notificationRows } from '../offers/notifications.ts';
import { interactionRows, mutual } from './interactions.ts';
import { peopleBehind } from './parties.ts';

type ExchangeRecord = typeof exchanges.$inferSelect;
type EventKind = (typeof exchangeEvents.$inferInsert)['kind'];

export type Settlement = {
  minutes: number;
  how: NonNullable<ExchangeRecord['confirmedHow']>;
  /** Null when the scheduler confirms. */
  actorId: string | null;
  event: EventKind;
  note?: string;
  onBehalfOf?: string | null;
  /** 'resolved' for a coordinator's decision on a dispute; otherwise 'confirmed'. */
  status?: 'confirmed' | 'resolved';
  occurredAt?: Date;
  /** Whether each party is a person or an organisation, when the caller has it (saves a query). */
  kinds?: ReadonlyMap<string, 'person' | 'organisation'>;
};

/** Moves hours for a locked exchange: provider +minutes, receiver −minutes, under the community's limits. */
export async function postExchangeHours(tx: Db, ex: ExchangeRecord, minutes: number, actorId: string | null, settings: SettingsRow) {
  const accounts = await lockMemberAccounts(tx, ex.communityId, [ex.providerId, ex.receiverId]);
  const [provider, receiver] = [accounts.get(ex.providerId)!, accounts.get(ex.receiverId)!];
  return postTransaction(tx, {
    communityId: ex.communityId, kind: 'exchange', exchangeId: ex.id, createdBy: actorId,
    legs: [{ accountId: provider.id, amount: minutes }, { accountId: receiver.id, amount: -minutes }],
  }, settings, [provider, receiver]);
}

/**
 * Settles an exchange the caller has locked and checked: sets it confirmed (or resolved), posts
 * exactly one ledger transaction when minutes > 0, writes both directions of the tie to
 * `interactions` and the step to the timeline. Must run inside a db.transaction.
 */
export async function settleExchange(tx: Db, ex: ExchangeRecord, settlement: Settlement, settings?: SettingsRow): Promise<void> {
  const rules = settings ?? (await getSettings(tx, ex.communityId));
  const status = settlement.status ?? 'confirmed';
  const now = new Date();
  const [updated] = await tx.update(exchanges)
    .set({
      status, confirmedMinutes: settlement.minutes, confirmedAt: settlement.minutes > 0 ? now : null, confirmedHow: settlement.minutes > 0 ? settlement.how : null,
      adjustedMinutes: null, awaitingSince: null, updatedAt: now,
    })
    .where(and(eq(exchanges.id, ex.id), eq(exchanges.communityId, ex.communityId), eq(exchanges.status, ex.status)))
    .returning({ id: exchanges.id });
  // The caller holds the row lock, so this only fails if it forgot to take it.
  if (!updated) throw new AppError('conflict', 'exchange.changed', 'This exchange changed while you were looking at it. Please reload and try again.');
  if (settlement.minutes > 0) await postExchangeHours(tx, ex, settlement.minutes, settlement.actorId, rules);
  const told = await peopleBehind(tx, ex.communityId, [ex.providerId, ex.receiverId], settlement.kinds);
  const ties = settlement.minutes > 0 ? interactionRows(ex.communityId, mutual(ex.providerId, ex.receiverId, 'exchange_confirmed', 'exchange', ex.id, settlement.occurredAt)) : [];
  const tell = notificationRows(ex.communityId, told.filter((id) => id !== settlement.actorId), {
    kind: `exchange.${status}`,
    title: settlement.minutes > 0 ? `${formatMinutes(settlement.minutes)} confirmed for your exchange` : 'A coordinator resolved your exchange',
    body: settlement.note ?? '', link: `/timebank/exchanges/${ex.id}`, sourceId: ex.id,
  });
  // The trust evidence, the timeline step and the notifications in one round trip.
  await insertTogether(tx, [
    ...(ties.length > 0 ? [tx.insert(interactions).values(ties)] : []),
    ...(tell.length > 0 ? [tx.insert(notifications).values(tell).onConflictDoNothing()] : []),
    tx.insert(exchangeEvents).values({
      communityId: ex.communityId, exchangeId: ex.id, kind: settlement.event, actorId: settlement.actorId, onBehalfOf: settlement.onBehalfOf ?? null,
      minutes: settlement.minutes, note: settlement.note ?? '',
    }),
  ]);
}

/**
 * Confirms every exchange whose receiver has not answered within the community's auto-confirm
 * days (counted from when the time was recorded or changed), at the minutes waiting: the
 * recorded time, or the receiver's changed time if the helper has not answered that. Each
 * exchange is its own transaction; one that would break a limit is left for a coordinator and
 * reported in `skipped`. Safe to run from several workers at once: each row is locked and
 * re-checked before it is confirmed.
 */
export async function autoConfirmDue(db: Db, now: Date = new Date()): Promise<{ confirmed: number; skipped: { exchangeId: string; code: string }[] }> {
  const due = await db
    .select({ id: exchanges.id, communityId: exchanges.communityId })
    .from(exchanges)
    .innerJoin(timebankSettings, eq(timebankSettings.communityId, exchanges.communityId))
    .where(and(eq(exchanges.status, 'done'), sql`${exchanges.awaitingSince} <= ${now.toISOString()}::timestamptz - make_interval(days => ${timebankSettings.autoConfirmDays})`))
    .orderBy(exchanges.awaitingSince)
    .limit(1000);
  let confirmed = 0;
  const skipped: { exchangeId: string; code: string }[] = [];
  for (const { id, communityId } of due) {
    try {
      const done = await db.transaction(async (tx) => {
        const [ex] = await tx.select().from(exchanges).where(and(eq(exchanges.id, id), eq(exchanges.communityId, communityId))).for('update');
        const settings = await getSettings(tx, communityId);
        if (ex?.status !== 'done' || !ex.awaitingSince || ex.awaitingSince.getTime() + settings.autoConfirmDays * 86_400_000 > now.getTime()) return false;
        const minutes = ex.adjustedMinutes ?? ex.recordedMinutes!;
        await settleExchange(tx, ex, {
          minutes, how: 'auto', actorId: null, event: 'auto_confirmed',
          note: `Confirmed automatically after ${settings.autoConfirmDays} days without an answer.`,
        }, settings);
        return true;
      });
      if (done) confirmed++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ exchangeId: id, code: error.code });
    }
  }
  return { confirmed, skipped };
}
