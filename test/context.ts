import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { inject } from 'vitest';
import { buildApp, type KithApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { openDatabase, type Database, type Db } from '../server/db/client.ts';
import { maintenanceUrl } from './global-setup.ts';

/** One test file's world: its own copy of the migrated database and an app built on it. */
export type TestContext = {
  app: KithApp;
  database: Database;
  db: Db;
  config: Config;
  close(): Promise<void>;
};

/** True when this run is against a PostgreSQL server rather than PGlite. */
export const onPostgres = () => inject('postgresTemplateUrl') !== null;

/** Opens a fresh database copied from the run's migrated template. */
export async function openTestDatabase(poolSize = 10): Promise<{ database: Database; drop(): Promise<void> }> {
  const templateUrl = inject('postgresTemplateUrl');
  if (!templateUrl) {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ loadDataDir: blob });
    return { database, drop: async () => undefined };
  }
  const base = new URL(templateUrl).pathname.slice(1);
  const name = `${base}_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: maintenanceUrl(templateUrl) });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${base}"`);
      break;
    } catch (error) {
      // Another file may be copying the template at this moment; wait and retry.
      if (attempt > 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  // Dropping the copy closes connections the pool is still ending; that is expected here.
  const database = await openDatabase({ url: url.toString(), poolSize, onIdleError: () => undefined });
  return {
    database,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: maintenanceUrl(templateUrl) });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Builds the app on a fresh database copy; call `close()` in afterAll. */
export async function createTestContext(overrides: Partial<Config> = {}): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://kith.test', WEB_DIST: '.tmp/no-web' }, overrides);
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    config,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
