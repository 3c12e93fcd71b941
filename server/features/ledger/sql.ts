import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/**
 * Runs hand-written SQL and returns its rows. Both drivers (PGlite, node-postgres) answer with
 * `{ rows }`, but the shared Db type cannot say so, hence the one cast here.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
