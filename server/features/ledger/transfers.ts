// Donations to the community fund, grants from it, reversals and group exchanges: every ledger
// movement that is not a two-person exchange.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { groupExchanges, interactions, ledgerAccounts, ledgerEntries, ledgerTransactions, skills, users } from '../../db/schema.ts';
import { AppError, conflict, forbidden, invalid, notFound, isUniqueViolation } from '../../lib/errors.ts';
import { formatMinutes, type GroupExchangeBody, type LedgerTransaction } from '../../../common/ledger.ts';
import { mutual, recordInteractions } from '../exchanges/interactions.ts';
import { requireHelpersSafeguarded } from '../exchanges/safeguarding.ts';
import { isCoordinator, requireActiveParties, requireActiveParty, resolveActingAs } from '../exchanges/parties.ts';
import { blockedBetween } from '../moderation/blocks.ts';
import { notify } from '../offers/notifications.ts';
import { fundAccountId, memberAccountIds, postTransaction } from './posting.ts';
import { getSettings, type SettingsRow } from './settings.ts';

function requireZeroSum(settings: SettingsRow, what: string): void {
  if (settings.mode === 'participation') {
    throw conflict('ledger.participation_mode', `This community counts hours without keeping balances, so ${what} is not possible.`);
  }
}

/** A member (or an organisation they act for) gives hours from their balance to the community fund. */
export async function donate(db: Db, communityId: string, actorId: string, input: { minutes: number; note: string; fromOrganisationId?: string }) {
  const donorId = await resolveActingAs(db, communityId, actorId, input.fromOrganisationId, 'fromOrganisationId');
  return db.transaction(async (tx) => {
    const settings = await getSettings(tx, communityId);
    requireZeroSum(settings, 'donating hours');
    const [fund, accounts] = await Promise.all([fundAccountId(tx, communityId), memberAccountIds(tx, communityId, [donorId])]);
    const donor = accounts.get(donorId)!;
    const posted = await postTransaction(tx, {
      communityId, kind: 'donation', createdBy: actorId, note: input.note,
      legs: [{ accountId: donor, amount: -input.minutes }, { accountId: fund, amount: input.minutes }],
      noOverdraw: [donor],
    }, settings);
    return getTransaction(tx, communityId, posted.id);
  });
}

/** A coordinator grants hours from the community fund to a member, with a reason. */
export async function grant(db: Db, communityId: string, coordinatorId: string, input: { userId: string; minutes: number; reason: string }) {
  await requireActiveParty(db, communityId, input.userId, 'userId');
  return db.transaction(async (tx) => {
    const settings = await getSettings(tx, communityId);
    requireZeroSum(settings, 'granting hours');
    const [fund, accounts] = await Promise.all([fundAccountId(tx, communityId), memberAccountIds(tx, communityId, [input.userId])]);
    const posted = await postTransaction(tx, {
      communityId, kind: 'grant', createdBy: coordinatorId, note: input.reason,
      legs: [{ accountId: fund, amount: -input.minutes }, { accountId: accounts.get(input.userId)!, amount: input.minutes }],
    }, settings);
    await notify(tx, communityId, [input.userId], {
      kind: 'ledger.grant', title: `You were granted ${formatMinutes(input.minutes)} from the community fund`, body: input.reason, link: '/timebank/statement', sourceId: posted.id,
    });
    return getTransaction(tx, communityId, posted.id);
  });
}

/**
 * A coordinator corrects a posted transaction by posting its mirror image with a reason. The
 * original stays; each transaction can be reversed once, and a reversal is never reversed
 * (post the right transaction again instead). Limits apply as to any posting: when a reversal
 * would take someone past one, the coordinator first grants from the fund or changes the limit.
 */
export async function reverse(db: Db, communityId: string, coordinatorId: string, transactionId: string, reason: string) {
  try {
    return await db.transaction(async (tx) => {
      const original = await getTransaction(tx, communityId, transactionId);
      if (original.kind === 'reversal') throw conflict('ledger.reversal_of_reversal', 'A reversal cannot itself be reversed. Record the correct exchange or grant instead.');
      if (original.reversedBy) throw conflict('ledger.already_reversed', 'This transaction has already been reversed.');
      const posted = await postTransaction(tx, {
        communityId, kind: 'reversal', reversesId: original.id, reversedKind: original.kind, createdBy: coordinatorId, note: reason,
        legs: original.entries.map((e) => ({ accountId: e.accountId, amount: -e.amount })),
      });
      await withdrawTies(tx, communityId, original, posted.id);
      const people = original.entries.map((e) => e.userId).filter((id): id is string => id !== null);
      await notify(tx, communityId, people, {
        kind: 'ledger.reversal', title: 'A coordinator reversed a transaction on your statement', body: reason, link: '/timebank/statement', sourceId: posted.id,
      });
      return getTransaction(tx, communityId, posted.id);
    });
  } catch (error) {
    // Two coordinators reversing at once: the unique reverses_id lets only one through.
    if (isUniqueViolation(error)) throw conflict('ledger.already_reversed', 'This transaction has already been reversed.');
    throw error;
  }
}

/**
 * A reversed exchange or group activity no longer counts as trust acted on: for each
 * `exchange_confirmed` tie it wrote, an `exchange_reversed` fact of the opposite weight is
 * appended with the same date, so the two cancel exactly in the trust graph (they decay alike)
 * and the history keeps both. References people left stand: they are their own words.
 */
async function withdrawTies(tx: Db, communityId: string, original: LedgerTransaction, reversalId: string): Promise<void> {
  const source = original.exchangeId ? { type: 'exchange', id: original.exchangeId } : original.groupExchangeId ? { type: 'group_exchange', id: original.groupExchangeId } : null;
  if (!source) return;
  const ties = await tx
    .select({ actorId: interactions.actorId, subjectId: interactions.subjectId, occurredAt: interactions.occurredAt })
    .from(interactions)
    .where(and(eq(interactions.communityId, communityId), eq(interactions.kind, 'exchange_confirmed'), eq(interactions.sourceType, source.type), eq(interactions.sourceId, source.id)));
  await recordInteractions(tx, communityId, ties.map((t) => ({ ...t, kind: 'exchange_reversed' as const, sourceType: 'reversal', sourceId: reversalId })));
}

/**
 * One activity credits several participants: the payer (the fund, or a member or organisation)
 * is debited the total in one transaction. Members may pay only from their own account (or an
 * organisation's they act for); coordinators may choose any payer.
 *
 * What it says about trust depends on who vouches for it. A coordinator recording the activity
 * attests that it happened, as a proxy recording does, so the payer and each participant are
 * tied both ways. A member paying out of their own balance speaks only for themselves: the
 * ties run from the payer to the participants, never from the participants to the payer,
 * because nobody may make others appear to trust them (otherwise one account could buy incoming
 * ties from a hundred neighbours in a single call, which is exactly the fake-account attack the
 * trust engine bounds). Nobody can credit someone they have blocked or who has blocked them.
 */
export async function recordGroupExchange(db: Db, communityId: string, actorId: string, input: GroupExchangeBody) {
  const coordinator = await isCoordinator(db, communityId, actorId);
  if (input.payer.kind === 'fund' && !coordinator) throw forbidden('ledger.fund_coordinator_only', 'Only a coordinator can pay for a group activity from the community fund.');
  if (input.payer.kind === 'member' && !coordinator) await resolveActingAs(db, communityId, actorId, input.payer.userId, 'payer.userId');
  const payerId = input.payer.kind === 'member' ? input.payer.userId : null;
  const participantIds = input.participants.map((p) => p.userId);
  if (new Set(participantIds).size !== participantIds.length) throw invalid('ledger.duplicate_participant', 'Each participant can appear only once.', 'participants');
  if (payerId && participantIds.includes(payerId)) throw invalid('ledger.payer_participates', 'The payer cannot also be credited as a participant.', 'participants');
  if (payerId) await requireActiveParty(db, communityId, payerId, 'payer.userId');
  const names = await requireActiveParties(db, communityId, participantIds, 'participants');
  const [skill] = await db.select().from(skills).where(eq(skills.id, input.skillId));
  if (!skill) throw invalid('skill.not_found', 'Choose a skill from the list.', 'skillId');
  // Noon UTC on the day, as proxy recordings date theirs, so the date reads the same everywhere.
  const occurredAt = new Date(`${input.occurredOn}T12:00:00Z`);
  if (occurredAt.getTime() > Date.now() + 86_400_000) throw invalid('ledger.future_activity', 'Record activities that have already happened.', 'occurredOn');
  if (await blockedBetween(db, [actorId, ...(payerId ? [payerId] : [])], participantIds)) {
    // The same answer as for someone outside the community: a block is never revealed.
    throw new AppError('not_found', 'member.not_found', 'We could not find that member in this community.', 'participants');
  }
  // Everyone credited helped with this work, so each must meet what it needs (a DBS check for
  // work with children, say), as the helper of a one-to-one exchange must.
  await requireHelpersSafeguarded(db, communityId, await getSettings(db, communityId), skill, participantIds);

  return db.transaction(async (tx) => {
    const settings = await getSettings(tx, communityId);
    const accounts = await memberAccountIds(tx, communityId, [...participantIds, ...(payerId ? [payerId] : [])]);
    const payerAccount = payerId ? accounts.get(payerId)! : await fundAccountId(tx, communityId);
    const total = input.participants.reduce((sum, p) => sum + p.minutes, 0);
    const [group] = await tx.insert(groupExchanges).values({
      communityId, title: input.title, skillId: skill.id, category: skill.category, occurredOn: input.occurredOn, payerAccountId: payerAccount, recordedBy: actorId,
    }).returning();
    const posted = await postTransaction(tx, {
      communityId, kind: 'group_exchange', groupExchangeId: group.id, createdBy: actorId, note: input.title,
      legs: [{ accountId: payerAccount, amount: -total }, ...input.participants.map((p) => ({ accountId: accounts.get(p.userId)!, amount: p.minutes }))],
    }, settings);
    if (payerId) {
      const ties = coordinator
        ? participantIds.flatMap((id) => mutual(payerId, id, 'exchange_confirmed', 'group_exchange', group.id, occurredAt))
        : participantIds.map((id) => ({ actorId: payerId, subjectId: id, kind: 'exchange_confirmed' as const, sourceType: 'group_exchange', sourceId: group.id, occurredAt }));
      await recordInteractions(tx, communityId, ties);
    }
    for (const p of input.participants) {
      await notify(tx, communityId, [p.userId], {
        kind: 'ledger.group_exchange', title: `You were credited ${formatMinutes(p.minutes)} for "${input.title}"`, body: '', link: '/timebank/statement', sourceId: posted.id,
      });
    }
    return {
      id: group.id, title: group.title, occurredOn: group.occurredOn, transactionId: posted.id, minutes: total,
      participants: input.participants.map((p) => ({ userId: p.userId, displayName: names.get(p.userId)!.displayName, minutes: p.minutes })),
    };
  });
}

/** One transaction with its entries, who posted it and whether it has been reversed; 404 outside the community. */
export async function getTransaction(db: Db, communityId: string, transactionId: string): Promise<LedgerTransaction> {
  const [row] = await db.select().from(ledgerTransactions).where(and(eq(ledgerTransactions.id, transactionId), eq(ledgerTransactions.communityId, communityId)));
  if (!row) throw notFound('transaction');
  return (await presentTransactions(db, communityId, [row]))[0];
}

/** A coordinator's list of recent transactions, optionally of one kind or touching one member. */
export async function listTransactions(db: Db, communityId: string, query: { kind?: LedgerTransaction['kind']; userId?: string; limit: number; offset: number }) {
  const filters = [eq(ledgerTransactions.communityId, communityId)];
  if (query.kind) filters.push(eq(ledgerTransactions.kind, query.kind));
  if (query.userId) {
    filters.push(sql`${ledgerTransactions.id} IN (SELECT e.transaction_id FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
      WHERE a.community_id = ${communityId} AND a.user_id = ${query.userId})`);
  }
  const rows = await db.select().from(ledgerTransactions).where(and(...filters))
    .orderBy(desc(ledgerTransactions.postedAt), desc(ledgerTransactions.id)).limit(query.limit).offset(query.offset);
  return presentTransactions(db, communityId, rows);
}

async function presentTransactions(db: Db, communityId: string, rows: (typeof ledgerTransactions.$inferSelect)[]): Promise<LedgerTransaction[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [entries, reversals, creators] = await Promise.all([
    db.select({ transactionId: ledgerEntries.transactionId, accountId: ledgerEntries.accountId, userId: ledgerAccounts.userId, displayName: users.displayName, amount: ledgerEntries.amount })
      .from(ledgerEntries)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
      .leftJoin(users, eq(users.id, ledgerAccounts.userId))
      .where(and(eq(ledgerEntries.communityId, communityId), inArray(ledgerEntries.transactionId, ids)))
      .orderBy(ledgerEntries.id),
    db.select({ id: ledgerTransactions.id, reversesId: ledgerTransactions.reversesId }).from(ledgerTransactions)
      .where(and(eq(ledgerTransactions.communityId, communityId), inArray(ledgerTransactions.reversesId, ids))),
    loadCreators(db, rows.map((r) => r.createdBy)),
  ]);
  return rows.map((row) => {
    const own = entries.filter((e) => e.transactionId === row.id);
    return {
      id: row.id,
      kind: row.kind,
      postedAt: row.postedAt.toISOString(),
      note: row.note,
      createdBy: row.createdBy ? { id: row.createdBy, displayName: creators.get(row.createdBy) ?? 'Former member' } : null,
      exchangeId: row.exchangeId,
      groupExchangeId: row.groupExchangeId,
      reversesId: row.reversesId,
      reversedBy: reversals.find((r) => r.reversesId === row.id)?.id ?? null,
      minutes: own.reduce((sum, e) => sum + Math.max(e.amount, 0), 0),
      entries: own.map((e) => ({ accountId: e.accountId, userId: e.userId, displayName: e.displayName ?? 'The community fund', amount: e.amount })),
    };
  });
}

async function loadCreators(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
