// Coordinator reports, computed from the ledger itself so that every total is a sum of entries:
// the minutes of a transaction are the sum of its credits (equal to its debits, since it
// balances) and a reversal counts against the kind it reverses, in the month it is posted.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formatMinutes, type CommunityReport, type REPORT_SECTIONS } from '../../../common/ledger.ts';
import { KITH_TIME_ZONE } from '../verification/dates.ts';
import { toCsv } from './csv.ts';
import { getSettings } from './settings.ts';
import { queryRows } from './sql.ts';

type Period = { from?: string; to?: string };

const ACTIVITY = sql`('exchange', 'group_exchange')`;

function inPeriod(column: SQL, period: Period): SQL {
  return sql`${period.from ? sql`AND ${column} >= (${period.from}::date::timestamp AT TIME ZONE ${KITH_TIME_ZONE})` : sql``}
    ${period.to ? sql`AND ${column} < ((${period.to}::date + 1)::timestamp AT TIME ZONE ${KITH_TIME_ZONE})` : sql``}`;
}

const month = (column: SQL) => sql`to_char(${column} AT TIME ZONE ${KITH_TIME_ZONE}, 'YYYY-MM')`;

/** Each transaction of the period with its base kind (what a reversal reverses), sign and minutes. */
function periodTransactions(communityId: string, period: Period): SQL {
  return sql`SELECT t.id, t.kind, t.base_kind, coalesce(t.reverses_id, t.id) AS base_id,
      CASE WHEN t.kind = 'reversal' THEN -1 ELSE 1 END AS sign, ${month(sql`t.posted_at`)} AS month,
      (SELECT sum(e.amount) FROM ledger_entries e WHERE e.transaction_id = t.id AND e.amount > 0)::bigint AS minutes
    FROM ledger_transactions t
    WHERE t.community_id = ${communityId} ${inPeriod(sql`t.posted_at`, period)}`;
}

const rows = queryRows;

/** Everything a coordinator reports on, for a period (inclusive dates) or all time. */
export async function communityReport(db: Db, communityId: string, period: Period): Promise<CommunityReport> {
  const tx = periodTransactions(communityId, period);
  const [settings, months, active, firsts, totalActive, categories, people, ledger] = await Promise.all([
    getSettings(db, communityId),
    rows<{ month: string; exchanges: number; minutes: number; donated: number; granted: number }>(db, sql`
      WITH tx AS (${tx})
      SELECT month,
        coalesce(sum(sign) FILTER (WHERE base_kind IN ${ACTIVITY}), 0)::int AS exchanges,
        coalesce(sum(sign * minutes) FILTER (WHERE base_kind IN ${ACTIVITY}), 0)::bigint AS minutes,
        coalesce(sum(sign * minutes) FILTER (WHERE base_kind = 'donation'), 0)::bigint AS donated,
        coalesce(sum(sign * minutes) FILTER (WHERE base_kind = 'grant'), 0)::bigint AS granted
      FROM tx GROUP BY month ORDER BY month`),
    rows<{ month: string; n: number }>(db, sql`
      SELECT ${month(sql`t.posted_at`)} AS month, count(DISTINCT e.account_id)::int AS n
      FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'member'
      WHERE t.community_id = ${communityId} AND t.kind IN ${ACTIVITY} ${inPeriod(sql`t.posted_at`, period)}
      GROUP BY 1`),
    rows<{ month: string; n: number }>(db, sql`
      SELECT ${month(sql`f.first_at`)} AS month, count(*)::int AS n FROM (
        SELECT e.account_id, min(t.posted_at) AS first_at
        FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'member'
        WHERE t.community_id = ${communityId} AND t.kind IN ${ACTIVITY} GROUP BY e.account_id) f
      WHERE true ${inPeriod(sql`f.first_at`, period)}
      GROUP BY 1`),
    rows<{ n: number }>(db, sql`
      SELECT count(DISTINCT e.account_id)::int AS n
      FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'member'
      WHERE t.community_id = ${communityId} AND t.kind IN ${ACTIVITY} ${inPeriod(sql`t.posted_at`, period)}`),
    rows<{ category: string; exchanges: number; minutes: number }>(db, sql`
      WITH tx AS (${tx})
      SELECT coalesce(x.category, g.category) AS category, sum(tx.sign)::int AS exchanges, sum(tx.sign * tx.minutes)::bigint AS minutes
      FROM tx JOIN ledger_transactions b ON b.id = tx.base_id
      LEFT JOIN exchanges x ON x.id = b.exchange_id LEFT JOIN group_exchanges g ON g.id = b.group_exchange_id
      WHERE tx.base_kind IN ${ACTIVITY}
      GROUP BY 1 HAVING sum(tx.sign * tx.minutes) > 0 ORDER BY 3 DESC, 1 LIMIT 10`),
    rows<{ userId: string; displayName: string; given: number; received: number; exchanges: number }>(db, sql`
      WITH tx AS (${tx})
      SELECT a.user_id AS "userId", u.display_name AS "displayName",
        sum(CASE WHEN tx.kind <> 'reversal' AND e.amount > 0 THEN e.amount WHEN tx.kind = 'reversal' AND e.amount < 0 THEN e.amount ELSE 0 END)::bigint AS given,
        sum(CASE WHEN tx.kind <> 'reversal' AND e.amount < 0 THEN -e.amount WHEN tx.kind = 'reversal' AND e.amount > 0 THEN -e.amount ELSE 0 END)::bigint AS received,
        sum(tx.sign)::int AS exchanges
      FROM tx JOIN ledger_entries e ON e.transaction_id = tx.id
      JOIN ledger_accounts a ON a.id = e.account_id AND a.kind = 'member' JOIN users u ON u.id = a.user_id
      WHERE tx.base_kind IN ${ACTIVITY}
      GROUP BY a.user_id, u.display_name`),
    ledgerTotals(db, communityId),
  ]);
  const activeBy = new Map(active.map((r) => [r.month, r.n]));
  const firstBy = new Map(firsts.map((r) => [r.month, r.n]));
  const monthNames = [...new Set([...months.map((m) => m.month), ...firsts.map((f) => f.month)])].sort();
  const monthRows = monthNames.map((name) => {
    const m = months.find((r) => r.month === name);
    return {
      month: name, exchanges: m?.exchanges ?? 0, minutesExchanged: Number(m?.minutes ?? 0), activeMembers: activeBy.get(name) ?? 0,
      newMembersFirstExchange: firstBy.get(name) ?? 0, minutesDonated: Number(m?.donated ?? 0), minutesGranted: Number(m?.granted ?? 0),
    };
  });
  const sum = (pick: (m: (typeof monthRows)[number]) => number) => monthRows.reduce((total, m) => total + pick(m), 0);
  const person = (p: (typeof people)[number], minutes: number) => ({ userId: p.userId, displayName: p.displayName, minutes, exchanges: p.exchanges });
  const byMinutes = (a: { minutes: number }, b: { minutes: number }) => b.minutes - a.minutes;
  const reversals = await rows<{ n: number }>(db, sql`WITH tx AS (${tx}) SELECT count(*)::int AS n FROM tx WHERE kind = 'reversal'`);
  return {
    from: period.from ?? null,
    to: period.to ?? null,
    mode: settings.mode,
    totals: {
      exchanges: sum((m) => m.exchanges), minutesExchanged: sum((m) => m.minutesExchanged), minutesDonated: sum((m) => m.minutesDonated),
      minutesGranted: sum((m) => m.minutesGranted), reversals: reversals[0].n, activeMembers: totalActive[0].n,
    },
    months: monthRows,
    topCategories: categories.map((c) => ({ category: c.category, exchanges: c.exchanges, minutes: Number(c.minutes) })),
    giveOnly: people.filter((p) => Number(p.given) > 0 && Number(p.received) === 0).map((p) => person(p, Number(p.given))).sort(byMinutes),
    receiveOnly: people.filter((p) => Number(p.received) > 0 && Number(p.given) === 0).map((p) => person(p, Number(p.received))).sort(byMinutes),
    ledger,
  };
}

/** The whole community ledger checked against itself (not limited to a period). */
export async function ledgerTotals(db: Db, communityId: string): Promise<CommunityReport['ledger']> {
  const [check, [counts]] = await Promise.all([
    checkLedger(db, communityId),
    rows<{ transactions: number; entries: number; fund: number }>(db, sql`
      SELECT (SELECT count(*) FROM ledger_transactions WHERE community_id = ${communityId})::int AS transactions,
             (SELECT count(*) FROM ledger_entries WHERE community_id = ${communityId})::int AS entries,
             (SELECT balance FROM ledger_accounts WHERE community_id = ${communityId} AND kind = 'fund') AS fund`),
  ]);
  return { transactions: counts.transactions, entries: counts.entries, balancesTotal: check.balancesTotal, fundBalance: Number(counts.fund), balanced: check.balanced };
}

/**
 * Proves the ledger against itself: every transaction has two or more entries summing to zero,
 * every maintained balance equals the sum of its account's entries, and the balances sum to zero.
 */
export async function checkLedger(db: Db, communityId: string) {
  const [unbalanced, mismatched, [total]] = await Promise.all([
    rows<{ id: string }>(db, sql`
      SELECT t.id FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
      WHERE t.community_id = ${communityId} GROUP BY t.id HAVING count(e.id) < 2 OR coalesce(sum(e.amount), 0) <> 0`),
    rows<{ accountId: string; balance: number; sumOfEntries: number }>(db, sql`
      SELECT a.id AS "accountId", a.balance, coalesce(sum(e.amount), 0)::bigint AS "sumOfEntries"
      FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
      WHERE a.community_id = ${communityId} GROUP BY a.id, a.balance HAVING a.balance <> coalesce(sum(e.amount), 0)`),
    rows<{ total: number }>(db, sql`SELECT coalesce(sum(balance), 0)::bigint AS total FROM ledger_accounts WHERE community_id = ${communityId}`),
  ]);
  const balancesTotal = Number(total.total);
  return {
    balanced: unbalanced.length === 0 && mismatched.length === 0 && balancesTotal === 0,
    unbalancedTransactions: unbalanced.map((r) => r.id),
    mismatchedAccounts: mismatched.map((m) => ({ accountId: m.accountId, balance: Number(m.balance), sumOfEntries: Number(m.sumOfEntries) })),
    balancesTotal,
  };
}

/** One section of the report as CSV. */
export function reportCsv(report: CommunityReport, section: (typeof REPORT_SECTIONS)[number]): { filename: string; csv: string } {
  const period = `${report.from ?? 'start'}-to-${report.to ?? 'now'}`;
  const people = (list: CommunityReport['giveOnly']) => toCsv(['user_id', 'name', 'minutes', 'hours', 'exchanges'], list.map((p) => [p.userId, p.displayName, p.minutes, formatMinutes(p.minutes), p.exchanges]));
  const csv = {
    months: () => toCsv(
      ['month', 'exchanges', 'minutes_exchanged', 'hours_exchanged', 'active_members', 'new_members_first_exchange', 'minutes_donated', 'minutes_granted'],
      report.months.map((m) => [m.month, m.exchanges, m.minutesExchanged, formatMinutes(m.minutesExchanged), m.activeMembers, m.newMembersFirstExchange, m.minutesDonated, m.minutesGranted]),
    ),
    categories: () => toCsv(['category', 'exchanges', 'minutes', 'hours'], report.topCategories.map((c) => [c.category, c.exchanges, c.minutes, formatMinutes(c.minutes)])),
    'give-only': () => people(report.giveOnly),
    'receive-only': () => people(report.receiveOnly),
  }[section]();
  return { filename: `timebank-${section}-${period}.csv`, csv };
}
