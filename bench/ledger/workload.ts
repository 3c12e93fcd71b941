// The ledger benchmark's workload: a community with members and exchanges waiting for
// confirmation, the confirmations themselves through the real service, the reference (plain
// INSERTs of the same rows into unconstrained tables) and a statement of 10,000 entries.
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../server/db/client.ts';
import { confirmExchange } from '../../server/features/exchanges/service.ts';
import { memberAccountIds, postTransaction } from '../../server/features/ledger/posting.ts';
import { queryRows } from '../../server/features/ledger/sql.ts';
import { getStatement, statementCsv } from '../../server/features/ledger/statement.ts';

export type Timing = { operations: number; seconds: number; perSecond: number; p50: number; p99: number };
type Run = { latencies: number[]; seconds: number };

export async function seedCommunity(database: Database, members: number, waiting: number, seed = 7) {
  const db = database.db;
  const suffix = `${Date.now().toString(36)}${seed}`;
  const [community] = await queryRows<{ id: string }>(db, sql`
    INSERT INTO communities (slug, name, centre_lat, centre_lng, radius_m) VALUES (${`bench-${suffix}`}, 'Bench Vale', 51.5, -0.1, 2000) RETURNING id`);
  await db.execute(sql`UPDATE timebank_settings SET max_debit_minutes = 600000, max_credit_minutes = 600000 WHERE community_id = ${community.id}`);
  const people = await queryRows<{ id: string }>(db, sql`
    INSERT INTO users (email, password_hash, display_name)
    SELECT 'bench-' || ${suffix} || '-' || g || '@example.org', 'x', 'Bench Member ' || g FROM generate_series(1, ${members}) g RETURNING id`);
  await db.execute(sql`INSERT INTO profiles (user_id) SELECT id FROM users WHERE email LIKE ${`bench-${suffix}-%`}`);
  await db.execute(sql`INSERT INTO memberships (community_id, user_id) SELECT ${community.id}, id FROM users WHERE email LIKE ${`bench-${suffix}-%`}`);
  const [skill] = await queryRows<{ id: number; category: string }>(db, sql`SELECT id, category FROM skills WHERE slug = 'gardening'`);
  const ids = people.map((p) => p.id);
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pairs: { provider: string; receiver: string; minutes: number }[] = [];
  for (let i = 0; i < waiting; i++) {
    const provider = Math.floor(random() * ids.length);
    const receiver = (provider + 1 + Math.floor(random() * (ids.length - 1))) % ids.length;
    pairs.push({ provider: ids[provider], receiver: ids[receiver], minutes: 30 + Math.floor(random() * 90) });
  }
  const exchanges: { id: string; receiverId: string }[] = [];
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    exchanges.push(...(await queryRows<{ id: string; receiverId: string }>(db, sql`
      INSERT INTO exchanges (community_id, provider_id, receiver_id, proposed_by, skill_id, category, status, recorded_minutes, awaiting_since)
      VALUES ${sql.join(chunk.map((p) => sql`(${community.id}, ${p.provider}, ${p.receiver}, ${p.receiver}, ${skill.id}, ${skill.category}, 'done', ${p.minutes}, now())`), sql`, `)}
      RETURNING id, receiver_id AS "receiverId"`)));
  }
  return { communityId: community.id, members: ids, exchanges, pairs };
}

/** Runs `work` for each item with `clients` concurrent workers; returns each latency and the wall time. */
async function run<T>(items: readonly T[], clients: number, work: (item: T) => Promise<unknown>): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      await work(item);
      latencies.push(performance.now() - t0);
    }
  }));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

function summarise(runs: Run[]): Timing {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { operations: latencies.length, seconds, perSecond: latencies.length / seconds, p50: pick(0.5), p99: pick(0.99) };
}

/**
 * Measures `ours` against `reference` over the same items in interleaved rounds (alternating
 * which goes first), so that load from other processes on a shared machine hits both alike.
 * The ratio is the median over rounds of (reference rate / our rate).
 */
export async function compare<T>(items: readonly T[], clients: number, rounds: number, ours: (item: T) => Promise<unknown>, reference: (item: T) => Promise<unknown>) {
  const size = Math.ceil(items.length / rounds);
  const mine: Run[] = [];
  const theirs: Run[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const chunk = items.slice(r * size, (r + 1) * size);
    if (chunk.length === 0) break;
    const [a, b] = r % 2 === 0
      ? [await run(chunk, clients, ours), await run(chunk, clients, reference)]
      : [await run(chunk, clients, reference), await run(chunk, clients, ours)].reverse();
    mine.push(a);
    theirs.push(b);
    ratios.push(a.seconds / b.seconds);
  }
  ratios.sort((x, y) => x - y);
  return { ours: summarise(mine), reference: summarise(theirs), ratio: ratios[Math.floor(ratios.length / 2)] };
}

export type Seeded = Awaited<ReturnType<typeof seedCommunity>>;
export type Item = { id: string; receiverId: string; provider: string; receiver: string; minutes: number };

/** The waiting exchanges with who gives, who receives and the minutes. */
export const itemsOf = (seeded: Seeded): Item[] => seeded.exchanges.map((ex, i) => ({ ...ex, ...seeded.pairs[i] }));

/** Confirms one waiting exchange as its receiver, through the same service the API calls. */
export const confirmOne = (db: Db, communityId: string) => (item: Item) => confirmExchange(db, communityId, { userId: item.receiverId, coordinator: false }, item.id);

/** Unconstrained copies of the tables a confirmation writes: no keys, checks, indexes or triggers. */
export async function createPlainTables(db: Db): Promise<void> {
  const tables = [
    sql`CREATE TABLE plain_exchange_updates (exchange_id uuid, status text, confirmed_minutes integer, confirmed_at timestamptz, confirmed_how text, updated_at timestamptz)`,
    sql`CREATE TABLE plain_transactions (id uuid, community_id uuid, kind text, exchange_id uuid, note text, created_by uuid, posted_at timestamptz)`,
    sql`CREATE TABLE plain_entries (community_id uuid, transaction_id uuid, account_id uuid, amount integer, posted_at timestamptz)`,
    sql`CREATE TABLE plain_interactions (community_id uuid, actor_id uuid, subject_id uuid, kind text, weight double precision, source_type text, source_id text, occurred_at timestamptz)`,
    sql`CREATE TABLE plain_events (community_id uuid, exchange_id uuid, kind text, actor_id uuid, minutes integer, note text, created_at timestamptz)`,
    sql`CREATE TABLE plain_notifications (community_id uuid, user_id uuid, kind text, title text, body text, link text, source_id text, created_at timestamptz)`,
  ];
  for (const statement of tables) await db.execute(statement);
}

/**
 * The reference: the same rows a confirmation writes (the exchange's new state, one transaction,
 * two entries, two interactions, one timeline event, one notification), as plain INSERTs in one
 * database transaction per confirmation.
 */
export const plainRowsOne = (db: Db, communityId: string) => (item: Item) => db.transaction(async (tx) => {
  const c = communityId;
  const id = crypto.randomUUID();
  await tx.execute(sql`INSERT INTO plain_exchange_updates VALUES (${item.id}, 'confirmed', ${item.minutes}, now(), 'receiver', now())`);
  await tx.execute(sql`INSERT INTO plain_transactions VALUES (${id}, ${c}, 'exchange', ${item.id}, '', ${item.receiver}, now())`);
  await tx.execute(sql`INSERT INTO plain_entries VALUES (${c}, ${id}, ${item.provider}, ${item.minutes}, now()), (${c}, ${id}, ${item.receiver}, ${-item.minutes}, now())`);
  await tx.execute(sql`INSERT INTO plain_interactions VALUES (${c}, ${item.provider}, ${item.receiver}, 'exchange_confirmed', 1, 'exchange', ${item.id}, now()),
    (${c}, ${item.receiver}, ${item.provider}, 'exchange_confirmed', 1, 'exchange', ${item.id}, now())`);
  await tx.execute(sql`INSERT INTO plain_events VALUES (${c}, ${item.id}, 'confirmed', ${item.receiver}, ${item.minutes}, '', now())`);
  await tx.execute(sql`INSERT INTO plain_notifications VALUES (${c}, ${item.provider}, 'exchange.confirmed', 'Confirmed', '', '', ${item.id}, now())`);
});

/**
 * The ledger alone: one exchange's hours posted as one transaction between two open accounts
 * whose ids are known (as a grant's or a donation's are), through postTransaction: the accounts
 * locked in id order, the limits checked against the locked balances, the balance trigger and
 * the commit-time sum check; without the exchange's own change, timeline or notifications.
 */
export const postOne = (db: Db, communityId: string, accounts: ReadonlyMap<string, string>) => (item: Item) => db.transaction(async (tx) => {
  await postTransaction(tx, {
    communityId, kind: 'exchange', exchangeId: item.id, createdBy: item.receiver,
    legs: [{ accountId: accounts.get(item.provider)!, amount: item.minutes }, { accountId: accounts.get(item.receiver)!, amount: -item.minutes }],
  });
});

/** The ledger alone's reference: the same transaction and two entries as plain INSERTs. */
export const plainLedgerOne = (db: Db, communityId: string) => (item: Item) => db.transaction(async (tx) => {
  const id = crypto.randomUUID();
  await tx.execute(sql`INSERT INTO plain_transactions VALUES (${id}, ${communityId}, 'exchange', ${item.id}, '', ${item.receiver}, now())`);
  await tx.execute(sql`INSERT INTO plain_entries VALUES (${communityId}, ${id}, ${item.provider}, ${item.minutes}, now()), (${communityId}, ${id}, ${item.receiver}, ${-item.minutes}, now())`);
});

/** Gives `member` `count` confirmed exchanges with `partner` (alternating who helps), posted in bulk. */
export async function memberWithEntries(db: Db, communityId: string, member: string, partner: string, count: number): Promise<void> {
  await memberAccountIds(db, communityId, [member, partner]);
  const [skill] = await queryRows<{ id: number; category: string }>(db, sql`SELECT id, category FROM skills WHERE slug = 'computer-help'`);
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      WITH x AS (
        INSERT INTO exchanges (community_id, provider_id, receiver_id, proposed_by, skill_id, category, status, recorded_minutes, confirmed_minutes, confirmed_at, confirmed_how)
        SELECT ${communityId}, CASE WHEN g % 2 = 0 THEN ${member}::uuid ELSE ${partner}::uuid END, CASE WHEN g % 2 = 0 THEN ${partner}::uuid ELSE ${member}::uuid END,
               ${member}, ${skill.id}, ${skill.category}, 'confirmed', 30, 30, now(), 'receiver'
        FROM generate_series(1, ${count}) g
        RETURNING id, provider_id, receiver_id
      ), t AS (
        INSERT INTO ledger_transactions (community_id, kind, base_kind, exchange_id, created_by)
        SELECT ${communityId}, 'exchange', 'exchange', x.id, x.receiver_id FROM x
        RETURNING id, exchange_id, posted_at
      )
      INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount, posted_at)
      SELECT ${communityId}, t.id, 'exchange', 'exchange', a.id, CASE WHEN a.user_id = x.provider_id THEN 30 ELSE -30 END, t.posted_at
      FROM t JOIN x ON x.id = t.exchange_id
      JOIN ledger_accounts a ON a.community_id = ${communityId} AND a.user_id IN (x.provider_id, x.receiver_id)`);
  });
}

/** Times a statement's first page (100 entries, as the app asks) and the full CSV, `runs` times each. */
export async function timeStatement(db: Db, communityId: string, member: string, runs: number) {
  const page: number[] = [];
  const csv: number[] = [];
  let entries = 0;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const statement = await getStatement(db, communityId, { userId: member, coordinator: false }, { limit: 100 });
    page.push(performance.now() - t0);
    entries = statement.entries.length;
    t0 = performance.now();
    const file = await statementCsv(db, communityId, { userId: member, coordinator: false }, {});
    csv.push(performance.now() - t0);
    if (!file.csv) throw new Error('empty statement');
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { pageMs: median(page), csvMs: median(csv), entriesOnPage: entries };
}
