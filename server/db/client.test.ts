// A PostgreSQL restart or an administrator ending a connection must not stop Kith: the pool
// drops the dead idle connection, reports it, and serves the next query on a new one.
import { describe, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../../test/context.ts';

describe.runIf(onPostgres())('the PostgreSQL pool', () => {
  it('survives the server ending an idle connection and answers the next query', async () => {
    const { database, drop } = await openTestDatabase(2);
    try {
      const pool = database.pool!;
      const idleErrors: Error[] = [];
      // openDatabase listens for these (an unheard pool error would stop the process); listen here instead.
      expect(pool.listenerCount('error')).toBe(1);
      pool.removeAllListeners('error');
      pool.on('error', (error) => idleErrors.push(error));
      // Two connections at once; the first goes back to the pool idle and the second ends it.
      const [victim, killer] = [await pool.connect(), await pool.connect()];
      const { rows: [{ pid }] } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      victim.release();
      await killer.query('SELECT pg_terminate_backend($1)', [pid]);
      killer.release();
      for (let i = 0; i < 50 && idleErrors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(idleErrors.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
      const [{ answer }] = await database.query<{ answer: number }>('SELECT 42 AS answer');
      expect(answer).toBe(42);
    } finally {
      await database.close();
      await drop();
    }
  });
});
