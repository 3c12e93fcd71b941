// Privacy promises of the trust feature (DESIGN.md, pillar 5): the council view never shows a
// cell under 5 people, names nobody and carries no ids; a member who opted out of analytics
// appears in no named output anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, makeTies, setPrivacy, signInAs, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { recomputeCommunity } from './recompute.ts';

let ctx: TestContext;
let home: TestCommunity;
let small: TestCommunity;
let everyone: TestUser[];
let optedOut: TestUser[];
let coordinator: Client;

// Numbers under these keys are shares, indices or averages, not counts of people.
const RATIO_KEYS = new Set(['meanDegree', 'reciprocity', 'transitivity', 'averageClustering', 'areaBridgingShare', 'areaEiIndex', 'communityBridgingShare', 'communityEiIndex', 'modularity', 'bridgingShare', 'eiIndex', 'mostPeopleShare', 'manyOrSomeShare', 'generalisedMostPeopleShare']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every count in a council response that is shown (not null) and under 5, with where it is. */
function smallCells(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => smallCells(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (RATIO_KEYS.has(k) ? [] : smallCells(v, `${path}.${k}`)));
  return typeof value === 'number' && value < 5 ? [`${path} = ${value}`] : [];
}

beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Three Streets' });
  small = await makeCommunity(ctx, { name: 'Tiny Place' });
  everyone = [];
  const streets: TestUser[][] = [];
  for (const street of ['Mill Lane', 'River Row', 'Chapel Street']) {
    const row: TestUser[] = [];
    for (let i = 0; i < 12; i++) row.push(await makeMember(ctx, home, { area: street, displayName: `${street.split(' ')[0]} Resident ${i}` }));
    streets.push(row);
    everyone.push(...row);
  }
  const tiny = [await makeMember(ctx, home, { area: 'Tiny Close', displayName: 'Tiny One' }), await makeMember(ctx, home, { area: 'Tiny Close', displayName: 'Tiny Two' })];
  everyone.push(...tiny);
  // Dense ties inside each street, a few across, and an opted-out member who bridges two streets.
  const pairs: [TestUser, TestUser][] = [];
  for (const row of streets) for (let i = 0; i < row.length; i++) for (const j of [1, 2, 5]) pairs.push([row[i], row[(i + j) % row.length]]);
  const bridge = await makeMember(ctx, home, { area: 'Mill Lane', displayName: 'Opted Out Bridge' });
  const hub = await makeMember(ctx, home, { area: 'River Row', displayName: 'Opted Out Hub' });
  const lonely = await makeMember(ctx, home, { area: 'Chapel Street', displayName: 'Opted Out Lonely' });
  for (const [a, b] of [[bridge, streets[0][0]], [bridge, streets[1][0]], [bridge, streets[2][0]], [bridge, tiny[0]], [tiny[0], tiny[1]]] as const) pairs.push([a, b]);
  for (const member of streets[1]) pairs.push([hub, member]);
  await makeTies(ctx, home, pairs);
  optedOut = [bridge, hub, lonely];
  for (const member of optedOut) await setPrivacy(ctx, member, { analyticsOptOut: true, reachOutOk: true });
  everyone.push(...optedOut);
  // Two small-community members with a tie: every cell there is under 5.
  await makeTies(ctx, small, [[await makeMember(ctx, small), small.coordinator]]);
  await recomputeCommunity(ctx.db, home.id, { reason: 'manual' });
  await recomputeCommunity(ctx.db, small.id, { reason: 'manual' });
  coordinator = await signInAs(ctx, home.coordinator);
});
afterAll(() => ctx?.close());

describe('the council view', () => {
  it('never shows a count under 5, names nobody and carries no ids', async () => {
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    for (const community of [home, small]) {
      const viewer = community === home ? officer : await signInAs(ctx, small.coordinator);
      const response = await viewer.get(`/api/communities/${community.id}/trust/council`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.months.length).toBeGreaterThanOrEqual(1);
      expect(smallCells(body)).toEqual([]);
      const text = response.body;
      expect(text).not.toMatch(UUID);
      for (const person of [...everyone, home.coordinator]) expect(text).not.toContain(person.displayName);
      expect(text).not.toContain('Tiny Close');
    }
  });

  it('still shows the neighbourhood’s large groups', async () => {
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    const body = (await officer.get(`/api/communities/${home.id}/trust/council`)).json();
    expect(body.months.at(-1).members).toBeGreaterThanOrEqual(40);
    expect(body.areas.map((a: { group: string }) => a.group).sort()).toEqual(['Chapel Street', 'Mill Lane', 'River Row']);
    // Every tie here is a confirmed exchange, which both sides record.
    expect(body.months.at(-1).reciprocity).toBe(1);
  });
});

describe('members who opted out of analytics', () => {
  const ids = () => new Set(optedOut.map((m) => m.id));

  it('are never named in anyone’s connection paths or mutual contacts', async () => {
    const targets = [everyone[0], everyone[12], everyone[24], everyone[36]];
    for (const viewer of everyone.filter((m) => !ids().has(m.id))) {
      const client = await signInAs(ctx, viewer);
      for (const target of targets) {
        if (target.id === viewer.id) continue;
        const body = (await client.get(`/api/communities/${home.id}/members/${target.id}/connection`)).json();
        const named = [...body.mutualContacts, ...body.paths.flatMap((p: { via: unknown[] }) => p.via)].map((p: { id: string }) => p.id);
        expect(named.filter((id: string) => ids().has(id))).toEqual([]);
      }
    }
  });

  it('get "private" when someone asks how they are connected to them', async () => {
    const client = await signInAs(ctx, everyone[0]);
    for (const member of optedOut) {
      expect((await client.get(`/api/communities/${home.id}/members/${member.id}/connection`)).json()).toMatchObject({ band: 'private', paths: [], mutualContacts: [] });
    }
  });

  it('are not among the connectors or the reach-out list, though their ties still count', async () => {
    const body = (await coordinator.get(`/api/communities/${home.id}/trust/dashboard`)).json();
    const named = [...body.connectors, ...body.reachOut].map((p: { id: string }) => p.id);
    expect(named.filter((id: string) => ids().has(id))).toEqual([]);
    expect(body.connectors.length).toBeGreaterThan(0);
    // The bridge's ties still join the streets in the aggregates.
    expect(body.months.at(-1).pairs).toBeGreaterThan(3 * 36);
    expect(body.months.at(-1).area.externalPairs).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('Opted Out');
  });

  it('are not on the network map, as nodes or as ends of edges', async () => {
    const body = (await coordinator.get(`/api/communities/${home.id}/trust/network`)).json();
    expect(body.nodes.filter((n: { id: string }) => ids().has(n.id))).toEqual([]);
    expect(body.edges.filter((e: { source: string; target: string }) => ids().has(e.source) || ids().has(e.target))).toEqual([]);
    expect(body.hiddenMembers).toBe(3);
    expect(JSON.stringify(body)).not.toContain('Opted Out');
  });

  it('are hidden at once when they opt out, without waiting for a recompute', async () => {
    const member = everyone[13];
    const before = (await coordinator.get(`/api/communities/${home.id}/trust/network`)).json();
    expect(before.nodes.map((n: { id: string }) => n.id)).toContain(member.id);
    const own = await signInAs(ctx, member);
    expect((await own.patch('/api/profile', { privacy: { analyticsOptOut: true } })).statusCode).toBe(200);
    const after = (await coordinator.get(`/api/communities/${home.id}/trust/network`)).json();
    expect(after.nodes.map((n: { id: string }) => n.id)).not.toContain(member.id);
    expect(after.edges.filter((e: { source: string; target: string }) => e.source === member.id || e.target === member.id)).toEqual([]);
    const neighbour = await signInAs(ctx, everyone[14]);
    expect((await neighbour.get(`/api/communities/${home.id}/members/${member.id}/connection`)).json().band).toBe('private');
    const viaThem = (await neighbour.get(`/api/communities/${home.id}/members/${everyone[12].id}/connection`)).json();
    expect([...viaThem.mutualContacts, ...viaThem.paths.flatMap((p: { via: unknown[] }) => p.via)].map((p: { id: string }) => p.id)).not.toContain(member.id);
    const dashboard = (await coordinator.get(`/api/communities/${home.id}/trust/dashboard`)).json();
    expect(dashboard.connectors.map((c: { id: string }) => c.id)).not.toContain(member.id);
  });
});
