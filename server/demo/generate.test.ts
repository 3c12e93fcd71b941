import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, openTestDatabase, type TestContext } from '../../test/context.ts';
import { anonymous, clientFromResponse } from '../../test/factories.ts';
import type { Database } from '../db/client.ts';
import { hashPassword } from '../lib/passwords.ts';
import { KITH_TIME_ZONE, todayIn } from '../features/verification/dates.ts';
import { computeLevel, mayVouch } from '../features/verification/levels.ts';
import { DEMO_ACCOUNTS, PLACES, STARTER_SKILLS } from './data.ts';
import { checkLedger } from '../features/ledger/reports.ts';
import { generateNeighbourhood, type NeighbourhoodSummary } from './generate.ts';
import { planNeighbourhood } from './plan.ts';

const DAY_MS = 86_400_000;
const now = new Date();
const MEMBERS = 40;
let ctx: TestContext;
let summary: NeighbourhoodSummary;
let passwordHashes: { admin: string; member: string };
// The planned neighbourhood alone; the exchanges grown on top are tested at the end.
const options = () => ({ seed: 42, members: MEMBERS, communities: 2, now, passwordHashes, trustNetwork: false });

beforeAll(async () => {
  ctx = await createTestContext();
  passwordHashes = { admin: await hashPassword(DEMO_ACCOUNTS.admin.password), member: await hashPassword(DEMO_ACCOUNTS.password) };
  summary = await generateNeighbourhood(ctx.db, options());
});
afterAll(() => ctx?.close());

const q = <T = Record<string, unknown>>(sqlText: string, params: unknown[] = []) => ctx.database.query<T>(sqlText, params);

/** Everything about a generated neighbourhood except the random ids and password salts. */
async function snapshot(database: Database) {
  const query = (text: string) => database.query(text);
  return {
    people: await query(`SELECT u.kind, u.display_name, u.email, u.is_admin, u.created_at, p.area, p.bio, p.languages, p.phone, p.show_in_directory,
        (SELECT string_agg(s.slug || ':' || us.kind, ',' ORDER BY s.slug, us.kind) FROM user_skills us JOIN skills s ON s.id = us.skill_id WHERE us.user_id = u.id) AS skills
      FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.display_name, u.email`),
    memberships: await query(`SELECT c.slug, u.display_name, m.role, m.status, m.joined_at FROM memberships m JOIN communities c ON c.id = m.community_id JOIN users u ON u.id = m.user_id ORDER BY 1, 2`),
    vouches: await query(`SELECT a.display_name AS voucher, b.display_name AS subject, v.voucher_level, v.created_at FROM vouches v JOIN users a ON a.id = v.voucher_id JOIN users b ON b.id = v.subject_id ORDER BY v.created_at, 1, 2`),
    checks: await query(`SELECT u.display_name, v.kind, v.checked_on::text, v.expires_on::text, v.created_at FROM verifications v JOIN users u ON u.id = v.subject_id ORDER BY v.created_at, 1`),
    reports: await query(`SELECT r.reason, r.status, a.display_name AS reporter, b.display_name AS subject FROM reports r JOIN users a ON a.id = r.reporter_id JOIN users b ON b.id = r.subject_user_id ORDER BY r.created_at`),
    interactions: await query(`SELECT kind, weight, occurred_at FROM interactions ORDER BY occurred_at, kind`),
  };
}

describe('the demo neighbourhood generator', () => {
  it('plans the same neighbourhood for the same seed, and a different one for another seed', () => {
    const base = { members: 60, communities: 2, now, skillSlugs: ['baking', 'gardening', 'dog-walking'] };
    expect(planNeighbourhood({ ...base, seed: 3 })).toEqual(planNeighbourhood({ ...base, seed: 3 }));
    const other = planNeighbourhood({ ...base, seed: 4 });
    expect(other.people.map((p) => p.displayName)).not.toEqual(planNeighbourhood({ ...base, seed: 3 }).people.map((p) => p.displayName));
  });

  it('writes the same neighbourhood into two databases from the same seed', async () => {
    const { database, drop } = await openTestDatabase(2);
    try {
      await generateNeighbourhood(database.db, options());
      expect(await snapshot(database)).toEqual(await snapshot(ctx.database));
    } finally {
      await database.close();
      await drop();
    }
  });

  it('has the people, roles and organisations a neighbourhood needs', async () => {
    expect(summary.communities.map((c) => c.slug)).toEqual(['riverside', 'castlefields']);
    const roles = await q<{ slug: string; role: string; n: number }>(
      `SELECT c.slug, m.role, count(*)::int AS n FROM memberships m JOIN communities c ON c.id = m.community_id GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const count = (slug: string, role: string) => roles.find((r) => r.slug === slug && r.role === role)?.n ?? 0;
    for (const slug of ['riverside', 'castlefields']) {
      expect(count(slug, 'member') + count(slug, 'coordinator') + count(slug, 'officer')).toBe(MEMBERS);
      expect(count(slug, 'officer')).toBe(1);
      expect(count(slug, 'organisation')).toBe(3);
    }
    expect(count('riverside', 'coordinator')).toBe(3);
    expect(count('castlefields', 'coordinator')).toBe(2);
    // Some neighbours belong to both communities.
    const [{ both }] = await q<{ both: number }>(`SELECT count(*)::int AS both FROM (SELECT user_id FROM memberships GROUP BY user_id HAVING count(*) = 2) x`);
    expect(both).toBe(Math.round(MEMBERS * 0.05));
    const agents = await q<{ n: number }>(`SELECT count(*)::int AS n FROM organisation_agents GROUP BY organisation_id`);
    expect(agents.map((a) => a.n)).toEqual(Array(6).fill(2));
    const [{ pending }] = await q<{ pending: number }>(`SELECT count(*)::int AS pending FROM join_requests WHERE status = 'pending'`);
    expect(pending).toBeGreaterThanOrEqual(6);
    // Pending people are not members yet.
    expect(await q(`SELECT 1 FROM join_requests j JOIN memberships m USING (community_id, user_id) WHERE j.status = 'pending'`)).toEqual([]);
  });

  it('gives people plausible profiles: a street of their neighbourhood, skills, languages', async () => {
    const streets = new Set(PLACES.flatMap((p) => p.streets));
    for (const place of PLACES) expect(place.streets.length).toBeGreaterThanOrEqual(12);
    for (const place of PLACES) expect(place.streets.length).toBeLessThanOrEqual(20);
    const people = await q<{ area: string; languages: string[]; skills: number; kind: string }>(
      `SELECT p.area, p.languages, u.kind, (SELECT count(*)::int FROM user_skills us WHERE us.user_id = u.id) AS skills FROM users u JOIN profiles p ON p.user_id = u.id`,
    );
    for (const person of people) {
      expect(streets.has(person.area)).toBe(true);
      expect(person.languages.length).toBeGreaterThan(0);
      if (person.kind === 'person') expect(person.skills).toBeGreaterThan(0);
    }
  });

  it('follows the verification rules: every check by another coordinator, never in the future, DBS valid when recorded', async () => {
    const checks = await q<{ kind: string; checked_on: string; expires_on: string | null; created_at: Date; is_coordinator: boolean; self: boolean }>(
      `SELECT v.kind, v.checked_on::text, v.expires_on::text, v.created_at, v.coordinator_id = v.subject_id AS self,
         EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = v.community_id AND m.user_id = v.coordinator_id AND m.role = 'coordinator') AS is_coordinator
       FROM verifications v`,
    );
    expect(checks.length).toBe(summary.counts.verifications);
    for (const check of checks) {
      const recordedOn = todayIn(KITH_TIME_ZONE, check.created_at);
      expect(check.is_coordinator && !check.self).toBe(true);
      expect(check.checked_on <= recordedOn).toBe(true);
      expect(check.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      if (check.kind === 'dbs') expect(check.expires_on! > recordedOn).toBe(true);
    }
    const today = todayIn(KITH_TIME_ZONE, now);
    const dbs = checks.filter((c) => c.kind === 'dbs');
    expect(dbs.filter((c) => c.expires_on! <= today)).toHaveLength(2); // one lapsed in each community
    expect(dbs.filter((c) => c.expires_on! > today).length).toBeGreaterThanOrEqual(4);

    // Every coordinator is verified, and around four in ten ordinary members.
    const [{ unverified }] = await q<{ unverified: number }>(
      `SELECT count(*)::int AS unverified FROM memberships m WHERE m.role = 'coordinator' AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.community_id = m.community_id AND v.subject_id = m.user_id AND v.kind = 'identity_address')`,
    );
    expect(unverified).toBe(0);
    const [{ share }] = await q<{ share: number }>(
      `SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM verifications v WHERE v.community_id = m.community_id AND v.subject_id = m.user_id AND v.kind = 'identity_address') THEN 1.0 ELSE 0 END)::float AS share
       FROM memberships m WHERE m.role = 'member'`,
    );
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.6);
  });

  it('only has vouches from members who were verified before they vouched, at the level they had then', async () => {
    const rows = await q<{ community_id: string; voucher_id: string; subject_id: string; voucher_level: string; created_at: Date; subject_joined: Date; subject_status: string; same_street: boolean }>(
      `SELECT v.community_id, v.voucher_id, v.subject_id, v.voucher_level, v.created_at, m.joined_at AS subject_joined, m.status AS subject_status,
         (SELECT a.area FROM profiles a WHERE a.user_id = v.voucher_id) = (SELECT b.area FROM profiles b WHERE b.user_id = v.subject_id) AS same_street
       FROM vouches v JOIN memberships m ON m.community_id = v.community_id AND m.user_id = v.subject_id`,
    );
    expect(rows.length).toBe(summary.counts.vouches);
    expect(rows.length).toBeGreaterThan(MEMBERS / 2);
    const facts = await q<{ community_id: string; subject_id: string; kind: 'identity_address' | 'dbs'; checked_on: string; expires_on: string | null; created_at: Date }>(
      `SELECT community_id, subject_id, kind, checked_on::text, expires_on::text, created_at FROM verifications`,
    );
    for (const vouch of rows) {
      expect(vouch.voucher_id).not.toBe(vouch.subject_id);
      expect(vouch.subject_joined.getTime()).toBeLessThan(vouch.created_at.getTime());
      expect(vouch.subject_status).toBe('active');
      const before = facts.filter((f) => f.community_id === vouch.community_id && f.subject_id === vouch.voucher_id && f.created_at < vouch.created_at);
      const level = computeLevel({ vouches: [], checks: before.map((f) => ({ kind: f.kind, checkedOn: f.checked_on, expiresOn: f.expires_on })) }, todayIn(KITH_TIME_ZONE, vouch.created_at));
      expect(mayVouch(level.level)).toBe(true);
      expect(vouch.voucher_level).toBe(level.level);
    }
    expect(rows.filter((r) => r.same_street).length / rows.length).toBeGreaterThan(0.6);
  });

  it('records every vouch, check and upheld report as an interaction, spread over six months', async () => {
    const rows = await q<{ kind: string; source_type: string; n: number; first: Date; last: Date; months: number }>(
      `SELECT kind, source_type, count(*)::int AS n, min(occurred_at) AS first, max(occurred_at) AS last, count(DISTINCT date_trunc('month', occurred_at))::int AS months FROM interactions GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(rows.map((r) => [r.kind, r.source_type, r.n])).toEqual([
      ['report_upheld', 'report', 2],
      ['verification', 'verification', summary.counts.verifications],
      ['vouch', 'vouch', summary.counts.vouches],
    ]);
    const unmatched = await q(`SELECT 1 FROM vouches v WHERE NOT EXISTS (SELECT 1 FROM interactions i WHERE i.source_id = v.id::text AND i.kind = 'vouch' AND i.actor_id = v.voucher_id AND i.occurred_at = v.created_at)`);
    expect(unmatched).toEqual([]);
    for (const row of rows) {
      expect(row.first.getTime()).toBeGreaterThan(now.getTime() - 190 * DAY_MS);
      expect(row.last.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(rows.find((r) => r.kind === 'vouch')!.months).toBeGreaterThanOrEqual(4);
  });

  it('has open, upheld and dismissed reports, with the upheld one’s subject suspended', async () => {
    const reports = await q<{ slug: string; status: string; suspended: string | null }>(
      `SELECT c.slug, r.status, m.status AS suspended FROM reports r JOIN communities c ON c.id = r.community_id JOIN memberships m ON m.community_id = r.community_id AND m.user_id = r.subject_user_id ORDER BY 1, 2`,
    );
    for (const slug of ['castlefields', 'riverside']) {
      expect(reports.filter((r) => r.slug === slug).map((r) => r.status)).toEqual(['dismissed', 'open', 'upheld']);
      expect(reports.find((r) => r.slug === slug && r.status === 'upheld')!.suspended).toBe('suspended');
    }
    const actions = await q<{ action: string; reason: string }>(`SELECT action, reason FROM moderation_actions`);
    expect(actions).toHaveLength(2);
    expect(actions.every((a) => a.action === 'suspend_member' && a.reason.length > 0)).toBe(true);
  });

  it('lets a newcomer sign in with the documented accounts and see the community', async () => {
    const member = await anonymous(ctx).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.member.email, password: DEMO_ACCOUNTS.password });
    expect(member.statusCode).toBe(200);
    const riverside = summary.communities[0].id;
    const overview = (await clientFromResponse(ctx, member).get(`/api/communities/${riverside}/overview`)).json();
    expect(overview.you).toMatchObject({ role: 'member', level: 'vouched' });
    expect(overview.stats.members).toBe(MEMBERS + 3);

    const admin = await anonymous(ctx).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password });
    expect(admin.json().user.isAdmin).toBe(true);
    const coordinator = await anonymous(ctx).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.coordinator.email, password: DEMO_ACCOUNTS.password });
    const console = (await clientFromResponse(ctx, coordinator).get(`/api/communities/${riverside}/overview`)).json();
    expect(console.you.level).toBe('safeguarding-checked');
    expect(console.coordinator).toMatchObject({ openReports: 1 });
    expect(console.coordinator.pendingJoinRequests).toBeGreaterThanOrEqual(3);
  });

  it('adds a starter skill list when the instance has none', async () => {
    const { database, drop } = await openTestDatabase(2);
    try {
      await database.query('DELETE FROM skills');
      await generateNeighbourhood(database.db, { seed: 1, members: 12, now, passwordHashes, trustNetwork: false });
      const [{ n }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM skills');
      expect(n).toBe(STARTER_SKILLS.length);
    } finally {
      await database.close();
      await drop();
    }
  });
});

// The neighbourhood as `npm run demo` makes it: months of exchanges, references, disputes and
// reversals grown on top (trust-network.ts, corrections.ts), checked against the ledger's rules.
describe('the demo time bank', () => {
  let full: TestContext;
  let made: NeighbourhoodSummary;
  const fq = <T = Record<string, unknown>>(sqlText: string, params: unknown[] = []) => full.database.query<T>(sqlText, params);

  beforeAll(async () => {
    full = await createTestContext();
    made = await generateNeighbourhood(full.db, { seed: 7, members: MEMBERS, communities: 2, now, passwordHashes });
  });
  afterAll(() => full?.close());

  const coordinatorSignIn = async () => {
    const res = await anonymous(full).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.coordinator.email, password: DEMO_ACCOUNTS.password });
    expect(res.statusCode).toBe(200);
    return clientFromResponse(full, res);
  };

  it('keeps to the rules with the exchanges grown on top', async () => {
    const [{ late }] = await fq<{ late: number }>(
      `SELECT count(*)::int AS late FROM vouches v WHERE NOT EXISTS (SELECT 1 FROM verifications k WHERE k.community_id = v.community_id AND k.subject_id = v.voucher_id AND k.kind = 'identity_address' AND k.created_at < v.created_at)`,
    );
    expect(late).toBe(0);
    const kinds = await fq<{ kind: string }>(`SELECT DISTINCT kind FROM interactions ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['dispute_upheld', 'exchange_confirmed', 'reference', 'report_upheld', 'verification', 'vouch']));
    const member = await anonymous(full).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.member.email, password: DEMO_ACCOUNTS.password });
    expect(member.statusCode).toBe(200);
    const overview = (await clientFromResponse(full, member).get(`/api/communities/${made.communities[0].id}/overview`)).json();
    expect(overview.you).toMatchObject({ role: 'member', level: 'vouched' });
    expect(made.counts).toMatchObject({ exchanges: expect.any(Number), references: expect.any(Number) });
    expect(made.counts.exchanges).toBeGreaterThan(MEMBERS);
  });

  it('has disputes open, upheld against each side and settled in nobody’s disfavour, each with its timeline', async () => {
    const [{ disputes }] = await fq<{ disputes: number }>(`SELECT count(*)::int AS disputes FROM exchanges WHERE status IN ('disputed', 'resolved')`);
    expect(made.counts.disputes).toBe(disputes);
    for (const community of made.communities) {
      const rows = await fq<{ id: string; status: string; upheld: 'provider' | 'receiver' | null; confirmed_minutes: number | null; confirmed_how: string | null; recorded_minutes: number | null; events: string[] }>(
        `SELECT x.id, x.status, x.confirmed_minutes, x.confirmed_how, x.recorded_minutes,
                CASE x.upheld_against WHEN x.provider_id THEN 'provider' WHEN x.receiver_id THEN 'receiver' END AS upheld,
                (SELECT array_agg(e.kind ORDER BY e.created_at, e.id) FROM exchange_events e WHERE e.exchange_id = x.id) AS events
         FROM exchanges x WHERE x.community_id = $1 AND x.status IN ('disputed', 'resolved')`, [community.id]);
      const open = rows.filter((r) => r.status === 'disputed');
      const resolved = rows.filter((r) => r.status === 'resolved');
      expect(open.length).toBeGreaterThanOrEqual(1);
      expect(resolved.filter((r) => r.upheld === 'provider').length).toBeGreaterThanOrEqual(1);
      expect(resolved.filter((r) => r.upheld === 'receiver').length).toBeGreaterThanOrEqual(1);
      expect(resolved.filter((r) => r.upheld === null).length).toBeGreaterThanOrEqual(1);
      for (const r of open) expect(r.events.slice(-1)).toEqual(['disputed']);
      for (const r of resolved) {
        expect(r.events).toEqual(['proposed', 'accepted', 'done', 'disputed', 'resolved']);
        // As settleExchange writes it: the minutes decided, and "resolution" only when hours moved.
        expect(r.confirmed_how).toBe(r.confirmed_minutes! > 0 ? 'resolution' : null);
        expect(r.confirmed_minutes!).toBeLessThanOrEqual(r.recorded_minutes!);
      }
      expect(resolved.some((r) => r.confirmed_minutes === 0)).toBe(true);
    }
  });

  it('settles each dispute as the service does: one posting by a coordinator who is not a party, and negative evidence when upheld', async () => {
    const rows = await fq<{ id: string; provider_id: string; receiver_id: string; upheld_against: string | null; minutes: number; resolver: string; resolver_role: string; transactions: number; created_by: string | null; amounts: number[] | null; ties: number; upheld: { actor: string; subject: string; weight: number }[] }>(
      `SELECT x.id, x.provider_id, x.receiver_id, x.upheld_against, x.confirmed_minutes AS minutes, e.actor_id AS resolver, m.role AS resolver_role,
              (SELECT count(*)::int FROM ledger_transactions t WHERE t.exchange_id = x.id) AS transactions,
              (SELECT t.created_by FROM ledger_transactions t WHERE t.exchange_id = x.id) AS created_by,
              (SELECT array_agg(l.amount ORDER BY l.amount) FROM ledger_entries l JOIN ledger_transactions t ON t.id = l.transaction_id WHERE t.exchange_id = x.id) AS amounts,
              (SELECT count(*)::int FROM interactions i WHERE i.source_id = x.id::text AND i.kind = 'exchange_confirmed') AS ties,
              coalesce((SELECT json_agg(json_build_object('actor', i.actor_id, 'subject', i.subject_id, 'weight', i.weight)) FROM interactions i WHERE i.source_id = x.id::text AND i.kind = 'dispute_upheld'), '[]') AS upheld
       FROM exchanges x JOIN exchange_events e ON e.exchange_id = x.id AND e.kind = 'resolved'
       JOIN memberships m ON m.community_id = x.community_id AND m.user_id = e.actor_id
       WHERE x.status = 'resolved'`);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) {
      expect(r.resolver_role).toBe('coordinator');
      expect([r.provider_id, r.receiver_id]).not.toContain(r.resolver);
      if (r.minutes > 0) {
        expect(r).toMatchObject({ transactions: 1, created_by: r.resolver, amounts: [-r.minutes, r.minutes], ties: 2 });
      } else {
        expect(r).toMatchObject({ transactions: 0, ties: 0 });
      }
      if (r.upheld_against) {
        const wronged = r.upheld_against === r.provider_id ? r.receiver_id : r.provider_id;
        expect(r.upheld).toEqual([{ actor: wronged, subject: r.upheld_against, weight: -1 }]);
      } else {
        expect(r.upheld).toEqual([]);
      }
    }
  });

  it('puts the open disputes in the coordinator’s queue', async () => {
    const coordinator = await coordinatorSignIn();
    const riverside = made.communities[0].id;
    const queue = (await coordinator.get(`/api/communities/${riverside}/exchange-queue`)).json();
    const [{ open }] = await fq<{ open: number }>(`SELECT count(*)::int AS open FROM exchanges WHERE community_id = $1 AND status = 'disputed'`, [riverside]);
    expect(queue.disputes).toHaveLength(open);
    for (const dispute of queue.disputes) expect(dispute.allowedActions).toContain('resolve');
    // The coordinators were told, as the service tells them.
    const [{ told }] = await fq<{ told: number }>(`SELECT count(*)::int AS told FROM notifications WHERE community_id = $1 AND kind = 'exchange.disputed'`, [riverside]);
    expect(told).toBeGreaterThanOrEqual(open);
  });

  it('has coordinators’ reversals with reasons, each the mirror image of the exchange it undoes, one of an exchange recorded twice', async () => {
    const rows = await fq<{ id: string; reverses_id: string; community_id: string; note: string; created_by: string; role: string; base_kind: string; posted_at: Date; original_posted_at: Date; original_kind: string; exchange_id: string; parties: string[] }>(
      `SELECT r.id, r.reverses_id, r.community_id, r.note, r.created_by, m.role, r.base_kind, r.posted_at, o.posted_at AS original_posted_at, o.kind AS original_kind, o.exchange_id,
              ARRAY[x.provider_id::text, x.receiver_id::text] AS parties
       FROM ledger_transactions r JOIN ledger_transactions o ON o.id = r.reverses_id
       JOIN exchanges x ON x.id = o.exchange_id
       JOIN memberships m ON m.community_id = r.community_id AND m.user_id = r.created_by
       WHERE r.kind = 'reversal'`);
    const entries = await fq<{ transaction_id: string; account_id: string; amount: number; kind: string; base_kind: string }>(`SELECT transaction_id, account_id, amount, kind, base_kind FROM ledger_entries`);
    const legs = (id: string, sign = 1) => entries.filter((e) => e.transaction_id === id).map((e) => `${e.account_id}:${sign * e.amount}`).sort();
    expect(made.counts.reversals).toBe(rows.length);
    for (const community of made.communities) expect(rows.filter((r) => r.community_id === community.id).length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r).toMatchObject({ role: 'coordinator', base_kind: 'exchange', original_kind: 'exchange' });
      expect(legs(r.id)).toEqual(legs(r.reverses_id, -1));
      expect(entries.filter((e) => e.transaction_id === r.id).every((e) => e.kind === 'reversal' && e.base_kind === 'exchange')).toBe(true);
      expect(r.note.trim().length).toBeGreaterThanOrEqual(3);
      expect(r.parties).not.toContain(r.created_by);
      expect(r.posted_at.getTime()).toBeGreaterThan(r.original_posted_at.getTime());
      expect(r.posted_at.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(rows.some((r) => /twice/.test(r.note))).toBe(true);
    // The exchange page says the hours were reversed.
    const coordinator = await coordinatorSignIn();
    const riverside = rows.find((r) => r.community_id === made.communities[0].id)!;
    const shown = (await coordinator.get(`/api/communities/${riverside.community_id}/exchanges/${riverside.exchange_id}`)).json();
    expect(shown).toMatchObject({ status: 'confirmed', reversed: true, allowedActions: expect.not.arrayContaining(['reverse']) });
  });

  it('keeps the ledger’s invariants: balanced transactions, balances equal to their entries, zero in total, within the limits', async () => {
    for (const community of made.communities) {
      const check = await checkLedger(full.db, community.id);
      expect(check).toEqual({ balanced: true, unbalancedTransactions: [], mismatchedAccounts: [], balancesTotal: 0 });
      const outside = await fq(
        `SELECT a.id, a.balance FROM ledger_accounts a JOIN timebank_settings s ON s.community_id = a.community_id
         WHERE a.community_id = $1 AND a.kind = 'member' AND (a.balance < -s.max_debit_minutes OR a.balance > s.max_credit_minutes)`, [community.id]);
      expect(outside).toEqual([]);
      // Every exchange that moved hours has exactly one transaction, and none moved hours twice.
      const [{ wrong }] = await fq<{ wrong: number }>(
        `SELECT count(*)::int AS wrong FROM exchanges x
         WHERE x.community_id = $1 AND (SELECT count(*) FROM ledger_transactions t WHERE t.exchange_id = x.id) <> CASE WHEN x.confirmed_minutes > 0 THEN 1 ELSE 0 END`, [community.id]);
      expect(wrong).toBe(0);
      // The coordinators' report agrees with the ledger's own check.
      const coordinator = await coordinatorSignIn();
      if (community.slug === 'riverside') {
        const report = (await coordinator.get(`/api/communities/${community.id}/ledger/reports`)).json();
        expect(report.ledger.balanced).toBe(true);
        expect(report.totals.reversals).toBe((await fq(`SELECT 1 FROM ledger_transactions WHERE community_id = $1 AND kind = 'reversal'`, [community.id])).length);
      }
    }
  });

  it('makes the same disputes and reversals from the same seed', async () => {
    const { database, drop } = await openTestDatabase(2);
    try {
      await generateNeighbourhood(database.db, { seed: 7, members: MEMBERS, communities: 2, now, passwordHashes });
      const shape = (db: Database) => db.query(
        `SELECT c.slug, x.status, x.recorded_minutes, x.confirmed_minutes, p.display_name AS provider, r.display_name AS receiver, x.upheld_against = x.provider_id AS against_provider
         FROM exchanges x JOIN communities c ON c.id = x.community_id JOIN users p ON p.id = x.provider_id JOIN users r ON r.id = x.receiver_id
         WHERE x.status IN ('disputed', 'resolved') ORDER BY 1, x.created_at`);
      const reversals = (db: Database) => db.query(`SELECT note, posted_at FROM ledger_transactions WHERE kind = 'reversal' ORDER BY posted_at`);
      expect(await shape(database)).toEqual(await shape(full.database));
      expect(await reversals(database)).toEqual(await reversals(full.database));
    } finally {
      await database.close();
      await drop();
    }
  });
});
