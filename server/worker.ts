// A separate worker process for production on PostgreSQL: `npm run worker` (run several if
// needed). Set WORKERS=external on the web processes so they do not run jobs themselves.
import { pino } from 'pino';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createMailer } from './lib/mailer.ts';
import { JOB_HANDLERS, SCHEDULES } from './jobs/index.ts';
import { startRunner } from './jobs/runner.ts';

const config = loadConfig();
if (!config.databaseUrl) {
  console.error('The worker shares the job queue through PostgreSQL: set DATABASE_URL. On the embedded database, `npm start` runs jobs in-process.');
  process.exit(2);
}
const log = pino({ level: config.logLevel });
const database = await openDatabase({ url: config.databaseUrl, poolSize: 4 });
await migrate(database);
const runner = startRunner({ config, database, db: database.db, log, mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }) }, JOB_HANDLERS, SCHEDULES);
log.info('worker started');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  });
}
