import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers (PGlite, node-postgres) answer with
 * `{ rows }`, but the shared Db type cannot say so, hence the one cast here.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Runs several independent INSERTs as one statement (data-modifying WITH clauses), saving a
 * round trip each on hot paths. Each builder is an ordinary Drizzle insert; none may depend on
 * another's rows.
 */
export async function insertTogether(db: Db, inserts: readonly { getSQL(): SQL }[]): Promise<void> {
  if (inserts.length === 0) return;
  const last = inserts[inserts.length - 1];
  const before = inserts.slice(0, -1).map((insert, i) => sql`${sql.raw(`together_${i}`)} AS (${insert.getSQL()})`);
  await db.execute(before.length > 0 ? sql`WITH ${sql.join(before, sql`, `)} ${last.getSQL()}` : last.getSQL());
}
