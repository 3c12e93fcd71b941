import { and, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
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
