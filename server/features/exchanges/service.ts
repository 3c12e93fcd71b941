// The exchange lifecycle: propose from an offer or a request, accept or decline, coordinator
// approval, record the time, confirm or adjust, dispute and resolve. Every step locks the
// exchange row, asks the lifecycle rules (lifecycle.ts) whether this person may do this now,
// changes the row and appends to the timeline in one transaction. Steps are commands: they
// return nothing, and the routes read the exchange back (getExchange) for the response.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchangeEvents, exchanges, timebankSettings } from '../../db/schema.ts';
import { conflict, invalid, notFound, isUniqueViolation } from '../../lib/errors.ts';
import type { ExchangeAction, ExchangeDetail, ProposeExchangeBody } from '../../../common/exchanges.ts';
import { formatMinutes } from '../../../common/ledger.ts';
import { getSettings, type SettingsRow } from '../ledger/settings.ts';
import type { LockedAccount } from '../ledger/posting.ts';
import { fromJsonRow, queryPrepared } from '../ledger/sql.ts';
import { blockedEitherWay } from '../moderation/blocks.ts';
import { notify } from '../offers/notifications.ts';
import { findListing } from '../offers/service.ts';
import { todayIn } from '../verification/dates.ts';
import { settleExchange } from './confirm.ts';
import { recordInteractions } from './interactions.ts';
import { requireAction, type ExchangeViewer } from './lifecycle.ts';
import { actingIdentities, coordinatorIds, peopleBehind, requireActiveParties, resolveActingAs } from './parties.ts';
import { exchangeDetail, findExchange, isHeld } from './queries.ts';
import { needsApproval } from './approval.ts';
import { requireExchangeHelper, requireSafeguarded } from './safeguarding.ts';

/** Who is acting: the signed-in person and whether they coordinate this community. */
export type ExchangeActor = { userId: string; coordinator: boolean };

/** The viewer as the lifecycle rules see them. */
export async function viewerOf(db: Db, communityId: string, actor: ExchangeActor): Promise<ExchangeViewer> {
  return { identities: await actingIdentities(db, communityId, actor.userId), coordinator: actor.coordinator };
}

/** One exchange with its timeline and references, for the parties and coordinators; 404 for anyone else. */
export async function getExchange(db: Db, communityId: string, actor: ExchangeActor, exchangeId: string): Promise<ExchangeDetail> {
  const [row, viewer, settings] = await Promise.all([findExchange(db, communityId, exchangeId), viewerOf(db, communityId, actor), getSettings(db, communityId)]);
  if (!row || !(viewer.coordinator || viewer.identities.includes(row.ex.providerId) || viewer.identities.includes(row.ex.receiverId))) throw notFound('exchange');
  return exchangeDetail(db, communityId, row, viewer, settings);
}

/** Blocks either way stop two people exchanging. */
async function requireNotBlocked(db: Db, a: string, b: string): Promise<void> {
  if (await blockedEitherWay(db, a, b)) throw conflict('exchange.blocked', 'You cannot start an exchange with this member.');
}

/**
 * Proposes an exchange from an offer or a request. Answering someone else's listing makes you
 * the other side; proposing from your own listing needs `counterpartId`. The helper must be
 * safeguarding-checked in safeguarding categories; approval categories wait for a coordinator.
 */
export async function proposeExchange(db: Db, communityId: string, actor: ExchangeActor, body: ProposeExchangeBody): Promise<string> {
  const me = await resolveActingAs(db, communityId, actor.userId, body.asOrganisationId, 'asOrganisationId');
  const listing = await findListing(db, communityId, body.listingId);
  if (!listing) throw notFound('listing');
  if (listing.l.status !== 'open' || (listing.l.expiresOn !== null && listing.l.expiresOn < todayIn())) {
    throw conflict('listing.not_open', `This ${listing.l.kind} is no longer open.`, 'listingId');
  }
  const mine = listing.l.ownerId === me;
  if (mine && !body.counterpartId) throw invalid('exchange.counterpart_required', `Choose who you are asking to take up your ${listing.l.kind}.`, 'counterpartId');
  if (!mine && body.counterpartId && body.counterpartId !== listing.l.ownerId) {
    throw invalid('exchange.counterpart_not_owner', `When you answer someone else's ${listing.l.kind}, the exchange is with them.`, 'counterpartId');
  }
  const other = mine ? body.counterpartId! : listing.l.ownerId;
  if (other === me) throw conflict('exchange.self', 'You cannot exchange time with yourself.', 'counterpartId');
  const [providerId, receiverId] = (listing.l.kind === 'offer') === mine ? [me, other] : [other, me];
  await requireActiveParties(db, communityId, [providerId, receiverId], mine ? 'counterpartId' : 'listingId');
  await requireNotBlocked(db, me, other);
  const settings = await getSettings(db, communityId);
  await requireSafeguarded(db, communityId, settings, listing.skill, providerId, me, listing.l.place);
  const approval = needsApproval(settings, { category: listing.skill.category, place: listing.l.place }) ? 'pending' : 'not_needed';
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(exchanges).values({
        communityId, listingId: listing.l.id, providerId, receiverId, proposedBy: me, skillId: listing.skill.id, category: listing.skill.category,
        description: body.description, proposedMinutes: body.proposedMinutes ?? null, scheduledFor: body.scheduledFor ? new Date(body.scheduledFor) : null, approval,
      }).returning({ id: exchanges.id });
      await tx.insert(exchangeEvents).values({ communityId, exchangeId: row.id, kind: 'proposed', actorId: actor.userId, note: body.description });
      await notify(tx, communityId, await peopleBehind(tx, communityId, [other]), {
        kind: 'exchange.proposed', title: `New exchange proposed: ${listing.l.title}`, body: body.description, link: `/timebank/exchanges/${row.id}`, sourceId: row.id,
      });
      if (approval === 'pending') {
        await notify(tx, communityId, await coordinatorIds(tx, communityId), {
          kind: 'exchange.approval_needed', title: `An exchange in ${listing.skill.label.toLowerCase()} needs your approval`, body: listing.l.title, link: `/timebank/exchanges/${row.id}`, sourceId: row.id,
        });
      }
      return row.id;
    });
    return id;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('exchange.duplicate', 'You already have an open exchange about this listing with this member.', 'listingId');
    throw error;
  }
}

/** The exchange row as a lifecycle step locks it, with what its messages need. */
type LockedExchange = {
  ex: typeof exchanges.$inferSelect;
  skillLabel: string;
  providerName: string;
  receiverName: string;
  kinds: ReadonlyMap<string, 'person' | 'organisation'>;
  /** Names of parties who cannot take part now (suspended, left, or account closed). */
  away: readonly string[];
  /** The two parties' ledger accounts, locked, by party id, for steps that move hours (absent until an account is opened). */
  accounts?: ReadonlyMap<string, LockedAccount>;
};

type LockRow = {
  ex: Record<string, unknown>;
  settings: Record<string, unknown>;
  skillLabel: string;
  parties: { id: string; displayName: string; kind: 'person' | 'organisation'; away: boolean }[];
  actsFor: string[];
  accounts?: { id: string; kind: 'member' | 'fund'; userId: string; balance: number }[] | null;
};

// The lock is one hand-written statement: it runs on every step, and a confirmation is a
// handful of statements in all. The rows come back as JSON and the rest as scalar subqueries,
// which plans in a fraction of the time a join listing every column takes (this matters most
// on PGlite, which plans every statement afresh).
const LOCK_SELECT = sql.raw(`to_jsonb(ex) AS ex,
  (SELECT to_jsonb(s) FROM timebank_settings s WHERE s.community_id = ex.community_id) AS settings,
  (SELECT k.label FROM skills k WHERE k.id = ex.skill_id) AS "skillLabel",
  (SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'kind', u.kind,
     'away', u.suspended_at IS NOT NULL OR u.deleted_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM memberships m
       WHERE m.community_id = ex.community_id AND m.user_id = u.id AND m.status = 'active')))
   FROM users u WHERE u.id IN (ex.provider_id, ex.receiver_id)) AS parties`);
// The parties' accounts, locked after the exchange and in id order like every posting's.
const LOCK_ACCOUNTS = sql.raw(`, (SELECT json_agg(json_build_object('id', l.id, 'kind', l.kind, 'userId', l.user_id, 'balance', l.balance))
    FROM (SELECT a.id, a.kind, a.user_id, a.balance FROM ledger_accounts a WHERE a.community_id = ex.community_id AND a.user_id IN (ex.provider_id, ex.receiver_id)
          ORDER BY a.id FOR UPDATE OF a) l) AS "accounts"`);

/**
 * Locks one exchange of the community for a step, with the community's settings and the viewer's
 * identities among its two parties (themselves, or an organisation they act for), in one query;
 * 404 when there is no such exchange. Steps that move hours also lock the parties' ledger
 * accounts in the same query (after the exchange, in id order), so that a confirmation checks
 * its limits against balances no one else can change before it commits.
 */
async function lockExchange(tx: Db, communityId: string, exchangeId: string, actor: ExchangeActor, withAccounts: boolean): Promise<LockedExchange & { viewer: ExchangeViewer; settings: SettingsRow }> {
  // Only the exchange row and the accounts: the settings row stays free for coordinators to change.
  const [row] = await queryPrepared<LockRow>(tx, sql`
    WITH ex AS MATERIALIZED (SELECT * FROM exchanges WHERE id = ${exchangeId} AND community_id = ${communityId} FOR UPDATE)
    SELECT ${LOCK_SELECT},
      coalesce((SELECT array_agg(a.organisation_id::text) FROM organisation_agents a
        WHERE a.community_id = ex.community_id AND a.user_id = ${actor.userId} AND a.organisation_id IN (ex.provider_id, ex.receiver_id)), '{}') AS "actsFor"
      ${withAccounts ? LOCK_ACCOUNTS : sql``}
    FROM ex`);
  if (!row) throw notFound('exchange');
  const ex = fromJsonRow(exchanges, row.ex);
  const [provider, receiver] = [ex.providerId, ex.receiverId].map((id) => row.parties.find((p) => p.id === id)!);
  return {
    ex,
    settings: fromJsonRow(timebankSettings, row.settings),
    skillLabel: row.skillLabel,
    providerName: provider.displayName,
    receiverName: receiver.displayName,
    kinds: new Map([[provider.id, provider.kind], [receiver.id, receiver.kind]]),
    away: [provider, receiver].filter((p) => p.away).map((p) => p.displayName),
    accounts: withAccounts
      ? new Map((row.accounts ?? []).map((a) => [a.userId, { ...a, balance: Number(a.balance), displayName: a.userId === provider.id ? provider.displayName : receiver.displayName }]))
      : undefined,
    viewer: { identities: [actor.userId, ...row.actsFor], coordinator: actor.coordinator },
  };
}

type Step = {
  action: ExchangeAction;
  /** The step may move hours: lock the parties' ledger accounts with the exchange. */
  settles?: boolean;
  /** Checks beyond the lifecycle rules, with the locked row. */
  check?: (row: LockedExchange, tx: Db, settings: SettingsRow) => Promise<void> | void;
  /** The change to make; return undefined when `settleExchange` does the work. */
  change: (row: LockedExchange, tx: Db, settings: SettingsRow) => Promise<Partial<typeof exchanges.$inferInsert> | undefined>;
  event?: { kind: (typeof exchangeEvents.$inferInsert)['kind']; minutes?: number | null; note?: string };
  /** Who to tell, and what. */
  tell?: (row: LockedExchange) => { to: 'other' | 'both' | 'coordinators+other'; title: string; body?: string };
};

/**
 * Runs one lifecycle step: locks the exchange, checks the rules, applies the change, appends the
 * event and notifies, all in one transaction. Steps never depend on the ledger or on references
 * (reversals and references are not steps), so the lock reads the exchange row alone.
 */
async function step(db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, s: Step): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockExchange(tx, communityId, exchangeId, actor, s.settles ?? false);
    const { viewer, settings } = row;
    requireAction({ ...row.ex, transactionId: null, reversed: false, referencedBy: [], held: isHeld(row.ex) }, viewer, s.action);
    if ((s.action === 'confirm' || s.action === 'accept_adjustment') && row.away.length > 0) {
      throw conflict('member.unavailable', `${row.away.join(' and ')} cannot take part in exchanges at the moment, so these hours cannot move now. ` +
        'If this needs sorting out, dispute the exchange and a coordinator will decide.');
    }
    await s.check?.(row, tx, settings);
    const changes = await s.change(row, tx, settings);
    if (changes) {
      await tx.update(exchanges).set({ ...changes, updatedAt: new Date() }).where(and(eq(exchanges.id, exchangeId), eq(exchanges.communityId, communityId)));
    }
    if (s.event) {
      await tx.insert(exchangeEvents).values({ communityId, exchangeId, kind: s.event.kind, actorId: actor.userId, minutes: s.event.minutes ?? null, note: s.event.note ?? '' });
    }
    const message = s.tell?.(row);
    if (message) {
      const mySide = viewer.identities.includes(row.ex.providerId) ? row.ex.providerId : viewer.identities.includes(row.ex.receiverId) ? row.ex.receiverId : null;
      const parties = message.to === 'both' || !mySide ? [row.ex.providerId, row.ex.receiverId] : [mySide === row.ex.providerId ? row.ex.receiverId : row.ex.providerId];
      const people = [...(await peopleBehind(tx, communityId, parties, row.kinds)), ...(message.to === 'coordinators+other' ? await coordinatorIds(tx, communityId) : [])];
      await notify(tx, communityId, people.filter((id) => id !== actor.userId), {
        kind: `exchange.${s.event?.kind ?? s.action}`, title: message.title, body: message.body ?? '', link: `/timebank/exchanges/${exchangeId}`, sourceId: exchangeId,
      });
    }
  });
}

/** The person asked accepts; the helper must (still) be safeguarding-checked where that applies. */
export const acceptExchange = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'accept',
    check: async (row, tx, settings) => {
      await requireActiveParties(tx, communityId, [row.ex.providerId, row.ex.receiverId]);
      await requireExchangeHelper(tx, communityId, settings, row.ex, actor.userId);
    },
    change: async () => ({ status: 'accepted' }),
    event: { kind: 'accepted' },
    tell: (row) => ({ to: 'other', title: `Your exchange for ${row.skillLabel.toLowerCase()} was accepted` }),
  });

/** The person asked declines, with an optional reason. */
export const declineExchange = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, reason: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'decline', change: async () => ({ status: 'declined' }), event: { kind: 'declined', note: reason },
    tell: (row) => ({ to: 'other', title: `Your exchange for ${row.skillLabel.toLowerCase()} was declined`, body: reason }),
  });

/** Either side calls it off before the time is recorded (the proposer only, while it is a proposal). */
export const cancelExchange = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, reason: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'cancel', change: async () => ({ status: 'cancelled' }), event: { kind: 'cancelled', note: reason },
    tell: (row) => ({ to: 'other', title: `An exchange for ${row.skillLabel.toLowerCase()} was cancelled`, body: reason }),
  });

/** A coordinator approves an exchange in an approval category, or refuses it (which declines it). */
export const decideApproval = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, decision: 'approve' | 'refuse', note: string) =>
  step(db, communityId, actor, exchangeId, {
    action: decision,
    change: async () => (decision === 'approve' ? { approval: 'approved' } : { approval: 'refused', status: 'declined' }),
    event: { kind: decision === 'approve' ? 'approved' : 'refused', note },
    tell: (row) => ({ to: 'both', title: `A coordinator ${decision === 'approve' ? 'approved' : 'did not approve'} your exchange for ${row.skillLabel.toLowerCase()}`, body: note }),
  });

/** The helper records the time the work took; the receiver then confirms or suggests a change. */
export const recordTime = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, minutes: number, note: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'record',
    check: (row, tx, settings) => requireExchangeHelper(tx, communityId, settings, row.ex, actor.userId),
    change: async () => ({ status: 'done', recordedMinutes: minutes, awaitingSince: new Date() }),
    event: { kind: 'done', minutes, note },
    tell: (row) => ({ to: 'other', title: `${row.providerName} recorded ${formatMinutes(minutes)}. Please confirm it or suggest a change.`, body: note }),
  });

/** The receiver confirms the recorded time: the hours move. */
export const confirmExchange = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'confirm',
    settles: true,
    change: async (row, tx, settings) => {
      await settleExchange(tx, row.ex, { minutes: row.ex.recordedMinutes!, how: 'receiver', actorId: actor.userId, event: 'confirmed', kinds: row.kinds }, settings, row.accounts);
      return undefined;
    },
  });

/** The receiver suggests a different time; the helper must accept it (or dispute). */
export const adjustTime = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, minutes: number, note: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'adjust',
    check: (row) => {
      if (row.ex.recordedMinutes === minutes) throw invalid('exchange.adjust_same', 'That is the time already recorded. Confirm it instead.', 'minutes');
    },
    change: async () => ({ adjustedMinutes: minutes, adjustmentNote: note, awaitingSince: new Date() }),
    event: { kind: 'adjusted', minutes, note },
    tell: (row) => ({ to: 'other', title: `${row.receiverName} suggested ${formatMinutes(minutes)} instead of ${formatMinutes(row.ex.recordedMinutes!)}`, body: note }),
  });

/** The helper accepts the receiver's changed time: the hours move. */
export const acceptAdjustment = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'accept_adjustment',
    settles: true,
    change: async (row, tx, settings) => {
      await settleExchange(tx, row.ex, { minutes: row.ex.adjustedMinutes!, how: 'adjustment_accepted', actorId: actor.userId, event: 'adjustment_accepted', kinds: row.kinds }, settings, row.accounts);
      return undefined;
    },
  });

/** Either side asks a coordinator to step in; nothing moves until it is resolved. */
export const disputeExchange = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, reason: string) =>
  step(db, communityId, actor, exchangeId, {
    action: 'dispute', change: async () => ({ status: 'disputed', awaitingSince: null }), event: { kind: 'disputed', note: reason },
    tell: (row) => ({ to: 'coordinators+other', title: `An exchange for ${row.skillLabel.toLowerCase()} is disputed`, body: reason }),
  });

/**
 * A coordinator resolves a dispute: posts the minutes they decide (0 posts nothing) and may
 * uphold it against one side, which the trust engine reads as negative evidence.
 */
export const resolveDispute = (db: Db, communityId: string, actor: ExchangeActor, exchangeId: string, input: { minutes: number; upheldAgainst: 'provider' | 'receiver' | 'neither'; note: string }) =>
  step(db, communityId, actor, exchangeId, {
    action: 'resolve',
    settles: input.minutes > 0,
    change: async (row, tx, settings) => {
      const against = input.upheldAgainst === 'neither' ? null : input.upheldAgainst === 'provider' ? row.ex.providerId : row.ex.receiverId;
      if (against) await tx.update(exchanges).set({ upheldAgainst: against }).where(and(eq(exchanges.id, exchangeId), eq(exchanges.communityId, communityId)));
      await settleExchange(tx, row.ex, { minutes: input.minutes, how: 'resolution', actorId: actor.userId, event: 'resolved', note: input.note, status: 'resolved', kinds: row.kinds }, settings, row.accounts);
      if (against) {
        const wronged = against === row.ex.providerId ? row.ex.receiverId : row.ex.providerId;
        await recordInteractions(tx, communityId, [{ actorId: wronged, subjectId: against, kind: 'dispute_upheld', sourceType: 'exchange', sourceId: exchangeId }]);
      }
      return undefined;
    },
  });
