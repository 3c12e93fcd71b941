// How many of the viewer's exchanges are in each status, for the summary above their list. The
// same exchanges as the list (theirs, or an organisation's they act for, as helper, as the
// person helped, or both), counted by the database rather than by paging through them.
import { and, count, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchanges } from '../../db/schema.ts';
import { EXCHANGE_STATUSES, type ExchangeCounts, type ExchangeStatus } from '../../../common/exchanges.ts';
import type { ExchangeViewer } from './lifecycle.ts';

/** The viewer's exchanges counted by status, for one role or both. */
export async function countExchanges(db: Db, communityId: string, viewer: ExchangeViewer, query: { role: 'provider' | 'receiver' | 'any' }): Promise<ExchangeCounts> {
  const ids = [...viewer.identities];
  const mine = query.role === 'provider' ? inArray(exchanges.providerId, ids) : query.role === 'receiver' ? inArray(exchanges.receiverId, ids) : or(inArray(exchanges.providerId, ids), inArray(exchanges.receiverId, ids));
  const rows = await db.select({ status: exchanges.status, n: count() }).from(exchanges).where(and(eq(exchanges.communityId, communityId), mine)).groupBy(exchanges.status);
  const byStatus = Object.fromEntries(EXCHANGE_STATUSES.map((s) => [s, 0])) as Record<ExchangeStatus, number>;
  for (const row of rows) byStatus[row.status] = row.n;
  return { total: rows.reduce((sum, row) => sum + row.n, 0), byStatus };
}
