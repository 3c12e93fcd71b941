import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, signInAs, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  elsewhere = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const suspendUrl = (c: { id: string }, userId: string) => `/api/communities/${c.id}/members/${userId}/suspension`;
const reinstateUrl = (c: { id: string }, userId: string) => `/api/communities/${c.id}/members/${userId}/reinstatement`;
const standing = async (communityId: string, userId: string) =>
  (await ctx.database.query<{ status: string; status_reason: string }>('SELECT status, status_reason FROM memberships WHERE community_id = $1 AND user_id = $2', [communityId, userId]))[0];

describe('suspending members', () => {
  it('suspends a member with a reason; they can still read but can no longer act; reinstating restores them', async () => {
    const member = await makeMember(ctx, home);
    const neighbour = await makeMember(ctx, home);
    const coordinator = await signInAs(ctx, home.coordinator);
    const res = await coordinator.post(suspendUrl(home, member.id), { reason: 'Repeated harassment after a warning' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ userId: member.id, role: 'member', status: 'suspended', statusReason: 'Repeated harassment after a warning' });
    const [action] = await ctx.database.query<{ action: string; actor_id: string; reason: string }>('SELECT action, actor_id, reason FROM moderation_actions WHERE subject_id = $1', [member.id]);
    expect(action).toEqual({ action: 'suspend_member', actor_id: home.coordinator.id, reason: 'Repeated harassment after a warning' });

    const suspended = await signInAs(ctx, member);
    expect((await suspended.get(`/api/communities/${home.id}`)).statusCode).toBe(200);
    const before = await countRows(ctx, ['reports']);
    const report = await suspended.post(`/api/communities/${home.id}/reports`, { subjectUserId: neighbour.id, reason: 'other' });
    expect(report.statusCode).toBe(403);
    expect(report.json().error.code).toBe('membership.suspended');
    expect(await countRows(ctx, ['reports'])).toEqual(before);

    const back = await coordinator.post(reinstateUrl(home, member.id), { reason: 'Apologised and agreed the rules' });
    expect(back.json()).toEqual({ userId: member.id, role: 'member', status: 'active', statusReason: '' });
    expect((await suspended.post(`/api/communities/${home.id}/reports`, { subjectUserId: neighbour.id, reason: 'other' })).statusCode).toBe(201);
    const actions = await ctx.database.query<{ action: string }>('SELECT action FROM moderation_actions WHERE subject_id = $1 ORDER BY created_at', [member.id]);
    expect(actions.map((a) => a.action)).toEqual(['suspend_member', 'reinstate_member']);
  });

  it('answers 409 when suspending twice or reinstating someone who is not suspended, changing nothing', async () => {
    const member = await makeMember(ctx, home);
    const coordinator = await signInAs(ctx, home.coordinator);
    const notSuspended = await coordinator.post(reinstateUrl(home, member.id), {});
    expect(notSuspended.statusCode).toBe(409);
    expect(notSuspended.json().error.code).toBe('member.not_suspended');
    await coordinator.post(suspendUrl(home, member.id), { reason: 'First time' });
    const before = await countRows(ctx, ['moderation_actions']);
    const twice = await coordinator.post(suspendUrl(home, member.id), { reason: 'Second time' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('member.already_suspended');
    expect(await countRows(ctx, ['moderation_actions'])).toEqual(before);
    expect(await standing(home.id, member.id)).toEqual({ status: 'suspended', status_reason: 'First time' });
  });

  it('does not let a coordinator suspend themselves or another coordinator (403), changing nothing', async () => {
    const other = await makeMember(ctx, home, { role: 'coordinator' });
    const coordinator = await signInAs(ctx, home.coordinator);
    const before = await countRows(ctx, ['moderation_actions']);
    const self = await coordinator.post(suspendUrl(home, home.coordinator.id), { reason: 'Taking a break' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('member.suspend_self');
    const peer = await coordinator.post(suspendUrl(home, other.id), { reason: 'We disagree' });
    expect(peer.statusCode).toBe(403);
    expect(peer.json().error.code).toBe('member.suspend_coordinator');
    expect(await countRows(ctx, ['moderation_actions'])).toEqual(before);
    expect(await standing(home.id, other.id)).toEqual({ status: 'active', status_reason: '' });
  });

  it('can suspend an officer or an organisation account', async () => {
    const officer = await makeMember(ctx, home, { role: 'officer' });
    const res = await (await signInAs(ctx, home.coordinator)).post(suspendUrl(home, officer.id), { reason: 'Misused the platform' });
    expect(res.json()).toMatchObject({ role: 'officer', status: 'suspended' });
  });

  it('answers 404 for a member of another community, someone who left, or nobody, changing nothing', async () => {
    const stranger = await makeMember(ctx, elsewhere);
    const gone = await makeMember(ctx, home, { status: 'left' });
    const coordinator = await signInAs(ctx, home.coordinator);
    const before = await countRows(ctx, ['moderation_actions']);
    for (const id of [stranger.id, gone.id, randomUUID()]) {
      const res = await coordinator.post(suspendUrl(home, id), { reason: 'Reaching across' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('member.not_found');
    }
    expect(await countRows(ctx, ['moderation_actions'])).toEqual(before);
    expect(await standing(elsewhere.id, stranger.id)).toEqual({ status: 'active', status_reason: '' });
  });

  it('refuses members, officers, other communities’ coordinators and nobody (403/401), and a missing reason (400)', async () => {
    const target = await makeMember(ctx, home);
    const member = await signInAs(ctx, await makeMember(ctx, home));
    const officer = await signInAs(ctx, await makeMember(ctx, home, { role: 'officer' }));
    const foreign = await signInAs(ctx, elsewhere.coordinator);
    const body = { reason: 'Because' };
    expect((await member.post(suspendUrl(home, target.id), body)).json().error.code).toBe('community.coordinator_only');
    expect((await officer.post(suspendUrl(home, target.id), body)).json().error.code).toBe('community.coordinator_only');
    expect((await foreign.post(suspendUrl(home, target.id), body)).json().error.code).toBe('community.not_member');
    expect((await anonymous(ctx).post(suspendUrl(home, target.id), body)).statusCode).toBe(401);
    const noReason = await (await signInAs(ctx, home.coordinator)).post(suspendUrl(home, target.id), { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    expect(await standing(home.id, target.id)).toEqual({ status: 'active', status_reason: '' });
  });

  it('does not let a suspended coordinator act', async () => {
    const suspendedCoordinator = await makeMember(ctx, home, { role: 'coordinator', status: 'suspended' });
    const target = await makeMember(ctx, home);
    const res = await (await signInAs(ctx, suspendedCoordinator)).post(suspendUrl(home, target.id), { reason: 'Trying anyway' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('membership.suspended');
  });
});
