import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { JOB_HANDLERS, SCHEDULES } from './jobs/index.ts';
import { startRunner } from './jobs/runner.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await migrate(database);
const app = await buildApp({ config, database });
// Background jobs run in this process unless separate workers (`npm run worker`) take them.
const runner = process.env.WORKERS === 'external' ? null : startRunner(app.deps, JOB_HANDLERS, SCHEDULES);

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await runner?.stop();
  await app.close();
  await database.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
app.log.info(`Kith is running at ${config.publicUrl} (database: ${database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL'})`);
