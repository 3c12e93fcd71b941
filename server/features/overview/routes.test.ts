import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, makeCommunity, makeMember, signInAs, type TestUser } from '../../../test/factories.ts';
import { addDays, todayIn } from '../verification/dates.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const url = (c: { id: string }) => `/api/communities/${c.id}/overview`;
const q = (sqlText: string, params: unknown[]) => ctx.database.query(sqlText, params);
const vouch = (c: { id: string }, voucher: TestUser, subject: TestUser, daysAgo = 1) =>
  q(`INSERT INTO vouches (community_id, voucher_id, subject_id, voucher_level, created_at) VALUES ($1, $2, $3, 'verified', now() - make_interval(days => $4))`, [c.id, voucher.id, subject.id, daysAgo]);

describe('the community at a glance', () => {
  it('hides every count under 5 in a small community', async () => {
    const small = await makeCommunity(ctx, { name: 'Tiny Terrace' });
    const member = await makeMember(ctx, small);
    const res = await (await signInAs(ctx, member)).get(url(small));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      community: { id: small.id, name: 'Tiny Terrace' },
      stats: { members: null, newMembers30d: null, verifiedMembers: null, vouches30d: null },
      you: { role: 'member', status: 'active', level: 'registered', qualifyingVouchCount: 0, nextStep: { code: 'vouches_needed', vouchesNeeded: 2 } },
      coordinator: null,
    });
  });

  it('counts members, newcomers, verified members and recent vouches once each group has 5 or more', async () => {
    const c = await makeCommunity(ctx);
    const verified: TestUser[] = [];
    for (let i = 0; i < 5; i++) verified.push(await makeMember(ctx, c, { verified: true }));
    const newcomers: TestUser[] = [];
    for (let i = 0; i < 6; i++) newcomers.push(await makeMember(ctx, c));
    // Five long-standing members: joined 3 months ago.
    for (const v of verified) await q(`UPDATE memberships SET joined_at = now() - interval '90 days' WHERE community_id = $1 AND user_id = $2`, [c.id, v.id]);
    await q(`UPDATE memberships SET joined_at = now() - interval '90 days' WHERE community_id = $1 AND user_id = $2`, [c.id, c.coordinator.id]);
    // People who left, or are in another community, do not count.
    await makeMember(ctx, c, { status: 'left', verified: true });
    await makeMember(ctx, await makeCommunity(ctx), { verified: true });
    for (let i = 0; i < 5; i++) await vouch(c, verified[i], newcomers[i]);
    await vouch(c, verified[0], newcomers[5], 45);

    const viewer = newcomers[0];
    await vouch(c, verified[1], viewer);
    const data = (await (await signInAs(ctx, viewer)).get(url(c))).json();
    // 1 coordinator + 5 verified + 6 newcomers = 12; the coordinator is verified too.
    expect(data.stats).toEqual({ members: 12, newMembers30d: 6, verifiedMembers: 6, vouches30d: 6 });
    expect(data.you).toMatchObject({ level: 'vouched', qualifyingVouchCount: 2, nextStep: { code: 'identity_check_needed' } });
  });

  it('shows coordinators their pending join requests and open reports, exactly', async () => {
    const c = await makeCommunity(ctx);
    const member = await makeMember(ctx, c);
    const subject = await makeMember(ctx, c);
    await (await signInAs(ctx, member)).post(`/api/communities/${c.id}/reports`, { subjectUserId: subject.id, reason: 'spam' });
    const asker = await makeMember(ctx, await makeCommunity(ctx));
    await (await signInAs(ctx, asker)).post(`/api/communities/${c.id}/join-requests`, { message: 'Hello' });
    const data = (await (await signInAs(ctx, c.coordinator)).get(url(c))).json();
    expect(data.coordinator).toEqual({ pendingJoinRequests: 1, openReports: 1 });
    // A report about the coordinator is left to the others, so it is not in their count.
    await (await signInAs(ctx, member)).post(`/api/communities/${c.id}/reports`, { subjectUserId: c.coordinator.id, reason: 'other' });
    expect((await (await signInAs(ctx, c.coordinator)).get(url(c))).json().coordinator.openReports).toBe(1);
    expect(data.you).toMatchObject({ role: 'coordinator', level: 'verified' });
    const officer = (await (await signInAs(ctx, await makeMember(ctx, c, { role: 'officer' }))).get(url(c))).json();
    expect(officer.coordinator).toBeNull();
  });

  it('gives the safeguarding level and warns before a DBS check lapses', async () => {
    const c = await makeCommunity(ctx);
    const soon = addDays(todayIn(), 20);
    const member = await makeMember(ctx, c, { dbsExpiresOn: soon });
    const data = (await (await signInAs(ctx, member)).get(url(c))).json();
    expect(data.you).toMatchObject({ level: 'safeguarding-checked', nextStep: { code: 'dbs_expiring', daysLeft: 20 } });
    const lapsed = await makeMember(ctx, c, { dbsExpiresOn: addDays(todayIn(), -1) });
    expect((await (await signInAs(ctx, lapsed)).get(url(c))).json().you).toMatchObject({ level: 'verified', nextStep: { code: 'dbs_expired' } });
  });

  it('lets a suspended member read it, and refuses outsiders (403) and nobody (401)', async () => {
    const c = await makeCommunity(ctx);
    const suspended = await makeMember(ctx, c, { status: 'suspended' });
    const res = await (await signInAs(ctx, suspended)).get(url(c));
    expect(res.statusCode).toBe(200);
    expect(res.json().you.status).toBe('suspended');
    const outsider = await signInAs(ctx, await makeMember(ctx, await makeCommunity(ctx)));
    expect((await outsider.get(url(c))).json().error.code).toBe('community.not_member');
    expect((await anonymous(ctx).get(url(c))).statusCode).toBe(401);
    expect((await outsider.get('/api/communities/00000000-0000-4000-8000-000000000000/overview')).statusCode).toBe(404);
  });
});
