// Confirming an exchange: the status change, the one ledger transaction, the trust evidence and
// the timeline entry, all in the caller's database transaction, so either all of it happens
// or none of it does. Used by the receiver's confirmation, an accepted adjustment, a proxy
// recording, a coordinator's resolution and the auto-confirm job.
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeEvents, exchanges, timebankSettings } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { formatMinutes } from '../../../common/ledger.ts';
import { lockMemberAccounts, postingClauses, type LockedAccount } from '../ledger/posting.ts';
import { getSettings, type SettingsRow } from '../ledger/settings.ts';
import { queryPrepared } from '../ledger/sql.ts';
import { notificationRows, notify } from '../offers/notifications.ts';
import { interactionRows, mutual } from './interactions.ts';
import { coordinatorIds, partiesAway, peopleBehind } from './parties.ts';
import { autoConfirmAt } from './queries.ts';

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

/**
 * Settles an exchange the caller has locked and checked: sets it confirmed (or resolved), posts
 * exactly one ledger transaction when minutes > 0 (provider +minutes, receiver −minutes, under
 * the community's limits), writes both directions of the tie to `interactions`, the step to the
 * timeline and the notifications. The limits are checked against the parties' locked accounts
 * (`locked`, when the caller locked them with the exchange; otherwise they are locked here),
 * and then every write is one statement. Must run inside a db.transaction.
 */
export async function settleExchange(tx: Db, ex: ExchangeRecord, settlement: Settlement, settings?: SettingsRow, locked?: ReadonlyMap<string, LockedAccount>): Promise<void> {
  const rules = settings ?? (await getSettings(tx, ex.communityId));
  const status = settlement.status ?? 'confirmed';
  const moves = settlement.minutes > 0;
  let posting: SQL | undefined;
  if (moves) {
    const accounts = locked?.has(ex.providerId) && locked.has(ex.receiverId) ? locked : await lockMemberAccounts(tx, ex.communityId, [ex.providerId, ex.receiverId]);
    const [provider, receiver] = [accounts.get(ex.providerId)!, accounts.get(ex.receiverId)!];
    posting = postingClauses({
      communityId: ex.communityId, kind: 'exchange', exchangeId: ex.id, createdBy: settlement.actorId,
      legs: [{ accountId: provider.id, amount: settlement.minutes }, { accountId: receiver.id, amount: -settlement.minutes }],
    }, rules, [provider, receiver]);
  }
  const told = await peopleBehind(tx, ex.communityId, [ex.providerId, ex.receiverId], settlement.kinds);
  const ties = moves ? interactionRows(ex.communityId, mutual(ex.providerId, ex.receiverId, 'exchange_confirmed', 'exchange', ex.id, settlement.occurredAt)) : [];
  const tell = notificationRows(ex.communityId, told.filter((id) => id !== settlement.actorId), {
    kind: `exchange.${status}`,
    title: moves ? `${formatMinutes(settlement.minutes)} confirmed for your exchange` : 'A coordinator resolved your exchange',
    body: settlement.note ?? '', link: `/timebank/exchanges/${ex.id}`, sourceId: ex.id,
  });
  const clauses = [
    sql`settled AS (
      UPDATE exchanges SET status = ${status}, confirmed_minutes = ${settlement.minutes}, confirmed_at = ${moves ? sql`now()` : null},
        confirmed_how = ${moves ? settlement.how : null}, adjusted_minutes = NULL, awaiting_since = NULL, updated_at = now()
      WHERE id = ${ex.id} AND community_id = ${ex.communityId} AND status = ${ex.status}
      RETURNING id
    )`,
    ...(posting ? [posting] : []),
    ...(ties.length > 0 ? [sql`ties AS (
      INSERT INTO interactions (community_id, actor_id, subject_id, kind, weight, source_type, source_id, occurred_at)
      VALUES ${sql.join(ties.map((t) => sql`(${t.communityId}, ${t.actorId}, ${t.subjectId}, ${t.kind}, ${t.weight}, ${t.sourceType}, ${t.sourceId}, coalesce(${t.occurredAt?.toISOString() ?? null}::timestamptz, now()))`), sql`, `)}
    )`] : []),
    ...(tell.length > 0 ? [sql`told AS (
      INSERT INTO notifications (community_id, user_id, kind, title, body, link, source_id)
      VALUES ${sql.join(tell.map((n) => sql`(${n.communityId}, ${n.userId}, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.sourceId})`), sql`, `)}
      ON CONFLICT DO NOTHING
    )`] : []),
    sql`step AS (
      INSERT INTO exchange_events (community_id, exchange_id, kind, actor_id, on_behalf_of, minutes, note)
      VALUES (${ex.communityId}, ${ex.id}, ${settlement.event}, ${settlement.actorId}, ${settlement.onBehalfOf ?? null}, ${settlement.minutes}, ${settlement.note ?? ''})
    )`,
  ];
  // The status change, the posting, the trust evidence, the timeline step and the notifications
  // in one round trip; the triggers move the balances and check the sum at commit.
  const [{ settled, posted }] = await queryPrepared<{ settled: number; posted: string | null }>(tx, sql`
    WITH ${sql.join(clauses, sql`, `)}
    SELECT (SELECT count(*) FROM settled)::int AS settled, ${posting ? sql`(SELECT posting_id FROM ledger_post)` : sql`NULL::uuid`} AS posted`);
  // The caller holds the row lock, so this only fails if it forgot to take it.
  if (settled !== 1) throw new AppError('conflict', 'exchange.changed', 'This exchange changed while you were looking at it. Please reload and try again.');
  // The accounts were locked as this community's, so the posting is always written.
  if (moves && !posted) throw new Error(`The hours for exchange ${ex.id} were not posted.`);
}

/**
 * Confirms every exchange whose receiver has not answered within the community's auto-confirm
 * days (counted from when the time was recorded or changed), at the minutes waiting: the
 * recorded time, or the receiver's changed time if the helper has not answered that. Each
 * exchange is its own transaction. One that must not be confirmed unattended (it would break a
 * limit, or one of the two is suspended, has left or has closed their account) is held for a
 * coordinator rather than retried every hour: it leaves the scheduler's list, its timeline says
 * why, both people and the coordinators are told, and the coordinators' queue lists it to
 * resolve. Held ones are reported in `skipped`. Safe to run from several workers at once: each
 * row is locked and re-checked before anything is written.
 */
export async function autoConfirmDue(db: Db, now: Date = new Date()): Promise<{ confirmed: number; skipped: { exchangeId: string; code: string }[] }> {
  const due = await db
    .select({ id: exchanges.id, communityId: exchanges.communityId })
    .from(exchanges)
    .innerJoin(timebankSettings, eq(timebankSettings.communityId, exchanges.communityId))
    .where(and(eq(exchanges.status, 'done'), isNull(exchanges.autoConfirmHeldAt), sql`${exchanges.awaitingSince} <= ${now.toISOString()}::timestamptz - make_interval(days => ${timebankSettings.autoConfirmDays})`))
    .orderBy(exchanges.awaitingSince)
    .limit(1000);
  let confirmed = 0;
  const skipped: { exchangeId: string; code: string }[] = [];
  for (const { id, communityId } of due) {
    const lockDue = async (tx: Db) => {
      const [ex] = await tx.select().from(exchanges).where(and(eq(exchanges.id, id), eq(exchanges.communityId, communityId))).for('update');
      const settings = await getSettings(tx, communityId);
      const dueAt = ex ? autoConfirmAt(ex, settings) : null;
      return dueAt !== null && dueAt <= now ? { ex, settings } : undefined;
    };
    try {
      const done = await db.transaction(async (tx) => {
        const locked = await lockDue(tx);
        if (!locked) return false;
        const { ex, settings } = locked;
        const away = await partiesAway(tx, ex.communityId, [ex.providerId, ex.receiverId]);
        if (away.length > 0) {
          throw new AppError('conflict', 'member.unavailable', `${away.join(' and ')} cannot take part in exchanges at the moment, so the time was not confirmed automatically.`);
        }
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
      await db.transaction(async (tx) => {
        const locked = await lockDue(tx);
        if (locked) await holdForCoordinator(tx, locked.ex, error.message);
      });
      skipped.push({ exchangeId: id, code: error.code });
    }
  }
  return { confirmed, skipped };
}

/** Takes an exchange off the scheduler's list and puts it in front of the coordinators, saying why. */
async function holdForCoordinator(tx: Db, ex: ExchangeRecord, reason: string): Promise<void> {
  await tx.update(exchanges).set({ autoConfirmHeldAt: new Date(), updatedAt: new Date() }).where(and(eq(exchanges.id, ex.id), eq(exchanges.communityId, ex.communityId)));
  await tx.insert(exchangeEvents).values({ communityId: ex.communityId, exchangeId: ex.id, kind: 'auto_confirm_held', actorId: null, note: reason });
  const people = [...(await peopleBehind(tx, ex.communityId, [ex.providerId, ex.receiverId])), ...(await coordinatorIds(tx, ex.communityId))];
  await notify(tx, ex.communityId, people, {
    kind: 'exchange.auto_confirm_held', title: 'An exchange could not be confirmed automatically; a coordinator will look at it', body: reason, link: `/timebank/exchanges/${ex.id}`, sourceId: ex.id,
  });
}
