import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, openTestDatabase, type TestContext } from '../../test/context.ts';
import { anonymous, clientFromResponse, signInAs } from '../../test/factories.ts';
import type { Database } from '../db/client.ts';
import { hashPassword } from '../lib/passwords.ts';
import { KITH_TIME_ZONE, todayIn } from '../features/verification/dates.ts';
import { computeLevel, mayVouch } from '../features/verification/levels.ts';
import { requireAction, type ExchangeState } from '../features/exchanges/lifecycle.ts';
import { needsApproval } from '../features/exchanges/approval.ts';
import { helperLevels, helperNeed, meetsNeed, requireExchangeHelper, type WorksWith } from '../features/exchanges/safeguarding.ts';
import { getSettings } from '../features/ledger/settings.ts';
import { fuzzLocation } from '../features/offers/geo.ts';
import { listingInput, type ListingPlace } from '../../common/offers.ts';
import type { Exchange, ExchangeAction } from '../../common/exchanges.ts';
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

  /** Signs in one of the documented demo accounts with its documented password. */
  const signInDemo = async (email: string) => {
    const res = await anonymous(full).post('/api/auth/sign-in', { email, password: DEMO_ACCOUNTS.password });
    expect(res.statusCode).toBe(200);
    return clientFromResponse(full, res);
  };
  const coordinatorSignIn = () => signInDemo(DEMO_ACCOUNTS.coordinator.email);
  const memberSignIn = () => signInDemo(DEMO_ACCOUNTS.member.email);
  /** The community's longest-serving active coordinator, signed in. */
  const firstCoordinator = async (communityId: string) =>
    signInAs(full, (await fq<{ id: string }>(`SELECT user_id AS id FROM memberships WHERE community_id = $1 AND role = 'coordinator' AND status = 'active' ORDER BY joined_at LIMIT 1`, [communityId]))[0]);

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
      // The exchange's tie is withdrawn as the reversal service withdraws it: the same pairs, dated alike.
      const facts = async (kind: string, source: string) => (await fq<{ pair: string; at: Date }>(
        `SELECT actor_id || '>' || subject_id AS pair, occurred_at AS at FROM interactions WHERE kind = $1 AND source_id = $2 ORDER BY 1`, [kind, source])).map((f) => `${f.pair}@${f.at.getTime()}`);
      expect(await facts('exchange_reversed', r.id)).toEqual(await facts('exchange_confirmed', r.exchange_id));
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

  // Today's time bank (timebank-activity.ts): listings, exchanges in flight, the fund, group
  // and proxy exchanges, approvals.
  const today = todayIn(KITH_TIME_ZONE, now);
  /** Exchanges written today (in flight), as opposed to the months of settled history. */
  const IN_FLIGHT = `('proposed', 'accepted', 'done', 'declined', 'cancelled')`;

  it('has offers and requests in every state, each one a member could have posted', async () => {
    for (const community of made.communities) {
      const rows = await fq<{ id: string; kind: 'offer' | 'request'; title: string; description: string; skill_id: number; category: string; duration_minutes: number; place: string; availability: string;
        expires: string | null; status: string; lat: number | null; lng: number | null; owner_id: string; owner_kind: string; joined_at: Date; created_at: Date; updated_at: Date; by_owner: boolean; by_agent: boolean }>(
        `SELECT l.id, l.kind, l.title, l.description, l.skill_id, k.category, l.duration_minutes, l.place, l.availability, l.expires_on::text AS expires, l.status, l.lat, l.lng,
                l.owner_id, u.kind AS owner_kind, m.joined_at, l.created_at, l.updated_at, l.created_by = l.owner_id AS by_owner,
                EXISTS (SELECT 1 FROM organisation_agents a WHERE a.community_id = l.community_id AND a.organisation_id = l.owner_id AND a.user_id = l.created_by) AS by_agent
         FROM listings l JOIN users u ON u.id = l.owner_id JOIN skills k ON k.id = l.skill_id
         JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.owner_id AND m.status = 'active'
         WHERE l.community_id = $1`, [community.id]);
      const state = (r: (typeof rows)[number]) => (r.status !== 'open' ? r.status : r.expires !== null && r.expires < today ? 'expired' : 'open');
      expect(new Set(rows.map(state))).toEqual(new Set(['open', 'paused', 'closed', 'expired']));
      for (const kind of ['offer', 'request']) expect(rows.filter((r) => r.kind === kind && state(r) === 'open').length).toBeGreaterThanOrEqual(3);
      expect(new Set(rows.map((r) => r.category)).size).toBeGreaterThanOrEqual(5);
      expect(rows.some((r) => r.owner_kind === 'organisation' && r.by_agent)).toBe(true);
      for (const r of rows) {
        // The API's own rules, the owner (or an agent for an organisation) posting, after joining.
        expect(() => listingInput.parse({ kind: r.kind, title: r.title, description: r.description, skillId: r.skill_id, durationMinutes: r.duration_minutes, place: r.place,
          availability: r.availability, expiresOn: r.expires, location: r.lat === null ? null : { lat: r.lat, lng: r.lng } })).not.toThrow();
        expect(r.owner_kind === 'organisation' ? r.by_agent : r.by_owner).toBe(true);
        expect(r.created_at.getTime()).toBeGreaterThan(r.joined_at.getTime());
        expect(r.updated_at.getTime()).toBeGreaterThanOrEqual(r.created_at.getTime());
        expect(r.updated_at.getTime()).toBeLessThanOrEqual(now.getTime());
        // Expiry from the day it was posted; locations snapped to the service's grid, none for help online.
        if (r.expires) expect(r.expires >= todayIn(KITH_TIME_ZONE, r.created_at)).toBe(true);
        if (r.lat !== null) expect(fuzzLocation({ lat: r.lat, lng: r.lng! })).toEqual({ lat: r.lat, lng: r.lng });
        if (r.place === 'online') expect(r.lat).toBeNull();
      }
      const coordinator = await firstCoordinator(community.id);
      for (const status of ['paused', 'closed']) expect((await coordinator.get(`/api/communities/${community.id}/listings?status=${status}`)).json().total).toBeGreaterThanOrEqual(1);
    }
    // Browsing shows a member exactly the open listings that have not expired, and suggestions work.
    const member = await memberSignIn();
    const riverside = made.communities[0].id;
    const page = (await member.get(`/api/communities/${riverside}/listings?limit=100`)).json();
    const [{ open }] = await fq<{ open: number }>(`SELECT count(*)::int AS open FROM listings WHERE community_id = $1 AND status = 'open' AND (expires_on IS NULL OR expires_on >= $2::date)`, [riverside, today]);
    expect(page.total).toBe(open);
    expect(page.listings.every((l: { expired: boolean; status: string }) => !l.expired && l.status === 'open')).toBe(true);
    const myRequest = page.listings.find((l: { mine: boolean; kind: string; needsApproval: boolean }) => l.mine && l.kind === 'request' && !l.needsApproval);
    expect(myRequest).toBeDefined();
    expect((await member.get(`/api/communities/${riverside}/listings/${myRequest.id}/matches`)).json().suggestions.length).toBeGreaterThan(0);
    const [{ told }] = await fq<{ told: number }>(`SELECT count(*)::int AS told FROM notifications WHERE kind = 'listing.matching_request'`);
    expect(told).toBeGreaterThan(0);
  });

  it('gives the demo member and coordinator things to do: proposals to answer, times to confirm, a changed time to accept', async () => {
    const riverside = made.communities[0].id;
    const member = await memberSignIn();
    const mine = ((await member.get(`/api/communities/${riverside}/exchanges?limit=100`)).json() as Exchange[]).filter((x) => x.status !== 'confirmed' && x.status !== 'resolved');
    const can = (status: Exchange['status'], action: ExchangeAction) => mine.some((x) => x.status === status && x.allowedActions.includes(action));
    expect(can('proposed', 'accept')).toBe(true);
    expect(can('accepted', 'cancel')).toBe(true);
    expect(can('done', 'confirm')).toBe(true);
    expect(can('done', 'accept_adjustment')).toBe(true);
    // One of their own proposals waits for the other side, and one waits for a coordinator's approval.
    expect(mine.some((x) => x.status === 'proposed' && x.proposedBy.id === member.userId && !x.allowedActions.includes('accept'))).toBe(true);
    expect(mine.some((x) => x.approval === 'pending')).toBe(true);
    const unread = (await member.get(`/api/communities/${riverside}/notifications?unread=true`)).json() as { notifications: { kind: string; link: string }[] };
    expect(unread.notifications.map((n) => n.kind)).toEqual(expect.arrayContaining(['exchange.proposed', 'exchange.done', 'exchange.adjusted']));
    const coordinator = await coordinatorSignIn();
    const theirs = (await coordinator.get(`/api/communities/${riverside}/exchanges?limit=100`)).json() as Exchange[];
    expect(theirs.some((x) => x.status === 'proposed' && x.allowedActions.includes('accept'))).toBe(true);
    expect(theirs.some((x) => x.status === 'done' && x.allowedActions.includes('confirm'))).toBe(true);
    for (const community of made.communities) {
      const [{ n }] = await fq<{ n: number }>(`SELECT count(*)::int AS n FROM exchanges WHERE community_id = $1 AND status IN ('proposed', 'accepted', 'done')`, [community.id]);
      expect(n).toBeGreaterThanOrEqual(6);
    }
  });

  it('takes every exchange in flight through the lifecycle rules, with the timeline and notifications the service writes', async () => {
    const rows = await fq<{ id: string; community_id: string; status: Exchange['status']; approval: ExchangeState['approval']; provider_id: string; receiver_id: string; proposed_by: string; category: string;
      recorded_minutes: number | null; adjusted_minutes: number | null; awaiting_since: Date | null; created_at: Date; updated_at: Date; listing_live: boolean; approval_categories: string[]; approval_in_home: boolean; place: ListingPlace;
      events: { kind: string; actor: string; minutes: number | null; at: string }[] }>(
      `SELECT x.id, x.community_id, x.status, x.approval, x.provider_id, x.receiver_id, x.proposed_by, x.category, x.recorded_minutes, x.adjusted_minutes, x.awaiting_since, x.created_at, x.updated_at,
              l.status = 'open' AND (l.expires_on IS NULL OR l.expires_on >= $1::date) AS listing_live, s.approval_categories, s.approval_in_home, l.place,
              (SELECT json_agg(json_build_object('kind', e.kind, 'actor', e.actor_id, 'minutes', e.minutes, 'at', e.created_at) ORDER BY e.id) FROM exchange_events e WHERE e.exchange_id = x.id) AS events
       FROM exchanges x JOIN listings l ON l.id = x.listing_id JOIN timebank_settings s ON s.community_id = x.community_id
       WHERE x.status IN ${IN_FLIGHT}`, [today]);
    const agents = await fq<{ organisation_id: string; user_id: string }>(`SELECT organisation_id, user_id FROM organisation_agents`);
    const coordinators = await fq<{ community_id: string; user_id: string }>(`SELECT community_id, user_id FROM memberships WHERE role = 'coordinator' AND status = 'active'`);
    const notified = await fq<{ user_id: string; kind: string; source_id: string }>(`SELECT user_id, kind, source_id FROM notifications WHERE kind LIKE 'exchange.%'`);
    const told = (id: string, kind: string, party: string) => {
      const people = agents.filter((a) => a.organisation_id === party).map((a) => a.user_id);
      return (people.length > 0 ? people : [party]).some((u) => notified.some((n) => n.source_id === id && n.kind === kind && n.user_id === u));
    };
    const actions: Record<string, ExchangeAction> = { accepted: 'accept', approved: 'approve', done: 'record', adjusted: 'adjust', declined: 'decline', cancelled: 'cancel' };
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['proposed', 'accepted', 'done', 'declined', 'cancelled']));
    for (const r of rows) {
      const state: ExchangeState = { status: 'proposed', approval: needsApproval({ approvalCategories: r.approval_categories, approvalInHome: r.approval_in_home }, { category: r.category, place: r.place }) ? 'pending' : 'not_needed', providerId: r.provider_id, receiverId: r.receiver_id,
        proposedBy: r.proposed_by, adjustedMinutes: null, transactionId: null, reversed: false, referencedBy: [] };
      const identities = (actor: string) => [actor, ...agents.filter((a) => a.user_id === actor && [r.provider_id, r.receiver_id].includes(a.organisation_id)).map((a) => a.organisation_id)];
      expect(r.events[0].kind).toBe('proposed');
      expect(identities(r.events[0].actor)).toContain(r.proposed_by);
      expect(told(r.id, 'exchange.proposed', r.proposed_by === r.provider_id ? r.receiver_id : r.provider_id)).toBe(true);
      const coordinating = coordinators.filter((c) => c.community_id === r.community_id).map((c) => c.user_id);
      // Every coordinator of the community is asked to approve, as proposing tells them.
      if (state.approval === 'pending') for (const c of coordinating) expect(notified.some((n) => n.source_id === r.id && n.kind === 'exchange.approval_needed' && n.user_id === c)).toBe(true);
      let recorded: number | null = null;
      for (const e of r.events.slice(1)) {
        expect(() => requireAction(state, { identities: identities(e.actor), coordinator: coordinating.includes(e.actor) }, actions[e.kind])).not.toThrow();
        if (e.kind === 'accepted' || e.kind === 'declined' || e.kind === 'cancelled' || e.kind === 'done') state.status = e.kind;
        if (e.kind === 'approved') state.approval = 'approved';
        if (e.kind === 'done') recorded = e.minutes;
        if (e.kind === 'adjusted') state.adjustedMinutes = e.minutes;
      }
      expect({ status: state.status, approval: state.approval, recorded, adjusted: state.adjustedMinutes }).toEqual({ status: r.status, approval: r.approval, recorded: r.recorded_minutes, adjusted: r.adjusted_minutes });
      const times = r.events.map((e) => new Date(e.at).getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect([r.created_at.getTime(), r.updated_at.getTime()]).toEqual([times[0], times.at(-1)]);
      expect(times.at(-1)!).toBeLessThan(now.getTime());
      if (r.status === 'done') expect(r.awaiting_since!.getTime()).toBe(times.at(-1));
      if (r.status === 'proposed' || r.status === 'accepted') expect(r.listing_live).toBe(true);
    }
  });

  it('lets only those the helper rule allows offer help or help in an exchange under way, as the services ask it today', async () => {
    let needs = 0;
    for (const community of made.communities) {
      const settings = await getSettings(full.db, community.id);
      // Offers that are open or could be reopened: the owner is who posting, reopening and proposing ask the rule of.
      const offers = await fq<{ id: string; owner_id: string; category: string; works_with: WorksWith | null; place: ListingPlace }>(
        `SELECT l.id, l.owner_id, k.category, k.works_with, l.place FROM listings l JOIN skills k ON k.id = l.skill_id
         WHERE l.community_id = $1 AND l.kind = 'offer' AND l.status IN ('open', 'paused')`, [community.id]);
      expect(offers.length).toBeGreaterThan(0);
      const levels = await helperLevels(full.db, community.id, offers.map((o) => o.owner_id), today);
      const refusedOffers = offers.filter((o) => !meetsNeed(levels.get(o.owner_id), helperNeed(settings, { category: o.category, worksWith: o.works_with, place: o.place })));
      expect(refusedOffers).toEqual([]);
      needs += offers.filter((o) => helperNeed(settings, { category: o.category, worksWith: o.works_with, place: o.place }) !== null).length;
      // Exchanges under way: accepting and recording the time ask the rule of the helper again, today.
      const live = await fq<{ id: string; listing_id: string | null; skill_id: number; category: string; provider_id: string }>(
        `SELECT id, listing_id, skill_id, category, provider_id FROM exchanges WHERE community_id = $1 AND status IN ('proposed', 'accepted', 'done')`, [community.id]);
      expect(live.length).toBeGreaterThan(0);
      const refused: string[] = [];
      for (const x of live) {
        await requireExchangeHelper(full.db, community.id, settings, { listingId: x.listing_id, skillId: x.skill_id, category: x.category, providerId: x.provider_id }, x.provider_id, today)
          .catch((error: Error) => refused.push(`${x.id}: ${error.message}`));
      }
      expect(refused).toEqual([]);
      const [{ gated }] = await fq<{ gated: number }>(
        `SELECT count(*)::int AS gated FROM exchanges x JOIN skills k ON k.id = x.skill_id JOIN listings l ON l.id = x.listing_id
         WHERE x.community_id = $1 AND x.status IN ('proposed', 'accepted', 'done') AND (k.works_with IS NOT NULL OR x.category = ANY ($2::text[]) OR l.place = 'in_someones_home')`,
        [community.id, settings.safeguardingCategories]);
      needs += gated;
      // Group activities: everyone credited helped, so each meets what the work needs.
      const credited = await fq<{ user_id: string; category: string; works_with: WorksWith | null }>(
        `SELECT a.user_id, g.category, k.works_with FROM group_exchanges g JOIN skills k ON k.id = g.skill_id
         JOIN ledger_transactions t ON t.group_exchange_id = g.id JOIN ledger_entries e ON e.transaction_id = t.id AND e.amount > 0
         JOIN ledger_accounts a ON a.id = e.account_id WHERE g.community_id = $1`, [community.id]);
      const creditedLevels = await helperLevels(full.db, community.id, credited.map((c) => c.user_id), today);
      expect(credited.filter((c) => !meetsNeed(creditedLevels.get(c.user_id), helperNeed(settings, { category: c.category, worksWith: c.works_with, place: null })))).toEqual([]);
    }
    // The rule had something to say: some offers and exchanges need a level, and those who have it took them on.
    expect(needs).toBeGreaterThan(0);
  });

  it('puts exchanges waiting for approval in the coordinators’ queue, in the category each community approves', async () => {
    for (const community of made.communities) {
      const coordinator = await firstCoordinator(community.id);
      const settings = (await coordinator.get(`/api/communities/${community.id}/timebank/settings`)).json();
      expect(settings.approvalCategories.length).toBeGreaterThan(0);
      const queue = (await coordinator.get(`/api/communities/${community.id}/exchange-queue`)).json() as { approvals: Exchange[] };
      expect(queue.approvals.length).toBeGreaterThanOrEqual(2);
      for (const x of queue.approvals) {
        expect(x).toMatchObject({ approval: 'pending', allowedActions: expect.arrayContaining(['approve', 'refuse']) });
        expect(settings.approvalCategories).toContain(x.skill.category);
      }
      // Nothing that needs approval (its category, or help in someone's home where the community
      // asks for that) went ahead without a coordinator once approval was asked for.
      const [{ skipped }] = await fq<{ skipped: number }>(
        `SELECT count(*)::int AS skipped FROM exchanges x JOIN timebank_settings s ON s.community_id = x.community_id LEFT JOIN listings l ON l.id = x.listing_id
         WHERE x.community_id = $1 AND (x.category = ANY (s.approval_categories) OR (s.approval_in_home AND l.place = 'in_someones_home'))
           AND x.created_at > s.updated_at AND x.approval = 'not_needed' AND x.proxy_recorded_by IS NULL`, [community.id]);
      expect(skipped).toBe(0);
    }
  });

  it('has donations to the community fund and grants from it with their reasons, as the ledger service posts them', async () => {
    for (const community of made.communities) {
      const coordinator = await firstCoordinator(community.id);
      const fund = (await coordinator.get(`/api/communities/${community.id}/ledger/fund`)).json();
      expect(fund.donatedMinutes).toBeGreaterThan(0);
      expect(fund.grantedMinutes).toBeGreaterThan(0);
      expect(fund.balance).toBeGreaterThanOrEqual(0);
      const rows = await fq<{ id: string; kind: string; note: string; created_by: string; legs: { owner: string | null; amount: number }[]; creator_role: string; told: number }>(
        `SELECT t.id, t.kind, t.note, t.created_by, m.role AS creator_role,
                (SELECT json_agg(json_build_object('owner', a.user_id, 'amount', e.amount) ORDER BY e.amount) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.transaction_id = t.id) AS legs,
                (SELECT count(*)::int FROM notifications n WHERE n.source_id = t.id::text AND n.kind = 'ledger.grant') AS told
         FROM ledger_transactions t JOIN memberships m ON m.community_id = t.community_id AND m.user_id = t.created_by
         WHERE t.community_id = $1 AND t.kind IN ('donation', 'grant')`, [community.id]);
      for (const r of rows) {
        if (r.kind === 'donation') {
          // The donor gives from their own balance to the fund.
          expect(r.legs).toEqual([{ owner: r.created_by, amount: expect.any(Number) }, { owner: null, amount: -r.legs[0].amount }]);
        } else {
          expect(r.creator_role).toBe('coordinator');
          expect(r.note.trim().length).toBeGreaterThanOrEqual(3);
          expect(r.legs[0].owner).toBeNull();
          expect(r.legs[1].owner).not.toBe(r.created_by);
          expect(r.told).toBe(1);
        }
      }
    }
  });

  it('records group exchanges, one paid by the fund and one by an organisation, each participant credited and told', async () => {
    const groups = await fq<{ id: string; community_id: string; recorded_by: string; payer_kind: string; payer: string | null; transactions: number; created_by: string; note: string; title: string;
      legs: { owner: string; amount: number }[]; ties: number; told: number; agent: boolean; coordinator: boolean }>(
      `SELECT g.id, g.community_id, g.recorded_by, pa.kind AS payer_kind, pa.user_id AS payer, t.created_by, t.note, g.title,
              (SELECT count(*)::int FROM ledger_transactions x WHERE x.group_exchange_id = g.id) AS transactions,
              (SELECT json_agg(json_build_object('owner', coalesce(a.user_id::text, 'fund'), 'amount', e.amount)) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.transaction_id = t.id) AS legs,
              (SELECT count(*)::int FROM interactions i WHERE i.source_type = 'group_exchange' AND i.source_id = g.id::text) AS ties,
              (SELECT count(*)::int FROM notifications n WHERE n.kind = 'ledger.group_exchange' AND n.source_id = t.id::text) AS told,
              EXISTS (SELECT 1 FROM organisation_agents o WHERE o.community_id = g.community_id AND o.organisation_id = pa.user_id AND o.user_id = g.recorded_by) AS agent,
              EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = g.community_id AND m.user_id = g.recorded_by AND m.role = 'coordinator') AS coordinator
       FROM group_exchanges g JOIN ledger_accounts pa ON pa.id = g.payer_account_id JOIN ledger_transactions t ON t.group_exchange_id = g.id`);
    for (const community of made.communities) expect(groups.filter((g) => g.community_id === community.id).length).toBeGreaterThanOrEqual(1);
    expect(new Set(groups.map((g) => g.payer_kind))).toEqual(new Set(['fund', 'member']));
    for (const g of groups) {
      const payerLeg = g.legs.find((l) => l.owner === (g.payer ?? 'fund'))!;
      const credits = g.legs.filter((l) => l !== payerLeg);
      expect(g).toMatchObject({ transactions: 1, created_by: g.recorded_by, note: g.title, told: credits.length });
      expect(payerLeg.amount).toBe(-credits.reduce((sum, l) => sum + l.amount, 0));
      expect(credits.length).toBeGreaterThanOrEqual(2);
      // An organisation paying is tied to each participant both ways; the fund is tied to no one.
      expect(g.ties).toBe(g.payer ? 2 * credits.length : 0);
      expect(g.payer ? g.agent : g.coordinator).toBe(true);
    }
  });

  it('marks the exchanges a coordinator recorded for someone not online', async () => {
    const rows = await fq<{ id: string; community_id: string; status: string; confirmed_how: string; listing_id: string | null; recorder: string; provider_id: string; receiver_id: string;
      confirmed_minutes: number; events: { kind: string; actor: string; onBehalfOf: string }[]; created_by: string; amounts: number[]; ties: number; role: string }>(
      `SELECT x.id, x.community_id, x.status, x.confirmed_how, x.listing_id, x.proxy_recorded_by AS recorder, x.provider_id, x.receiver_id, x.confirmed_minutes, m.role,
              (SELECT json_agg(json_build_object('kind', e.kind, 'actor', e.actor_id, 'onBehalfOf', e.on_behalf_of)) FROM exchange_events e WHERE e.exchange_id = x.id) AS events,
              t.created_by, (SELECT array_agg(e.amount ORDER BY e.amount) FROM ledger_entries e WHERE e.transaction_id = t.id) AS amounts,
              (SELECT count(*)::int FROM interactions i WHERE i.source_id = x.id::text AND i.kind = 'exchange_confirmed') AS ties
       FROM exchanges x JOIN ledger_transactions t ON t.exchange_id = x.id JOIN memberships m ON m.community_id = x.community_id AND m.user_id = x.proxy_recorded_by
       WHERE x.proxy_recorded_by IS NOT NULL`);
    for (const community of made.communities) expect(rows.filter((r) => r.community_id === community.id).length).toBeGreaterThanOrEqual(1);
    for (const r of rows) {
      expect(r).toMatchObject({ status: 'confirmed', confirmed_how: 'proxy', listing_id: null, role: 'coordinator', created_by: r.recorder, amounts: [-r.confirmed_minutes, r.confirmed_minutes], ties: 2 });
      expect([r.provider_id, r.receiver_id]).not.toContain(r.recorder);
      expect(r.events).toEqual([{ kind: 'proxy_recorded', actor: r.recorder, onBehalfOf: expect.any(String) }]);
      expect([r.provider_id, r.receiver_id]).toContain(r.events[0].onBehalfOf);
    }
    const coordinator = await coordinatorSignIn();
    const riverside = rows.find((r) => r.community_id === made.communities[0].id)!;
    const shown = (await coordinator.get(`/api/communities/${riverside.community_id}/exchanges/${riverside.id}`)).json();
    expect(shown.proxyRecordedBy.id).toBe(riverside.recorder);
    expect(shown.events[0].onBehalfOf.id).toBe(riverside.events[0].onBehalfOf);
  });

  it('keeps the fake ring and the isolated members out of today’s activity, and the ring contained', async () => {
    const { ring, isolated } = made.network;
    expect(ring.length).toBe(20);
    expect(isolated.length).toBeGreaterThanOrEqual(6);
    const apart = [...ring, ...isolated];
    const [{ n }] = await fq<{ n: number }>(
      `SELECT (SELECT count(*) FROM listings WHERE owner_id = ANY ($1::uuid[]))
            + (SELECT count(*) FROM exchanges WHERE (status IN ${IN_FLIGHT} OR proxy_recorded_by IS NOT NULL) AND (provider_id = ANY ($2::uuid[]) OR receiver_id = ANY ($2::uuid[])))
            + (SELECT count(*) FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id WHERE e.kind IN ('donation', 'grant', 'group_exchange') AND a.user_id = ANY ($2::uuid[]))
            + (SELECT count(*) FROM interactions WHERE actor_id = ANY ($3::uuid[]) OR subject_id = ANY ($3::uuid[])) AS n`, [ring, apart, isolated]);
    expect(Number(n)).toBe(0);
    for (const community of made.communities) {
      const scores = await fq<{ user_id: string; score: number }>(`SELECT user_id, score FROM trust_scores WHERE community_id = $1`, [community.id]);
      const ringShare = scores.filter((s) => ring.includes(s.user_id)).reduce((sum, s) => sum + s.score, 0);
      expect(ringShare).toBeLessThan(10 / scores.length / 2);
      const [last] = await fq<{ isolated: number }>(`SELECT (measures->>'isolatedCount')::int AS isolated FROM trust_measures WHERE community_id = $1 ORDER BY month DESC LIMIT 1`, [community.id]);
      expect(last.isolated).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps every balance within the limits at every posting, and leaves room for every exchange under way to settle', async () => {
    for (const community of made.communities) {
      const [limits] = await fq<{ debit: number; credit: number }>(`SELECT max_debit_minutes AS debit, max_credit_minutes AS credit FROM timebank_settings WHERE community_id = $1`, [community.id]);
      const entries = await fq<{ account: string; owner: string | null; fund: boolean; kind: string; amount: number }>(
        `SELECT e.account_id AS account, a.user_id AS owner, a.kind = 'fund' AS fund, e.kind, e.amount FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
         WHERE e.community_id = $1 ORDER BY e.posted_at, e.id`, [community.id]);
      const balance = new Map<string, number>();
      for (const e of entries) {
        const after = (balance.get(e.account) ?? 0) + e.amount;
        balance.set(e.account, after);
        if (e.fund) expect(e.amount > 0 || after >= 0).toBe(true);
        else if (e.amount < 0) expect(after).toBeGreaterThanOrEqual(e.kind === 'donation' ? 0 : -limits.debit);
        else expect(after).toBeLessThanOrEqual(limits.credit);
      }
      // Whatever the members do next, in any order: all they may still gain, or all they may still give.
      const pending = await fq<{ owner: string; up: number; down: number; balance: number }>(
        `WITH p AS (SELECT x.provider_id, x.receiver_id, coalesce(x.adjusted_minutes, x.recorded_minutes, x.proposed_minutes, l.duration_minutes) AS minutes
                    FROM exchanges x JOIN listings l ON l.id = x.listing_id WHERE x.community_id = $1 AND x.status IN ('proposed', 'accepted', 'done'))
         SELECT o.owner, sum(o.up)::int AS up, sum(o.down)::int AS down, coalesce((SELECT a.balance FROM ledger_accounts a WHERE a.community_id = $1 AND a.user_id = o.owner), 0)::int AS balance
         FROM (SELECT provider_id AS owner, minutes AS up, 0 AS down FROM p UNION ALL SELECT receiver_id, 0, minutes FROM p) o GROUP BY o.owner`, [community.id]);
      expect(pending.length).toBeGreaterThan(0);
      for (const p of pending) {
        expect(p.balance + p.up).toBeLessThanOrEqual(limits.credit);
        expect(p.balance - p.down).toBeGreaterThanOrEqual(-limits.debit);
      }
    }
  });

  it('makes the same disputes, reversals and time bank from the same seed', async () => {
    const { database, drop } = await openTestDatabase(2);
    try {
      await generateNeighbourhood(database.db, { seed: 7, members: MEMBERS, communities: 2, now, passwordHashes });
      const shape = (db: Database) => db.query(
        `SELECT c.slug, x.status, x.recorded_minutes, x.confirmed_minutes, p.display_name AS provider, r.display_name AS receiver, x.upheld_against = x.provider_id AS against_provider
         FROM exchanges x JOIN communities c ON c.id = x.community_id JOIN users p ON p.id = x.provider_id JOIN users r ON r.id = x.receiver_id
         WHERE x.status IN ('disputed', 'resolved') ORDER BY 1, x.created_at`);
      const reversals = (db: Database) => db.query(`SELECT note, posted_at FROM ledger_transactions WHERE kind = 'reversal' ORDER BY posted_at`);
      const timebank = async (db: Database) => ({
        listings: await db.query(`SELECT c.slug, l.kind, l.status, l.title, l.expires_on::text, l.lat, l.lng, l.availability, l.created_at, u.display_name AS owner
          FROM listings l JOIN communities c ON c.id = l.community_id JOIN users u ON u.id = l.owner_id ORDER BY 1, l.created_at, l.title`),
        exchanges: await db.query(`SELECT c.slug, x.status, x.approval, x.description, x.recorded_minutes, x.adjusted_minutes, x.created_at, p.display_name AS provider, r.display_name AS receiver
          FROM exchanges x JOIN communities c ON c.id = x.community_id JOIN users p ON p.id = x.provider_id JOIN users r ON r.id = x.receiver_id
          WHERE x.status IN ${IN_FLIGHT} OR x.proxy_recorded_by IS NOT NULL ORDER BY 1, x.created_at, x.description`),
        postings: await db.query(`SELECT t.kind, t.note, t.posted_at, (SELECT sum(e.amount) FROM ledger_entries e WHERE e.transaction_id = t.id AND e.amount > 0)::int AS minutes
          FROM ledger_transactions t WHERE t.kind IN ('donation', 'grant', 'group_exchange') ORDER BY t.posted_at`),
        notifications: await db.query(`SELECT n.kind, n.title, u.display_name, n.created_at, n.read_at IS NULL AS unread FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.kind <> 'listing.matching_request' ORDER BY n.created_at, n.kind, u.display_name`),
      });
      expect(await shape(database)).toEqual(await shape(full.database));
      expect(await reversals(database)).toEqual(await reversals(full.database));
      expect(await timebank(database)).toEqual(await timebank(full.database));
    } finally {
      await database.close();
      await drop();
    }
  });

  // Last, as it changes the neighbourhood: the things waiting are ones the services accept.
  it('lets the demo member and a coordinator act on what waits for them, through the API', async () => {
    const riverside = made.communities[0].id;
    const member = await memberSignIn();
    const mine = (await member.get(`/api/communities/${riverside}/exchanges?limit=100`)).json() as Exchange[];
    const waiting = (action: ExchangeAction) => mine.find((x) => x.allowedActions.includes(action) && (action !== 'accept' || x.approval !== 'pending'))!;
    for (const [action, path] of [['accept', 'accept'], ['confirm', 'confirm'], ['accept_adjustment', 'accept-adjustment']] as const) {
      const res = await member.post(`/api/communities/${riverside}/exchanges/${waiting(action).id}/${path}`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const coordinator = await coordinatorSignIn();
    const queue = (await coordinator.get(`/api/communities/${riverside}/exchange-queue`)).json() as { approvals: Exchange[] };
    const approval = queue.approvals.find((x) => x.status === 'accepted') ?? queue.approvals[0];
    const approved = await coordinator.post(`/api/communities/${riverside}/exchanges/${approval.id}/approval`, { decision: 'approve', note: 'Checked with both of them.' });
    expect(approved.statusCode, approved.body).toBe(200);
    // The helper of an approved exchange records the time, and the person helped confirms it.
    const [ready] = await fq<{ id: string; provider_id: string; receiver_id: string }>(
      `SELECT x.id, x.provider_id, x.receiver_id FROM exchanges x JOIN users p ON p.id = x.provider_id JOIN users r ON r.id = x.receiver_id
       WHERE x.community_id = $1 AND x.status = 'accepted' AND x.approval = 'approved' AND p.kind = 'person' AND r.kind = 'person' LIMIT 1`, [riverside]);
    expect((await (await signInAs(full, { id: ready.provider_id })).post(`/api/communities/${riverside}/exchanges/${ready.id}/record`, { minutes: 60, note: '' })).statusCode).toBe(200);
    expect((await (await signInAs(full, { id: ready.receiver_id })).post(`/api/communities/${riverside}/exchanges/${ready.id}/confirm`)).statusCode).toBe(200);
    expect(await checkLedger(full.db, riverside)).toMatchObject({ balanced: true, balancesTotal: 0 });
  });
});
