import { and, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { accountTokens, jobs, sessions, signInAttempts } from '../db/schema.ts';

/** Removes what has no use left: expired sessions and tokens, old sign-in attempts, old finished jobs. */
export async function purgeExpired(db: Db): Promise<Record<string, number>> {
  const expiredSessions = await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`)).returning({ id: sessions.id });
  const attempts = await db.delete(signInAttempts).where(lt(signInAttempts.at, sql`now() - interval '1 day'`)).returning({ id: signInAttempts.id });
  const tokens = await db
    .delete(accountTokens)
    .where(or(lt(accountTokens.expiresAt, sql`now() - interval '7 days'`), and(isNotNull(accountTokens.usedAt), lt(accountTokens.usedAt, sql`now() - interval '7 days'`))))
    .returning({ hash: accountTokens.tokenHash });
  const finished = await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ['done', 'failed']), lt(jobs.finishedAt, sql`now() - interval '30 days'`)))
    .returning({ id: jobs.id });
  return { sessions: expiredSessions.length, signInAttempts: attempts.length, accountTokens: tokens.length, jobs: finished.length };
}

/**
 * Refreshes the planner's statistics on the embedded database. PostgreSQL's autovacuum does this
 * by itself; PGlite has no background workers, so without it the plans chosen while the tables
 * were nearly empty (a whole-table scan of the ledger for each balance check, say) would stay
 * as the tables grow. Returns false when there is nothing to do (on PostgreSQL).
 */
export async function refreshStatistics(database: Database): Promise<boolean> {
  if (database.kind !== 'pglite') return false;
  await database.exec('ANALYZE');
  return true;
}
