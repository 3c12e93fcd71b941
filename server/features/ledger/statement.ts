// Statements: an account's entries newest first with the balance after each, a summary of hours
// given and received, the CSV export and the community fund's own statement.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ledgerAccounts } from '../../db/schema.ts';
import { forbidden } from '../../lib/errors.ts';
import { formatMinutes, type Statement, type StatementEntry } from '../../../common/ledger.ts';
import { actingIdentities, loadParties } from '../exchanges/parties.ts';
import { KITH_TIME_ZONE } from '../verification/dates.ts';
import { toCsv } from './csv.ts';
import { fundAccountId } from './posting.ts';
import { getSettings } from './settings.ts';
import { queryRows } from './sql.ts';

export type EntryFilter = { from?: string; to?: string; before?: number; limit?: number };

type EntryRow = {
  id: number; transactionId: string; amount: number; postedAt: Date | string; kind: StatementEntry['kind']; note: string;
  exchangeId: string | null; reversesId: string | null; reversedBy: string | null; skillLabel: string | null; groupTitle: string | null;
  names: string[] | null; others: number;
};

/** `from`/`to` are whole days in the community's time zone, both inclusive. */
export function dateFilters(filter: EntryFilter): SQL {
  const from = filter.from ? sql`AND e.posted_at >= (${filter.from}::date::timestamp AT TIME ZONE ${KITH_TIME_ZONE})` : sql``;
  const to = filter.to ? sql`AND e.posted_at < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${KITH_TIME_ZONE})` : sql``;
  return sql`${from} ${to}`;
}

function describe(row: EntryRow): { description: string; counterparty: string } {
  const names = row.names ?? [];
  const counterparty = row.others > names.length ? `${names.join(', ')} and ${row.others - names.length} more` : names.join(', ');
  const text = {
    exchange: row.skillLabel ?? 'Exchange',
    group_exchange: row.groupTitle ?? 'Group activity',
    donation: row.note ? `Donation to the community fund: ${row.note}` : 'Donation to the community fund',
    grant: `Grant from the community fund: ${row.note}`,
    reversal: `Reversal: ${row.note}`,
  }[row.kind];
  return { description: text, counterparty };
}

/**
 * Entries of one account, newest first, each with the balance just after it. The balance after
 * the newest entry on the page is the account's balance less everything posted since, so a
 * page costs its own rows plus one sum over the newer ones, however long the history.
 */
export async function accountEntries(db: Db, communityId: string, accountId: string, balance: number, filter: EntryFilter): Promise<{ entries: StatementEntry[]; nextBefore: number | null }> {
  const limit = filter.limit ?? null;
  const rows = await queryRows<EntryRow>(db, sql`
    SELECT e.id, e.transaction_id AS "transactionId", e.amount, e.posted_at AS "postedAt", t.kind, t.note, t.exchange_id AS "exchangeId",
           t.reverses_id AS "reversesId", r.id AS "reversedBy", s.label AS "skillLabel", g.title AS "groupTitle", cp.names, cp.others
    FROM ledger_entries e
    JOIN ledger_transactions t ON t.id = e.transaction_id
    LEFT JOIN ledger_transactions r ON r.reverses_id = t.id
    LEFT JOIN exchanges x ON x.id = t.exchange_id
    LEFT JOIN skills s ON s.id = x.skill_id
    LEFT JOIN group_exchanges g ON g.id = t.group_exchange_id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS others, (array_agg(coalesce(u.display_name, 'The community fund') ORDER BY o.id))[1:3] AS names
      FROM ledger_entries o JOIN ledger_accounts oa ON oa.id = o.account_id LEFT JOIN users u ON u.id = oa.user_id
      WHERE o.transaction_id = e.transaction_id AND o.account_id <> e.account_id AND (o.amount > 0) <> (e.amount > 0)
    ) cp ON true
    WHERE e.account_id = ${accountId} AND e.community_id = ${communityId}
      ${filter.before ? sql`AND e.id < ${filter.before}` : sql``} ${dateFilters(filter)}
    ORDER BY e.id DESC
    ${limit ? sql`LIMIT ${limit + 1}` : sql``}`);
  const page = limit ? rows.slice(0, limit) : rows;
  if (page.length === 0) return { entries: [], nextBefore: null };
  // Without a cursor or an end date the page starts at the newest entry, whose balance is the account's.
  const newer = filter.before || filter.to
    ? Number((await queryRows<{ total: number }>(db, sql`SELECT coalesce(sum(amount), 0)::bigint AS total FROM ledger_entries WHERE account_id = ${accountId} AND id > ${page[0].id}`))[0].total)
    : 0;
  let after = balance - newer;
  const entries = page.map((row) => {
    const entry: StatementEntry = {
      id: Number(row.id), transactionId: row.transactionId, kind: row.kind, postedAt: new Date(row.postedAt).toISOString(), amount: row.amount,
      balanceAfter: after, ...describe(row), exchangeId: row.exchangeId, reversesId: row.reversesId, reversedBy: row.reversedBy,
    };
    after -= row.amount;
    return entry;
  });
  return { entries, nextBefore: limit && rows.length > limit ? Number(page[page.length - 1].id) : null };
}

/**
 * Minutes given and received in exchanges and group activities, net of reversals: a reversal
 * mirrors the original, so its debit undoes a credit given and its credit undoes a debit received.
 */
async function givenAndReceived(db: Db, accountId: string): Promise<{ given: number; received: number }> {
  const [row] = await queryRows<{ given: number; received: number }>(db, sql`
    SELECT coalesce(sum(CASE WHEN kind <> 'reversal' AND amount > 0 THEN amount WHEN kind = 'reversal' AND amount < 0 THEN amount ELSE 0 END), 0)::bigint AS given,
           coalesce(sum(CASE WHEN kind <> 'reversal' AND amount < 0 THEN -amount WHEN kind = 'reversal' AND amount > 0 THEN -amount ELSE 0 END), 0)::bigint AS received
    FROM ledger_entries
    WHERE account_id = ${accountId} AND base_kind IN ('exchange', 'group_exchange')`);
  return { given: Number(row.given), received: Number(row.received) };
}

/** Whose statement the viewer may read: their own, an organisation's they act for, anyone's for a coordinator. */
export async function statementOwner(db: Db, communityId: string, viewer: { userId: string; coordinator: boolean }, userId: string | undefined) {
  const target = userId ?? viewer.userId;
  if (target !== viewer.userId && !viewer.coordinator && !(await actingIdentities(db, communityId, viewer.userId)).includes(target)) {
    throw forbidden('ledger.statement_forbidden', 'You can see only your own statement, or that of an organisation you act for.');
  }
  const [parties, [account]] = await Promise.all([
    loadParties(db, communityId, [target]),
    db.select().from(ledgerAccounts).where(and(eq(ledgerAccounts.communityId, communityId), eq(ledgerAccounts.userId, target))),
  ]);
  const party = parties.get(target);
  if (!party) throw forbidden('ledger.statement_forbidden', 'That person is not a member of this community.');
  return { party, account };
}

/** A member's statement: balance, hours given and received, and a page of entries. */
export async function getStatement(db: Db, communityId: string, viewer: { userId: string; coordinator: boolean }, query: { userId?: string } & EntryFilter): Promise<Statement> {
  const [{ party, account }, settings] = await Promise.all([statementOwner(db, communityId, viewer, query.userId), getSettings(db, communityId)]);
  const zeroSum = settings.mode === 'zero_sum';
  const balance = account ? account.balance : 0;
  const [page, totals] = account
    ? await Promise.all([accountEntries(db, communityId, account.id, balance, query), givenAndReceived(db, account.id)])
    : [{ entries: [], nextBefore: null }, { given: 0, received: 0 }];
  return {
    account: {
      userId: party.id, displayName: party.displayName, mode: settings.mode, balance: zeroSum ? balance : null,
      givenMinutes: totals.given, receivedMinutes: totals.received,
      limits: zeroSum ? { maxDebitMinutes: settings.maxDebitMinutes, maxCreditMinutes: settings.maxCreditMinutes } : null,
    },
    from: query.from ?? null, to: query.to ?? null,
    entries: zeroSum ? page.entries : page.entries.map((e) => ({ ...e, balanceAfter: null })),
    nextBefore: page.nextBefore,
  };
}

/** The statement as CSV, oldest first, every entry in the date range. */
export async function statementCsv(db: Db, communityId: string, viewer: { userId: string; coordinator: boolean }, query: { userId?: string; from?: string; to?: string }): Promise<{ filename: string; csv: string }> {
  const [{ party, account }, settings] = await Promise.all([statementOwner(db, communityId, viewer, query.userId), getSettings(db, communityId)]);
  const { entries } = account ? await accountEntries(db, communityId, account.id, account.balance, { from: query.from, to: query.to }) : { entries: [] };
  const zeroSum = settings.mode === 'zero_sum';
  const header = ['date', 'type', 'description', 'with', 'minutes_in', 'minutes_out', ...(zeroSum ? ['balance_after_minutes', 'balance_after'] : [])];
  const rows = entries.reverse().map((e) => [
    e.postedAt, e.kind, e.description, e.counterparty, e.amount > 0 ? e.amount : null, e.amount < 0 ? -e.amount : null,
    ...(zeroSum ? [e.balanceAfter, formatMinutes(e.balanceAfter ?? 0)] : []),
  ]);
  const slug = party.displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'member';
  return { filename: `statement-${slug}${query.from ? `-from-${query.from}` : ''}${query.to ? `-to-${query.to}` : ''}.csv`, csv: toCsv(header, rows) };
}

/** The community fund: its balance, totals donated and granted, and its latest entries. */
export async function fundSummary(db: Db, communityId: string) {
  const id = await fundAccountId(db, communityId);
  const [[account], settings, [row]] = await Promise.all([
    db.select().from(ledgerAccounts).where(eq(ledgerAccounts.id, id)),
    getSettings(db, communityId),
    queryRows<{ donated: number; granted: number }>(db, sql`SELECT coalesce(sum(amount) FILTER (WHERE base_kind = 'donation'), 0)::bigint AS donated,
                          coalesce(-sum(amount) FILTER (WHERE base_kind = 'grant'), 0)::bigint AS granted
                   FROM ledger_entries WHERE account_id = ${id}`),
  ]);
  const { entries } = await accountEntries(db, communityId, id, account.balance, { limit: 20 });
  return { accountId: id, mode: settings.mode, balance: account.balance, donatedMinutes: Number(row.donated), grantedMinutes: Number(row.granted), recent: entries };
}
