import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeUser, signInAs, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Home Streets' });
  elsewhere = await makeCommunity(ctx, { name: 'Elsewhere' });
});
afterAll(() => ctx?.close());

describe('communities', () => {
  it('lists communities publicly and lets only an admin create one', async () => {
    const list = (await anonymous(ctx).get('/api/communities')).json();
    expect(list.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([home.id, elsewhere.id]));
    const input = { name: 'New Town', slug: `new-town-${Date.now()}`, centreLat: 51, centreLng: -1, radiusM: 900 };
    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.post('/api/communities', input)).statusCode).toBe(403);
    const admin = await signInAs(ctx, await makeUser(ctx, { isAdmin: true }));
    const res = await admin.post('/api/communities', input);
    expect(res.statusCode).toBe(201);
    expect((await admin.post('/api/communities', input)).json().error).toMatchObject({ code: 'community.slug_taken', field: 'slug' });
    expect((await admin.post('/api/communities', { ...input, radiusM: 5 })).json().error.field).toBe('radiusM');
  });

  it('shows a community only to its members', async () => {
    const outsider = await signInAs(ctx, await makeMember(ctx, elsewhere));
    expect((await outsider.get(`/api/communities/${home.id}`)).statusCode).toBe(403);
    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.get(`/api/communities/${home.id}`)).json().name).toBe('Home Streets');
    expect((await member.get(`/api/communities/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await member.get(`/api/communities/not-a-uuid`)).statusCode).toBe(400);
  });
});

describe('joining by request', () => {
  it('lets a coordinator approve a request, making the person a member', async () => {
    const person = await makeUser(ctx);
    const client = await signInAs(ctx, person);
    const asked = await client.post(`/api/communities/${home.id}/join-requests`, { message: 'I live on Mill Road' });
    expect(asked.statusCode).toBe(201);
    expect((await client.post(`/api/communities/${home.id}/join-requests`, {})).json().error.code).toBe('community.join_pending');
    expect((await client.get('/api/join-requests/mine')).json()[0]).toMatchObject({ communityId: home.id, status: 'pending' });

    const coordinator = await signInAs(ctx, home.coordinator);
    const pending = (await coordinator.get(`/api/communities/${home.id}/join-requests`)).json();
    expect(pending).toEqual([expect.objectContaining({ userId: person.id, message: 'I live on Mill Road' })]);
    const decided = await coordinator.post(`/api/communities/${home.id}/join-requests/${asked.json().id}/decision`, { decision: 'approve' });
    expect(decided.statusCode).toBe(200);
    expect((await client.get('/api/session')).json().memberships).toEqual([expect.objectContaining({ communityId: home.id, role: 'member' })]);
    const twice = await coordinator.post(`/api/communities/${home.id}/join-requests/${asked.json().id}/decision`, { decision: 'decline' });
    expect(twice.statusCode).toBe(409);
    expect((await client.post(`/api/communities/${home.id}/join-requests`, {})).json().error.code).toBe('community.already_member');
  });

  it('does not let one community’s coordinator decide another’s requests', async () => {
    const person = await makeUser(ctx);
    const asked = await (await signInAs(ctx, person)).post(`/api/communities/${home.id}/join-requests`, {});
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    expect((await otherCoordinator.post(`/api/communities/${home.id}/join-requests/${asked.json().id}/decision`, { decision: 'approve' })).statusCode).toBe(403);
    const before = await countRows(ctx, ['memberships']);
    const res = await otherCoordinator.post(`/api/communities/${elsewhere.id}/join-requests/${asked.json().id}/decision`, { decision: 'approve' });
    expect(res.statusCode).toBe(404);
    expect(await countRows(ctx, ['memberships'])).toEqual(before);
  });

  it('needs a sign-in to ask', async () => {
    expect((await anonymous(ctx).post(`/api/communities/${home.id}/join-requests`, {})).statusCode).toBe(401);
  });
});

describe('joining by invitation link', () => {
  it('makes a link with limited uses that a signed-in person accepts', async () => {
    const coordinator = await signInAs(ctx, home.coordinator);
    const created = await coordinator.post(`/api/communities/${home.id}/invites`, { note: 'Street party', maxUses: 2, expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    const { token, url } = created.json();
    expect(url).toBe(`http://kith.test/invite/${token}`);
    expect((await anonymous(ctx).get(`/api/invites/${token}`)).json().community.id).toBe(home.id);

    for (let i = 0; i < 2; i++) {
      const joiner = await signInAs(ctx, await makeUser(ctx));
      expect((await joiner.post(`/api/invites/${token}/accept`)).statusCode).toBe(200);
    }
    const late = await signInAs(ctx, await makeUser(ctx));
    const res = await late.post(`/api/invites/${token}/accept`);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe('invite.invalid');
    expect((await coordinator.get(`/api/communities/${home.id}/invites`)).json()[0]).toMatchObject({ uses: 2, maxUses: 2 });
  });

  it('stops working once revoked, and an existing member cannot use up a place', async () => {
    const coordinator = await signInAs(ctx, home.coordinator);
    const { id, token } = (await coordinator.post(`/api/communities/${home.id}/invites`, {})).json();
    const member = await signInAs(ctx, await makeMember(ctx, home));
    expect((await member.post(`/api/invites/${token}/accept`)).statusCode).toBe(409);
    expect((await coordinator.get(`/api/communities/${home.id}/invites`)).json().find((i: { id: string }) => i.id === id).uses).toBe(0);
    expect((await coordinator.delete(`/api/communities/${home.id}/invites/${id}`)).statusCode).toBe(200);
    expect((await anonymous(ctx).get(`/api/invites/${token}`)).statusCode).toBe(410);
    const otherCoordinator = await signInAs(ctx, elsewhere.coordinator);
    expect((await otherCoordinator.delete(`/api/communities/${elsewhere.id}/invites/${id}`)).statusCode).toBe(404);
  });

  it('rejects absurd invitation settings', async () => {
    const coordinator = await signInAs(ctx, home.coordinator);
    const res = await coordinator.post(`/api/communities/${home.id}/invites`, { maxUses: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('maxUses');
  });
});

describe('roles, switching and leaving', () => {
  it('lets an admin appoint an officer, and nobody else', async () => {
    const person = await makeMember(ctx, home);
    const coordinator = await signInAs(ctx, home.coordinator);
    expect((await coordinator.put(`/api/communities/${home.id}/members/${person.id}/role`, { role: 'officer' })).statusCode).toBe(403);
    const admin = await signInAs(ctx, await makeUser(ctx, { isAdmin: true }));
    expect((await admin.put(`/api/communities/${home.id}/members/${person.id}/role`, { role: 'officer' })).json().role).toBe('officer');
    expect((await admin.put(`/api/communities/${elsewhere.id}/members/${person.id}/role`, { role: 'officer' })).statusCode).toBe(404);
    expect((await admin.put(`/api/communities/${home.id}/members/${person.id}/role`, { role: 'king' })).statusCode).toBe(400);
  });

  it('switches between the member’s own communities only', async () => {
    const person = await makeMember(ctx, home);
    const client = await signInAs(ctx, person);
    expect((await client.put('/api/session/community', { communityId: elsewhere.id })).statusCode).toBe(403);
    await ctx.database.query(`INSERT INTO memberships (community_id, user_id) VALUES ($1, $2)`, [elsewhere.id, person.id]);
    expect((await client.put('/api/session/community', { communityId: elsewhere.id })).json().activeCommunityId).toBe(elsewhere.id);
    expect((await client.get('/api/session')).json().activeCommunityId).toBe(elsewhere.id);
  });

  it('lets a member leave, after which the community is closed to them', async () => {
    const client = await signInAs(ctx, await makeMember(ctx, home));
    expect((await client.delete(`/api/communities/${home.id}/membership`)).statusCode).toBe(200);
    expect((await client.get(`/api/communities/${home.id}`)).statusCode).toBe(403);
  });
});
