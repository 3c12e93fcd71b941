// Privacy promises of the trust feature (DESIGN.md, pillar 5): the council view never shows a
// cell under 5 people, names nobody and carries no ids; a member who opted out of analytics
// appears in no named output anywhere.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('leave no trace on the map: every dot’s ties are the lines drawn to it', async () => {
    type Node = { id: string; degree: number; community: number };
    const body = (await coordinator.get(`/api/communities/${home.id}/trust/network`)).json() as { nodes: Node[]; edges: { source: string; target: string }[]; communityCount: number };
    const drawn = new Map<string, number>();
    for (const e of body.edges) for (const end of [e.source, e.target]) drawn.set(end, (drawn.get(end) ?? 0) + 1);
    for (const node of body.nodes) {
      expect({ id: node.id, degree: node.degree }).toEqual({ id: node.id, degree: drawn.get(node.id) ?? 0 });
      if (node.degree === 0) expect(node.community).toBe(-1);
    }
    // Both ends of every line share a group, or the groups are joined by the lines drawn: a
    // group is never made up only of people whose link runs through someone hidden.
    const byId = new Map(body.nodes.map((n) => [n.id, n]));
    for (const group of new Set(body.nodes.filter((n) => n.community >= 0).map((n) => n.community))) {
      const members = body.nodes.filter((n) => n.community === group).map((n) => n.id);
      const inside = new Set(members);
      const seen = new Set([members[0]]);
      const queue = [members[0]];
      while (queue.length > 0) {
        const id = queue.pop()!;
        for (const e of body.edges) {
          const other = e.source === id ? e.target : e.target === id ? e.source : null;
          if (other && inside.has(other) && !seen.has(other)) {
            seen.add(other);
            queue.push(other);
          }
        }
      }
      expect(seen.size).toBe(members.length);
    }
    expect(body.communityCount).toBe(new Set(body.nodes.filter((n) => n.community >= 0).map((n) => n.community)).size);
    // Tiny One's other tie is to the opted-out bridge: one line, so one tie, both Tinys in one group.
    const [tinyOne, tinyTwo] = everyone.filter((m) => m.displayName.startsWith('Tiny')).map((m) => byId.get(m.id)!);
    expect(tinyOne.degree).toBe(1);
    expect(tinyOne.community).toBe(tinyTwo.community);
  });

  it('change nothing on the map by their ties: not a dot’s size, colour or lines', async () => {
    // Fixed clock: both maps are built with the same decay, so any difference is the hidden ties'.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    try {
      const [bridge, hub, lonely] = optedOut;
      // Someone whose only tie is to a hidden member: on the map, a dot with no ties and no group.
      const onlyHidden = await makeMember(ctx, home, { area: 'River Row', displayName: 'Tied Only To Hidden' });
      await makeTies(ctx, home, [[onlyHidden, lonely]]);
      const map = async () => {
        const { asOf: _, ...rest } = (await coordinator.get(`/api/communities/${home.id}/trust/network`)).json();
        return rest;
      };
      const before = await map();
      expect(before.nodes.find((n: { id: string }) => n.id === onlyHidden.id)).toMatchObject({ degree: 0, community: -1 });
      // The hidden members now tie themselves to every street and to each other.
      const chapel = everyone.filter((m) => m.displayName.startsWith('Chapel'));
      const mill = everyone.filter((m) => m.displayName.startsWith('Mill'));
      await makeTies(ctx, home, [...chapel.map((m) => [hub, m] as const), ...mill.map((m) => [lonely, m] as const), [bridge, onlyHidden], [bridge, hub], [hub, lonely]]);
      const after = await map();
      expect(after).toEqual(before);
    } finally {
      vi.useRealTimers();
    }
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
