import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

/** The query builder every service takes; the same type on PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: the query builder plus raw access for migrations and health checks. */
export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations). */
  exec(sqlText: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
};

export type OpenOptions = {
  url?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** Told when the server drops an idle pooled connection (a restart, an administrator's kill). */
  onIdleError?: (error: Error) => void;
};

// PostgreSQL returns bigint and numeric as strings by default; counts and minutes fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` (or in memory). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10, options.onIdleError ?? warnIdleError);
  return openPglite(options.dataDir, options.loadDataDir);
}

function warnIdleError(error: Error): void {
  process.emitWarning(`A pooled PostgreSQL connection was closed by the server (${error.message}); the pool opens a new one when needed.`);
}

async function openPostgres(url: string, max: number, onIdleError: (error: Error) => void): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // The pool discards an idle connection the server has closed; without a listener Node would
  // treat that as an uncaught exception and stop the whole process.
  pool.on('error', onIdleError);
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    pool,
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async query(sqlText, params = []) {
      const result = await pool.query(sqlText, params as unknown[]);
      return result.rows;
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | File | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, { loadDataDir, parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async query(sqlText, params = []) {
      const result = await client.query(sqlText, params as unknown[]);
      return result.rows as never[];
    },
    close: () => client.close(),
  };
}
