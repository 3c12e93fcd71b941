import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeTies, setPrivacy, signInAs, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { JOB_HANDLERS } from '../../jobs/index.ts';
import { startRunner } from '../../jobs/runner.ts';
import { recomputeCommunity } from './recompute.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
const people: Record<string, TestUser> = {};
let viewer: Client;
let coordinator: Client;

const connectionUrl = (target: { id: string }, community: { id: string } = home) => `/api/communities/${community.id}/members/${target.id}/connection`;
const trustUrl = (path: string, community: { id: string } = home) => `/api/communities/${community.id}/trust/${path}`;

beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Mill Lane' });
  elsewhere = await makeCommunity(ctx, { name: 'Castle Street' });
  for (const name of ['viewer', 'target', 'mutual', 'optedOut', 'blocked', 'blocksViewer', 'unlisted', 'far', 'loner', 'shyLoner', 'quietLoner']) {
    people[name] = await makeMember(ctx, home, { displayName: `${name[0].toUpperCase()}${name.slice(1)} Person`, area: name === 'far' ? 'River Row' : 'Mill Lane' });
  }
  people.suspended = await makeMember(ctx, home, { displayName: 'Suspended Person', status: 'suspended' });
  people.officer = await makeMember(ctx, home, { displayName: 'Officer Person', role: 'officer' });
  people.outsider = await makeMember(ctx, elsewhere, { displayName: 'Outsider Person' });
  const { viewer: v, target: t, mutual, optedOut, blocked, blocksViewer, unlisted, suspended, far } = people;
  await makeTies(ctx, home, [[v, mutual], [mutual, t], [v, optedOut], [optedOut, t], [v, blocked], [blocked, t], [v, blocksViewer], [blocksViewer, t], [v, unlisted], [unlisted, t], [v, suspended], [suspended, t], [t, far]]);
  await makeTies(ctx, elsewhere, [[people.outsider, elsewhere.coordinator]]);
  await setPrivacy(ctx, optedOut, { analyticsOptOut: true });
  await setPrivacy(ctx, unlisted, { showInDirectory: false });
  await setPrivacy(ctx, people.loner, { reachOutOk: true });
  await setPrivacy(ctx, people.shyLoner, { reachOutOk: true, analyticsOptOut: true });
  await ctx.database.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($3, $1)', [v.id, blocked.id, blocksViewer.id]);
  await recomputeCommunity(ctx.db, home.id, { reason: 'manual' });
  viewer = await signInAs(ctx, v);
  coordinator = await signInAs(ctx, home.coordinator);
});
afterAll(() => ctx?.close());

describe('GET …/members/:userId/connection', () => {
  it('explains a two-step connection through the one mutual contact the viewer may see', async () => {
    const response = await viewer.get(connectionUrl(people.target));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ direct: false, reciprocated: false, moreMutualContacts: 0 });
    expect(['close', 'connected']).toContain(body.band);
    expect(body.paths).toEqual([{ via: [{ id: people.mutual.id, displayName: 'Mutual Person' }] }]);
    expect(body.mutualContacts).toEqual([{ id: people.mutual.id, displayName: 'Mutual Person' }]);
    // Never a number that could be read as a score.
    expect(JSON.stringify(body)).not.toMatch(/score|strength/i);
  });

  it('calls a direct two-way tie close and a member three steps away distant', async () => {
    expect((await viewer.get(connectionUrl(people.mutual))).json()).toMatchObject({ band: 'close', direct: true, reciprocated: true });
    const far = (await viewer.get(connectionUrl(people.far))).json();
    expect(far.band).toBe('distant');
    expect(far.paths).toEqual([{ via: [{ id: people.mutual.id, displayName: 'Mutual Person' }, { id: people.target.id, displayName: 'Target Person' }] }]);
  });

  it('says nothing but "private" about a member who opted out of analytics', async () => {
    expect((await viewer.get(connectionUrl(people.optedOut))).json()).toMatchObject({ band: 'private', paths: [], mutualContacts: [], direct: false });
  });

  it('says "not yet connected" for a member with no ties and for a council officer', async () => {
    expect((await viewer.get(connectionUrl(people.loner))).json()).toMatchObject({ band: 'not_connected', paths: [] });
    expect((await viewer.get(connectionUrl(people.officer))).json()).toMatchObject({ band: 'not_connected' });
  });

  it('answers 404 for blocked people either way, another community’s member and an unknown id', async () => {
    for (const target of [people.blocked, people.blocksViewer, people.outsider, { id: crypto.randomUUID() }]) {
      const response = await viewer.get(connectionUrl(target));
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('member.not_found');
    }
  });

  it('answers 400 naming the field for a bad id and for oneself', async () => {
    const bad = await viewer.get(`/api/communities/${home.id}/members/not-a-uuid/connection`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('userId');
    const self = await viewer.get(connectionUrl(people.viewer));
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'connection.self', field: 'userId' });
  });

  it('answers 401 signed out and 403 outside the community', async () => {
    expect((await anonymous(ctx).get(connectionUrl(people.target))).statusCode).toBe(401);
    const outsider = await signInAs(ctx, people.outsider);
    expect((await outsider.get(connectionUrl(people.target))).statusCode).toBe(403);
    // Asking through their own community about someone from here is a 404, not a leak.
    expect((await outsider.get(connectionUrl(people.target, elsewhere))).statusCode).toBe(404);
  });

  it('sees a new tie at once, without waiting for a recompute', async () => {
    await makeTies(ctx, home, [[people.viewer, people.far]], { daysAgo: 0 });
    expect((await viewer.get(connectionUrl(people.far))).json()).toMatchObject({ direct: true, reciprocated: true });
  });
});

describe('the coordinators’ dashboard and map', () => {
  it('shows the measures by month, the reach-out list and the national survey figure', async () => {
    const response = await coordinator.get(trustUrl('dashboard'));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.months.length).toBeGreaterThanOrEqual(1);
    expect(body.months.at(-1)).toMatchObject({ members: 13, isolated: 4 });
    expect(body.lastRun).toMatchObject({ reason: 'manual', members: 13 });
    expect(body.national).toEqual({ generalisedMostPeopleShare: 0.42, source: 'Community Life Survey 2012/13' });
    // Only the isolated member who said a coordinator may get in touch, and who has not opted out.
    expect(body.reachOut.map((r: { id: string }) => r.id)).toEqual([people.loner.id]);
    expect(body.connectors.map((c: { id: string }) => c.id)).not.toContain(people.optedOut.id);
    expect(body.connectors.map((c: { id: string }) => c.id)).toContain(people.target.id);
  });

  it('maps members and ties, leaving out the member who opted out and their ties', async () => {
    const body = (await coordinator.get(trustUrl('network'))).json();
    const ids = body.nodes.map((n: { id: string }) => n.id);
    expect(ids).toContain(people.viewer.id);
    expect(ids).not.toContain(people.optedOut.id);
    expect(ids).not.toContain(people.shyLoner.id);
    expect(body.hiddenMembers).toBe(2);
    expect(body.edges.some((e: { source: string; target: string }) => [e.source, e.target].includes(people.optedOut.id))).toBe(false);
    expect(body.edges.find((e: { source: string; target: string }) => [e.source, e.target].sort().join() === [people.viewer.id, people.mutual.id].sort().join())).toMatchObject({ mutual: true });
    expect(body.areas).toEqual(['Mill Lane', 'River Row']);
  });

  it('is for coordinators only: 401, 403 for members and officers, 403 from another community', async () => {
    const officer = await signInAs(ctx, people.officer);
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    for (const path of ['dashboard', 'network']) {
      expect((await anonymous(ctx).get(trustUrl(path))).statusCode).toBe(401);
      expect((await viewer.get(trustUrl(path))).statusCode).toBe(403);
      expect((await officer.get(trustUrl(path))).statusCode).toBe(403);
      expect((await otherCoordinator.get(trustUrl(path))).statusCode).toBe(403);
    }
  });

  it('lets officers and coordinators read the council view, but not members', async () => {
    const officer = await signInAs(ctx, people.officer);
    expect((await officer.get(trustUrl('council'))).statusCode).toBe(200);
    expect((await coordinator.get(trustUrl('council'))).statusCode).toBe(200);
    expect((await viewer.get(trustUrl('council'))).statusCode).toBe(403);
  });
});

describe('POST …/trust/recompute', () => {
  it('queues one recompute until it has run', async () => {
    const before = await countRows(ctx, ['jobs']);
    const first = await coordinator.post(trustUrl('recompute'));
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ queued: true });
    expect((await coordinator.post(trustUrl('recompute'))).json()).toEqual({ queued: false });
    expect(await countRows(ctx, ['jobs'])).toEqual({ jobs: before.jobs + 1 });
    const [job] = await ctx.database.query<{ kind: string; payload: { communityId: string; reason: string } }>(`SELECT kind, payload FROM jobs ORDER BY id DESC LIMIT 1`);
    expect(job).toEqual({ kind: 'trust.recompute', payload: { communityId: home.id, reason: 'manual' } });
  });

  it('refuses members, missing CSRF tokens and other communities, changing nothing', async () => {
    const before = await countRows(ctx, ['jobs']);
    expect((await viewer.post(trustUrl('recompute'))).statusCode).toBe(403);
    expect((await coordinator.request('POST', trustUrl('recompute'), {}, { 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect((await coordinator.post(trustUrl('recompute', elsewhere))).statusCode).toBe(403);
    expect((await anonymous(ctx).post(trustUrl('recompute'))).statusCode).toBe(401);
    expect((await coordinator.post(`/api/communities/${crypto.randomUUID()}/trust/recompute`)).statusCode).toBe(404);
    expect(await countRows(ctx, ['jobs'])).toEqual(before);
  });
});

describe('GET …/trust/recompute', () => {
  const status = async () => {
    const response = await coordinator.get(trustUrl('recompute'));
    expect(response.statusCode).toBe(200);
    return response.json() as { state: string; lastRun: { finishedAt: string; reason: string } | null };
  };
  const runQueued = async () => {
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, JOB_HANDLERS, [], { autoStart: false });
    await runner.tick();
    await runner.stop();
  };

  it('says a recompute is on its way while its job waits or runs, and when it has finished', async () => {
    await runQueued();
    const idle = await status();
    expect(idle.state).toBe('idle');
    expect((await coordinator.post(trustUrl('recompute'))).json()).toEqual({ queued: true });
    expect(await status()).toEqual({ state: 'queued', lastRun: idle.lastRun });
    await ctx.database.query(`UPDATE jobs SET status = 'running' WHERE kind = 'trust.recompute' AND community_id = $1 AND status = 'queued'`, [home.id]);
    expect((await status()).state).toBe('running');
    await ctx.database.query(`UPDATE jobs SET status = 'queued' WHERE kind = 'trust.recompute' AND community_id = $1 AND status = 'running'`, [home.id]);
    await runQueued();
    const done = await status();
    expect(done.state).toBe('idle');
    expect(done.lastRun?.reason).toBe('manual');
    expect(new Date(done.lastRun!.finishedAt).getTime()).toBeGreaterThan(new Date(idle.lastRun!.finishedAt).getTime());
  });

  it('says when the latest recompute failed for good, until another one is asked for', async () => {
    await ctx.database.query(`INSERT INTO jobs (kind, community_id, payload, status, attempts, max_attempts, last_error, finished_at)
      VALUES ('trust.recompute', $1, $2, 'failed', 3, 3, 'out of memory', now())`, [home.id, JSON.stringify({ communityId: home.id, reason: 'manual' })]);
    expect((await status()).state).toBe('failed');
    expect((await coordinator.post(trustUrl('recompute'))).json()).toEqual({ queued: true });
    expect((await status()).state).toBe('queued');
    // Another community's jobs say nothing about this one.
    const other = await signInAs(ctx, elsewhere.coordinator);
    expect((await other.get(trustUrl('recompute', elsewhere))).json().state).toBe('idle');
  });

  it('is for coordinators only', async () => {
    expect((await viewer.get(trustUrl('recompute'))).statusCode).toBe(403);
    expect((await (await signInAs(ctx, people.officer)).get(trustUrl('recompute'))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(trustUrl('recompute'))).statusCode).toBe(401);
    expect((await coordinator.get(trustUrl('recompute', elsewhere))).statusCode).toBe(403);
  });
});
