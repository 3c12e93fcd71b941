import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, openTestDatabase, type TestContext } from '../../test/context.ts';
import { anonymous, clientFromResponse } from '../../test/factories.ts';
import type { Database } from '../db/client.ts';
import { hashPassword } from '../lib/passwords.ts';
import { KITH_TIME_ZONE, todayIn } from '../features/verification/dates.ts';
import { computeLevel, mayVouch } from '../features/verification/levels.ts';
import { DEMO_ACCOUNTS, PLACES, STARTER_SKILLS } from './data.ts';
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

  it('keeps to the rules with the exchanges of trust-network.ts grown on top, as npm run demo makes it', async () => {
    const full = await createTestContext();
    try {
      const made = await generateNeighbourhood(full.db, { seed: 7, members: MEMBERS, now, passwordHashes });
      const [{ late }] = await full.database.query<{ late: number }>(
        `SELECT count(*)::int AS late FROM vouches v WHERE NOT EXISTS (SELECT 1 FROM verifications k WHERE k.community_id = v.community_id AND k.subject_id = v.voucher_id AND k.kind = 'identity_address' AND k.created_at < v.created_at)`,
      );
      expect(late).toBe(0);
      const kinds = await full.database.query<{ kind: string }>(`SELECT DISTINCT kind FROM interactions ORDER BY kind`);
      expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['report_upheld', 'verification', 'vouch']));
      const member = await anonymous(full).post('/api/auth/sign-in', { email: DEMO_ACCOUNTS.member.email, password: DEMO_ACCOUNTS.password });
      expect(member.statusCode).toBe(200);
      const overview = (await clientFromResponse(full, member).get(`/api/communities/${made.communities[0].id}/overview`)).json();
      expect(overview.you).toMatchObject({ role: 'member', level: 'vouched' });
    } finally {
      await full.close();
    }
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
