// `npm run demo [-- --force --seed 7 --members 300 --communities 2]`: fills a fresh data folder
// (DATA_DIR, or the PostgreSQL database at DATABASE_URL) with a synthetic neighbourhood and
// prints how to sign in.
import { parseArgs } from 'node:util';
import { count, inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { communities, users } from '../db/schema.ts';
import { DEMO_ACCOUNTS, PLACES } from './data.ts';
import { generateNeighbourhood } from './generate.ts';

const HELP = `Fills a fresh Kith data folder with a demo neighbourhood.

Usage: npm run demo [-- options]
  --force            add the demo even if the database already has accounts
  --seed <n>         which neighbourhood to make (default 1; the same seed gives the same one)
  --members <n>      people in each community (default 300)
  --communities <n>  how many communities (default 1)
  --help             show this

The data folder is DATA_DIR (default ./data), or the PostgreSQL database at DATABASE_URL.`;

function positive(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}.`);
  return n;
}

/** The first tag (none, then 2, 3, …) whose slugs and documented emails are still free. */
async function freeTag(db: Db, communityCount: number): Promise<string> {
  for (let n = 1; ; n++) {
    const tag = n === 1 ? '' : String(n);
    const slugs = Array.from({ length: communityCount }, (_, i) => {
      const place = PLACES[i % PLACES.length];
      const round = Math.floor(i / PLACES.length);
      return `${place.slug}${round === 0 ? '' : `-${round + 1}`}${tag ? `-${tag}` : ''}`;
    });
    const emails = [DEMO_ACCOUNTS.admin.email, DEMO_ACCOUNTS.coordinator.email, DEMO_ACCOUNTS.officer.email, DEMO_ACCOUNTS.member.email].map((e) => e.replace('@', `${tag ? `+${tag}` : ''}@`));
    const [slugTaken] = await db.select({ id: communities.id }).from(communities).where(inArray(communities.slug, slugs));
    const [emailTaken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) IN (${sql.join(emails.map((e) => sql`${e}`), sql`, `)})`);
    if (!slugTaken && !emailTaken) return tag;
  }
}

async function main() {
  const { values } = parseArgs({
    options: { force: { type: 'boolean', default: false }, seed: { type: 'string' }, members: { type: 'string' }, communities: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const seed = positive(values.seed, 'seed', 1, 2 ** 31);
  const members = positive(values.members, 'members', 300, 20_000);
  const communityCount = positive(values.communities, 'communities', 1, 20);
  if (members < 12) throw new Error('--members must be at least 12, so that the neighbourhood has room for its coordinators, officer and members.');

  const config = loadConfig();
  const where = config.databaseUrl ? 'the PostgreSQL database at DATABASE_URL' : `the data folder ${config.dataDir}`;
  const Where = where[0].toUpperCase() + where.slice(1);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const [{ n: accounts }] = await database.db.select({ n: count() }).from(users);
    if (accounts > 0 && !values.force) {
      console.error(
        `${Where} already has ${accounts} account${accounts === 1 ? '' : 's'}, so the demo was not added.\n` +
          `The demo is meant for a fresh data folder: try DATA_DIR=./demo-data npm run demo\n` +
          `To add it to this one anyway, run: npm run demo -- --force`,
      );
      process.exitCode = 1;
      return;
    }
    const tag = accounts > 0 ? await freeTag(database.db, communityCount) : '';
    const started = Date.now();
    const summary = await generateNeighbourhood(database.db, { seed, members, communities: communityCount, tag });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    console.log(`Made a demo neighbourhood in ${where} in ${seconds} s (seed ${seed}):`);
    for (const c of summary.communities) console.log(`  ${c.name} (${c.slug}): ${c.members} members`);
    const k = summary.counts;
    console.log(`  ${k.people} people, ${k.organisations} organisations, ${k.verifications} checks, ${k.vouches} vouches, ${k.pendingJoinRequests} people waiting to join, ${k.reports} reports.`);
    console.log(`  ${k.exchanges} exchanges, ${k.references} references, ${k.disputes} disputes (some still open for a coordinator) and ${k.reversals} reversals in the time bank.`);
    console.log(`  Today: ${k.listings} offers and requests, ${k.exchangesInFlight} exchanges under way (${k.approvals} waiting for a coordinator's approval), ` +
      `${k.donations} donations to the community fund and ${k.grants} grants from it, ${k.groupExchanges} group exchanges and ${k.proxyExchanges} recorded by a coordinator for someone not online.`);
    console.log(`\nStart Kith with:  ${config.databaseUrl ? '' : `DATA_DIR=${process.env.DATA_DIR ?? './data'} `}npm start\nthen open ${config.publicUrl} and sign in as:`);
    for (const a of summary.accounts) console.log(`  ${a.role.padEnd(32)} ${a.email.padEnd(28)} password: ${a.password}   (${a.displayName})`);
    console.log(`Every other demo member's password is "${DEMO_ACCOUNTS.password}"; their emails are in the admin pages.`);
  } finally {
    await database.close();
  }
}

main().catch((error: Error) => {
  console.error(`The demo could not be made: ${error.message}`);
  process.exitCode = 1;
});
