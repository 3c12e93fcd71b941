// What a statement adds up to over a period: the balance before and after it, every minute in
// and out, and the hours given and received. Summed from the ledger's entries in one query, on
// the same day boundaries as the statement's own date filter, so the figures always agree with
// the lines the member sees.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { invalid } from '../../lib/errors.ts';
import type { StatementTotals } from '../../../common/ledger.ts';
import { getSettings } from './settings.ts';
import { queryRows } from './sql.ts';
import { dateFilters, statementOwner } from './statement.ts';

type Sums = { opening: number; in: number; out: number; given: number; received: number; entries: number };

/** A member's (or an organisation's) totals between two days, both inclusive; either may be left open. */
export async function statementTotals(db: Db, communityId: string, viewer: { userId: string; coordinator: boolean }, query: { userId?: string; from?: string; to?: string }): Promise<StatementTotals> {
  if (query.from && query.to && query.from > query.to) throw invalid('ledger.period_reversed', 'The end date is before the start date.', 'to');
  const [{ party, account }, settings] = await Promise.all([statementOwner(db, communityId, viewer, query.userId), getSettings(db, communityId)]);
  const sums: Sums = { opening: 0, in: 0, out: 0, given: 0, received: 0, entries: 0 };
  if (account) {
    // Entries after the period are never read; those before it only make the opening balance.
    const inPeriod = sql`(TRUE ${dateFilters({ from: query.from })})`;
    const [row] = await queryRows<Record<keyof Sums, number | string>>(db, sql`
      SELECT coalesce(sum(e.amount) FILTER (WHERE NOT ${inPeriod}), 0)::bigint AS opening,
             coalesce(sum(e.amount) FILTER (WHERE ${inPeriod} AND e.amount > 0), 0)::bigint AS "in",
             coalesce(-sum(e.amount) FILTER (WHERE ${inPeriod} AND e.amount < 0), 0)::bigint AS "out",
             coalesce(sum(CASE WHEN e.kind <> 'reversal' AND e.amount > 0 THEN e.amount WHEN e.kind = 'reversal' AND e.amount < 0 THEN e.amount ELSE 0 END)
               FILTER (WHERE ${inPeriod} AND e.base_kind IN ('exchange', 'group_exchange')), 0)::bigint AS given,
             coalesce(sum(CASE WHEN e.kind <> 'reversal' AND e.amount < 0 THEN -e.amount WHEN e.kind = 'reversal' AND e.amount > 0 THEN -e.amount ELSE 0 END)
               FILTER (WHERE ${inPeriod} AND e.base_kind IN ('exchange', 'group_exchange')), 0)::bigint AS received,
             count(*) FILTER (WHERE ${inPeriod})::int AS entries
      FROM ledger_entries e
      WHERE e.account_id = ${account.id} AND e.community_id = ${communityId} ${dateFilters({ to: query.to })}`);
    for (const key of Object.keys(sums) as (keyof Sums)[]) sums[key] = Number(row[key]);
  }
  const zeroSum = settings.mode === 'zero_sum';
  return {
    userId: party.id, displayName: party.displayName, mode: settings.mode, from: query.from ?? null, to: query.to ?? null,
    openingBalance: zeroSum ? sums.opening : null,
    closingBalance: zeroSum ? sums.opening + sums.in - sums.out : null,
    minutesIn: sums.in, minutesOut: sums.out, givenMinutes: sums.given, receivedMinutes: sums.received, entries: sums.entries,
  };
}
