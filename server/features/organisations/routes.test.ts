import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeOrganisation, signInAs, unique, type Client, type TestCommunity } from '../../../test/factories.ts';
import { isOrganisationAgent, organisationsActedForBy } from './service.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
let coordinator: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  elsewhere = await makeCommunity(ctx);
  coordinator = await signInAs(ctx, home.coordinator);
});
afterAll(() => ctx?.close());

const TABLES = ['users', 'profiles', 'memberships', 'organisation_agents'];
const orgsUrl = (community: { id: string } = home) => `/api/communities/${community.id}/organisations`;
const agentsUrl = (organisation: { id: string }, community: { id: string } = home) => `${orgsUrl(community)}/${organisation.id}/agents`;

describe('creating an organisation', () => {
  it('makes an account with no email or password, a profile, the organisation role and its agents', async () => {
    const lead = await makeMember(ctx, home, { displayName: 'Ada Lead' });
    const helper = await makeMember(ctx, home, { displayName: 'Ben Helper' });
    const name = `St Mary's Surgery ${unique()}`;
    const res = await coordinator.post(orgsUrl(), {
      name, bio: 'GP surgery on the green', area: 'The Green',
      agents: [{ userId: lead.id, title: 'Practice manager' }, { userId: helper.id }, { userId: lead.id, title: 'Practice lead' }],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name, bio: 'GP surgery on the green', area: 'The Green', status: 'active' });
    expect(created.agents.map((a: { displayName: string; title: string }) => [a.displayName, a.title])).toEqual([['Ada Lead', 'Practice lead'], ['Ben Helper', '']]);

    const [user] = await ctx.database.query<{ kind: string; email: string | null; password_hash: string | null }>('SELECT kind, email, password_hash FROM users WHERE id = $1', [created.id]);
    expect(user).toEqual({ kind: 'organisation', email: null, password_hash: null });
    const [membership] = await ctx.database.query<{ role: string; community_id: string }>('SELECT role, community_id FROM memberships WHERE user_id = $1', [created.id]);
    expect(membership).toEqual({ role: 'organisation', community_id: home.id });

    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.get(orgsUrl())).json()).toContainEqual(created);
    const directory = (await member.get(`/api/communities/${home.id}/members?q=${encodeURIComponent("St Mary's")}`)).json();
    expect(directory.items).toEqual([expect.objectContaining({ id: created.id, kind: 'organisation', badge: 'organisation', area: 'The Green' })]);
    expect(await isOrganisationAgent(ctx.db, home.id, created.id, lead.id)).toBe(true);
    expect(await organisationsActedForBy(ctx.db, home.id, helper.id)).toEqual([{ id: created.id, name }]);
  });

  it('refuses a name already used by an organisation in the community (any case) with 409, but allows it elsewhere', async () => {
    const agent = await makeMember(ctx, home);
    const name = `Food Bank ${unique()}`;
    expect((await coordinator.post(orgsUrl(), { name, agents: [{ userId: agent.id }] })).statusCode).toBe(201);
    const before = await countRows(ctx, TABLES);
    const again = await coordinator.post(orgsUrl(), { name: name.toUpperCase(), agents: [{ userId: agent.id }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'organisation.name_taken', field: 'name' });
    expect(await countRows(ctx, TABLES)).toEqual(before);
    const elsewhereAgent = await makeMember(ctx, elsewhere);
    expect((await (await signInAs(ctx, elsewhere.coordinator)).post(orgsUrl(elsewhere), { name, agents: [{ userId: elsewhereAgent.id }] })).statusCode).toBe(201);
  });

  it.each([
    ['no agents', () => ({ agents: [] }), 'agents'],
    ['a member of another community', async () => ({ agents: [{ userId: (await makeMember(ctx, elsewhere)).id }] }), 'agents.0.userId'],
    ['someone who left', async () => ({ agents: [{ userId: (await makeMember(ctx, home)).id }, { userId: (await makeMember(ctx, home, { status: 'left' })).id }] }), 'agents.1.userId'],
    ['a suspended member', async () => ({ agents: [{ userId: (await makeMember(ctx, home, { status: 'suspended' })).id }] }), 'agents.0.userId'],
    ['another organisation', async () => ({ agents: [{ userId: (await makeOrganisation(ctx, home, { agents: [home.coordinator] })).id }] }), 'agents.0.userId'],
    ['an unknown person', () => ({ agents: [{ userId: crypto.randomUUID() }] }), 'agents.0.userId'],
    ['a malformed id', () => ({ agents: [{ userId: 'nobody' }] }), 'agents.0.userId'],
    ['a one-letter name', async () => ({ name: 'X', agents: [{ userId: (await makeMember(ctx, home)).id }] }), 'name'],
    ['an exact address', async () => ({ area: '4 Church Street', agents: [{ userId: (await makeMember(ctx, home)).id }] }), 'area'],
  ])('refuses %s with 400 naming the field, changing nothing', async (_what, body, field) => {
    const input = { name: `Youth Club ${unique()}`, ...(await body()) };
    const before = await countRows(ctx, TABLES);
    const res = await coordinator.post(orgsUrl(), input);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('is for coordinators of the community only', async () => {
    const agent = await makeMember(ctx, home);
    const body = { name: `Allotment Society ${unique()}`, agents: [{ userId: agent.id }] };
    const clients = [
      await signInAs(ctx, await makeMember(ctx, home)),
      await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' })),
      await signInAs(ctx, elsewhere.coordinator),
      await signInAs(ctx, await makeMember(ctx, home, { role: 'coordinator', status: 'suspended' })),
    ];
    const before = await countRows(ctx, TABLES);
    expect((await anonymous(ctx).post(orgsUrl(), body)).statusCode).toBe(401);
    for (const client of clients) expect((await client.post(orgsUrl(), body)).statusCode).toBe(403);
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });
});

describe('listing organisations', () => {
  it('lists only this community\'s organisations, to its members', async () => {
    const community = await makeCommunity(ctx);
    const agent = await makeMember(ctx, community, { displayName: 'Cy Agent' });
    const org = await makeOrganisation(ctx, community, { name: 'Zeta Library', agents: [agent] });
    await makeOrganisation(ctx, elsewhere, { name: 'Elsewhere Club', agents: [elsewhere.coordinator] });
    const list = (await (await signInAs(ctx, agent)).get(orgsUrl(community))).json();
    expect(list).toEqual([expect.objectContaining({ id: org.id, name: 'Zeta Library', agents: [expect.objectContaining({ userId: agent.id, displayName: 'Cy Agent' })] })]);
    expect((await (await signInAs(ctx, elsewhere.coordinator)).get(orgsUrl(community))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(orgsUrl(community))).statusCode).toBe(401);
  });
});

describe('agents', () => {
  it('adds and removes the people who act for an organisation', async () => {
    const first = await makeMember(ctx, home);
    const second = await makeMember(ctx, home, { displayName: 'Dot Second' });
    const org = await makeOrganisation(ctx, home, { agents: [first] });
    const added = await coordinator.post(agentsUrl(org), { userId: second.id, title: 'Treasurer' });
    expect(added.statusCode).toBe(201);
    expect(added.json().agents).toContainEqual(expect.objectContaining({ userId: second.id, displayName: 'Dot Second', title: 'Treasurer' }));
    const removed = await coordinator.delete(`${agentsUrl(org)}/${first.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().agents.map((a: { userId: string }) => a.userId)).toEqual([second.id]);
    expect(await isOrganisationAgent(ctx.db, home.id, org.id, first.id)).toBe(false);
  });

  it('refuses a second naming with 409, a non-member with 400, and keeps the last agent (409)', async () => {
    const agent = await makeMember(ctx, home);
    const org = await makeOrganisation(ctx, home, { agents: [agent] });
    const before = await countRows(ctx, TABLES);
    const twice = await coordinator.post(agentsUrl(org), { userId: agent.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('organisation.agent_exists');
    const outsider = await coordinator.post(agentsUrl(org), { userId: (await makeMember(ctx, elsewhere)).id });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error).toMatchObject({ code: 'organisation.agent_not_member', field: 'userId' });
    const last = await coordinator.delete(`${agentsUrl(org)}/${agent.id}`);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('organisation.last_agent');
    expect((await coordinator.delete(`${agentsUrl(org)}/${home.coordinator.id}`)).statusCode).toBe(404);
    expect((await countRows(ctx, TABLES)).organisation_agents).toBe(before.organisation_agents);
  });

  it('answers 404 for another community\'s organisation or a person who is not one', async () => {
    const elsewhereOrg = await makeOrganisation(ctx, elsewhere, { agents: [elsewhere.coordinator] });
    const member = await makeMember(ctx, home);
    const before = await countRows(ctx, TABLES);
    for (const target of [elsewhereOrg, member, { id: crypto.randomUUID() }]) {
      const res = await coordinator.post(agentsUrl(target), { userId: member.id });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('organisation.not_found');
      expect((await coordinator.delete(`${agentsUrl(target)}/${elsewhere.coordinator.id}`)).statusCode).toBe(404);
      expect((await coordinator.patch(`${orgsUrl()}/${target.id}`, { name: 'Taken Over' })).statusCode).toBe(404);
    }
    expect(await countRows(ctx, TABLES)).toEqual(before);
  });

  it('lets only coordinators manage agents', async () => {
    const agent = await makeMember(ctx, home);
    const org = await makeOrganisation(ctx, home, { agents: [agent] });
    const asAgent = await signInAs(ctx, agent);
    expect((await asAgent.post(agentsUrl(org), { userId: (await makeMember(ctx, home)).id })).statusCode).toBe(403);
    expect((await asAgent.delete(`${agentsUrl(org)}/${agent.id}`)).statusCode).toBe(403);
    expect((await asAgent.patch(`${orgsUrl()}/${org.id}`, { name: 'Renamed' })).statusCode).toBe(403);
  });
});

describe('changing an organisation', () => {
  it('renames it and changes its description, refusing a name another organisation has', async () => {
    const agent = await makeMember(ctx, home);
    const org = await makeOrganisation(ctx, home, { agents: [agent] });
    const other = await makeOrganisation(ctx, home, { agents: [agent], name: `Other ${unique()}` });
    const res = await coordinator.patch(`${orgsUrl()}/${org.id}`, { name: `Renamed ${unique()}`, bio: 'New description' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: org.id, bio: 'New description' });
    const clash = await coordinator.patch(`${orgsUrl()}/${org.id}`, { name: other.displayName.toLowerCase() });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.field).toBe('name');
    const keep = await coordinator.patch(`${orgsUrl()}/${org.id}`, { name: res.json().name });
    expect(keep.statusCode).toBe(200);
    const bad = await coordinator.patch(`${orgsUrl()}/${org.id}`, { area: '22 Acacia Avenue' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('area');
  });
});
