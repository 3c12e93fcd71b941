// Ledger benchmark (npm run bench:ledger). On PostgreSQL and on PGlite, with 8 concurrent
// clients: confirmed exchanges per second and p50/p99 latency through the real confirmation
// service (locks, limit checks, triggers, the commit-time balance check), against plain
// INSERTs of the same rows into unconstrained tables in the same run, printed as a ratio
// (target ≤ 3x); and the time to produce the statement of a member with 10,000 entries
// (target < 50 ms).
//
//   npm run bench:ledger                      both databases, PostgreSQL at 127.0.0.1:5432
//   BENCH_POSTGRES_URL=postgres://… npm run bench:ledger     another server (a database is created and dropped)
//   BENCH_CONFIRMATIONS=3000 npm run bench:ledger            a longer run
//   BENCH_SKIP_POSTGRES=1 npm run bench:ledger               PGlite only
//   BENCH_EMPTY_LEDGER=1 npm run bench:ledger                an empty ledger (no history, statistics of empty tables)
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { checkLedger } from '../../server/features/ledger/reports.ts';
import { memberAccountIds } from '../../server/features/ledger/posting.ts';
import { compare, confirmOne, createPlainTables, itemsOf, memberWithEntries, plainLedgerOne, plainRowsOne, postOne, seedCommunity, timeStatement } from './workload.ts';

const CLIENTS = 8;
const CONFIRMATIONS = Number(process.env.BENCH_CONFIRMATIONS ?? 1500);
const MEMBERS = 200;
/** Ledger and reference alternate in rounds so that load from elsewhere on the machine hits both alike. */
const ROUNDS = 6;
const STATEMENT_ENTRIES = 10_000;
const EMPTY_LEDGER = Boolean(process.env.BENCH_EMPTY_LEDGER);
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Comparison = Awaited<ReturnType<typeof compare>>;
type Result = { name: string; confirm: Comparison; posting: Comparison; statement: Awaited<ReturnType<typeof timeStatement>> };

async function run(name: string, database: Database): Promise<Result> {
  await migrate(database);
  await createPlainTables(database.db);
  const warm = await seedCommunity(database, 20, 2 * CLIENTS * 10, 1);
  const seeded = await seedCommunity(database, MEMBERS, CONFIRMATIONS, 2);
  const forPosting = await seedCommunity(database, MEMBERS, CONFIRMATIONS, 4);
  // The posting alone moves hours between open accounts, as a grant or a donation does.
  const warmAccounts = await memberAccountIds(database.db, warm.communityId, warm.members);
  const accounts = await memberAccountIds(database.db, forPosting.communityId, forPosting.members);
  const [member, partner] = seeded.members;
  // The ledger as a running time bank has it: a history (one member's 10,000 entries, whose
  // statement is timed below) and statistics that know it, as autovacuum leaves them after a
  // bulk load. Plans cached while the ledger tables are all but empty (the triggers', the
  // foreign-key checks') scan them whole, and go on doing so as they grow; BENCH_EMPTY_LEDGER=1
  // measures that case, the history then coming after the runs.
  if (!EMPTY_LEDGER) await memberWithEntries(database.db, seeded.communityId, member, partner, STATEMENT_ENTRIES);
  await database.exec('VACUUM ANALYZE');
  // A short warm-up, so that neither side pays for cold caches or query planning.
  const warmItems = itemsOf(warm);
  await compare(warmItems.slice(0, warmItems.length / 2), CLIENTS, 1, confirmOne(database.db, warm.communityId), plainRowsOne(database.db, warm.communityId));
  await compare(warmItems.slice(warmItems.length / 2), CLIENTS, 1, postOne(database.db, warm.communityId, warmAccounts), plainLedgerOne(database.db, warm.communityId));

  const confirm = await compare(itemsOf(seeded), CLIENTS, ROUNDS, confirmOne(database.db, seeded.communityId), plainRowsOne(database.db, seeded.communityId));
  const posting = await compare(itemsOf(forPosting), CLIENTS, ROUNDS, postOne(database.db, forPosting.communityId, accounts), plainLedgerOne(database.db, forPosting.communityId));
  for (const id of [seeded.communityId, forPosting.communityId]) {
    const check = await checkLedger(database.db, id);
    if (!check.balanced) throw new Error(`The ledger does not balance after the run: ${JSON.stringify(check)}`);
  }

  if (EMPTY_LEDGER) await memberWithEntries(database.db, seeded.communityId, member, partner, STATEMENT_ENTRIES);
  // The bulk load updated two balances 10,000 times in one transaction; a live database reaches
  // 10,000 entries over years, with autovacuum clearing the old row versions as it goes.
  await database.exec('VACUUM ANALYZE');
  const statement = await timeStatement(database.db, seeded.communityId, member, 15);
  return { name, confirm, posting, statement };
}

async function onPostgres(): Promise<Result> {
  const name = `kith_bench_ledger_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: CLIENTS + 2 });
  // Dropping the database below ends idle pooled connections; that is expected, not a crash.
  database.pool!.on('error', () => undefined);
  try {
    return await run('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

async function onPglite(): Promise<Result> {
  const database = await openDatabase({});
  try {
    return await run('PGlite', database);
  } finally {
    await database.close();
  }
}

const ms = (x: number) => x.toFixed(1).padStart(7);
const rate = (x: number) => x.toFixed(0).padStart(8);

function row(name: string, c: Comparison) {
  return `${name.padEnd(11)} |${rate(c.ours.perSecond)}  | ${ms(c.ours.p50)} | ${ms(c.ours.p99)} |${rate(c.reference.perSecond)}  | ${ms(c.reference.p50)} | ${ms(c.reference.p99)} | ${c.ratio.toFixed(2)}x ${c.ratio <= 3 ? 'ok' : 'OVER TARGET'}`;
}

function print(results: Result[]) {
  const header = 'database    |    per s | p50 ms  | p99 ms  | plain/s  | p50 ms  | p99 ms  | ratio (target <= 3x)';
  console.log(`\n${CONFIRMATIONS} exchanges by ${CLIENTS} concurrent clients over ${MEMBERS} members, limit checks on, in ${ROUNDS} interleaved rounds (ratio: median round),`);
  console.log(EMPTY_LEDGER ? 'on an empty ledger (BENCH_EMPTY_LEDGER).' : `on a ledger with a history of ${STATEMENT_ENTRIES.toLocaleString('en-GB')} entries and fresh statistics.`);
  console.log('\nConfirmed exchanges: the confirmation service in full (lock, rules, status, ledger posting, trust evidence, timeline,');
  console.log('notification) against plain INSERTs of the same rows (exchange state, transaction, 2 entries, 2 interactions, event, notification):');
  console.log(header);
  for (const r of results) console.log(row(r.name, r.confirm));
  console.log('\nThe ledger posting alone (accounts locked in order, limits, balance trigger, commit-time sum check)');
  console.log('against plain INSERTs of the same transaction and 2 entries:');
  console.log(header);
  for (const r of results) console.log(row(r.name, r.posting));
  console.log(`\nStatement of a member with ${STATEMENT_ENTRIES.toLocaleString('en-GB')} entries (median of 15; target < 50 ms for the statement page)`);
  for (const r of results) {
    console.log(`${r.name.padEnd(11)} | first page (${r.statement.entriesOnPage} entries, balance, totals): ${r.statement.pageMs.toFixed(1)} ms ${r.statement.pageMs < 50 ? 'ok' : 'OVER TARGET'} | full CSV of all entries: ${r.statement.csvMs.toFixed(1)} ms`);
  }
}

const results: Result[] = [];
if (!process.env.BENCH_SKIP_POSTGRES) results.push(await onPostgres());
results.push(await onPglite());
print(results);
