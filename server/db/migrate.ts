import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** The migration files in the order they apply. */
export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
}

/**
 * Applies every migration not yet recorded, each in its own transaction, under an advisory
 * lock so that two processes starting together do not race.
 */
export async function migrate(database: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  const lockId = 4_242_1001;
  if (database.kind === 'postgres') {
    // A session-level lock needs one connection for lock, work and unlock.
    const client = await database.pool!.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [lockId]);
      const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
      for (const file of listMigrations(dir)) {
        if (done.has(file)) continue;
        await client.query('BEGIN');
        try {
          await client.query(readFileSync(join(dir, file), 'utf8'));
          await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
        }
        applied.push(file);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch(() => undefined);
      client.release();
    }
    return applied;
  }
  const done = new Set((await database.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
  for (const file of listMigrations(dir)) {
    if (done.has(file)) continue;
    const name = file.replace(/'/g, "''");
    try {
      await database.exec(`BEGIN;\n${readFileSync(join(dir, file), 'utf8')}\nINSERT INTO schema_migrations (name) VALUES ('${name}');\nCOMMIT;`);
    } catch (error) {
      await database.exec('ROLLBACK').catch(() => undefined);
      throw new Error(`Migration ${file} failed: ${(error as Error).message}`);
    }
    applied.push(file);
  }
  return applied;
}

/** True when every migration file has been applied (readiness). */
export async function migrationsApplied(database: Database, dir = MIGRATIONS_DIR): Promise<boolean> {
  const rows = await database.query<{ name: string }>('SELECT name FROM schema_migrations').catch(() => []);
  const done = new Set(rows.map((r) => r.name));
  return listMigrations(dir).every((f) => done.has(f));
}
