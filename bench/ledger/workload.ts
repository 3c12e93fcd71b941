// The ledger benchmark's workload: a community with members and exchanges waiting for
// confirmation, the confirmations themselves through the real service, the reference (plain
// INSERTs of the same rows into unconstrained tables) and a statement of 10,000 entries.
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../server/db/client.ts';
import { confirmExchange } from '../../server/features/exchanges/service.ts';
import { memberAccountIds } from '../../server/features/ledger/posting.ts';
import { queryRows } from '../../server/features/ledger/sql.ts';
import { getStatement, statementCsv } from '../../server/features/ledger/statement.ts';

export type Timing = { operations: number; seconds: number; perSecond: number; p50: number; p99: number };

/** A community with `members` people, generous limits (checked, never hit) and `waiting` exchanges in 'done'. */
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

/** Runs `work` for each item with `clients` concurrent workers; returns throughput and latency percentiles. */
export async function measure<T>(items: readonly T[], clients: number, work: (item: T) => Promise<unknown>): Promise<Timing> {
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
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { operations: items.length, seconds, perSecond: items.length / seconds, p50: pick(0.5), p99: pick(0.99) };
}

/** Confirms every waiting exchange as its receiver, through the same service the API calls. */
export async function confirmAll(db: Db, seeded: Awaited<ReturnType<typeof seedCommunity>>, clients: number): Promise<Timing> {
  return measure(seeded.exchanges, clients, (ex) => confirmExchange(db, seeded.communityId, { userId: ex.receiverId, coordinator: false }, ex.id));
}

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
export async function plainInserts(db: Db, seeded: Awaited<ReturnType<typeof seedCommunity>>, clients: number): Promise<Timing> {
  const work = seeded.exchanges.map((ex, i) => ({ ex, pair: seeded.pairs[i] }));
  return measure(work, clients, ({ ex, pair }) => db.transaction(async (tx) => {
    const c = seeded.communityId;
    const id = crypto.randomUUID();
    await tx.execute(sql`INSERT INTO plain_exchange_updates VALUES (${ex.id}, 'confirmed', ${pair.minutes}, now(), 'receiver', now())`);
    await tx.execute(sql`INSERT INTO plain_transactions VALUES (${id}, ${c}, 'exchange', ${ex.id}, '', ${pair.receiver}, now())`);
    await tx.execute(sql`INSERT INTO plain_entries VALUES (${c}, ${id}, ${pair.provider}, ${pair.minutes}, now()), (${c}, ${id}, ${pair.receiver}, ${-pair.minutes}, now())`);
    await tx.execute(sql`INSERT INTO plain_interactions VALUES (${c}, ${pair.provider}, ${pair.receiver}, 'exchange_confirmed', 2, 'exchange', ${ex.id}, now()),
      (${c}, ${pair.receiver}, ${pair.provider}, 'exchange_confirmed', 2, 'exchange', ${ex.id}, now())`);
    await tx.execute(sql`INSERT INTO plain_events VALUES (${c}, ${ex.id}, 'confirmed', ${pair.receiver}, ${pair.minutes}, '', now())`);
    await tx.execute(sql`INSERT INTO plain_notifications VALUES (${c}, ${pair.provider}, 'exchange.confirmed', 'Confirmed', '', '', ${ex.id}, now())`);
  }));
}

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
