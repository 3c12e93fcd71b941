// Migrates one template database for the whole run: a PGlite data-dir dump always, and a
// migrated PostgreSQL database when DATABASE_URL is set. Each test file then opens its own
// copy (test/context.ts), so no file migrates and no two files share rows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplateUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const embedded = await openDatabase({});
  await migrate(embedded);
  const dump = await embedded.pglite!.dumpDataDir('none');
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide('pgliteTemplate', file);

  const url = process.env.DATABASE_URL;
  project.provide('postgresTemplateUrl', url ?? null);
  if (!url) return;
  const server = await openDatabase({ url, poolSize: 1 });
  await migrate(server);
  await server.close();
  return async () => {
    // Drop every per-file copy that a crashed file may have left behind.
    const admin = new pg.Client({ connectionString: maintenanceUrl(url) });
    await admin.connect();
    const base = new URL(url).pathname.slice(1);
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${base}_t_%`]);
    for (const row of rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.end();
  };
}

/** The same server's `postgres` database, from which databases are created and dropped. */
export function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
