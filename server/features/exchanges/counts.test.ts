// The counts above "My exchanges": the viewer's exchanges (and their organisations') by status,
// for one role or both, and nobody else's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, makeCommunity, makeExchange, makeMember, makeOrganisation, signInAs, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let community: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const counts = (query = '', c: TestCommunity = community) => `/api/communities/${c.id}/exchanges/counts${query}`;
const none = { proposed: 0, accepted: 0, done: 0, confirmed: 0, declined: 0, cancelled: 0, disputed: 0, resolved: 0 };

describe('exchange counts', () => {
  it('counts the viewer’s exchanges by status, as helper, as the person helped, or both', async () => {
    const me = await makeMember(ctx, community, { verified: true });
    const [a, b] = [await makeMember(ctx, community, { verified: true }), await makeMember(ctx, community, { verified: true })];
    const asMe = await signInAs(ctx, me);
    await makeExchange(ctx, community, me, a, { status: 'proposed' });
    await makeExchange(ctx, community, me, b, { status: 'accepted' });
    const done = await makeExchange(ctx, community, a, me, { status: 'done', recordedMinutes: 30 });
    expect((await asMe.post(`/api/communities/${community.id}/exchanges/${done.id}/confirm`)).statusCode).toBe(200);
    await makeExchange(ctx, community, b, me, { status: 'done', recordedMinutes: 60 });
    // Other people's exchanges are not mine to count.
    await makeExchange(ctx, community, a, b, { status: 'proposed' });

    const all = await asMe.get(counts());
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ total: 4, byStatus: { ...none, proposed: 1, accepted: 1, done: 1, confirmed: 1 } });
    expect((await asMe.get(counts('?role=provider'))).json()).toEqual({ total: 2, byStatus: { ...none, proposed: 1, accepted: 1 } });
    expect((await asMe.get(counts('?role=receiver'))).json()).toEqual({ total: 2, byStatus: { ...none, done: 1, confirmed: 1 } });
    // The list shows the same exchanges.
    expect((await asMe.get(`/api/communities/${community.id}/exchanges?limit=200`)).json()).toHaveLength(4);
  });

  it('includes the exchanges of organisations the viewer acts for', async () => {
    const agent = await makeMember(ctx, community);
    const org = await makeOrganisation(ctx, community, { agents: [agent] });
    const helper = await makeMember(ctx, community);
    await makeExchange(ctx, community, helper, org, { status: 'accepted' });
    expect((await (await signInAs(ctx, agent)).get(counts())).json()).toEqual({ total: 1, byStatus: { ...none, accepted: 1 } });
  });

  it('counts nothing from another community, and a coordinator’s own counts are only their own', async () => {
    const elsewhere = await makeCommunity(ctx);
    const traveller = await makeMember(ctx, elsewhere);
    await ctx.database.query(`INSERT INTO memberships (community_id, user_id) VALUES ($1, $2)`, [community.id, traveller.id]);
    await makeExchange(ctx, elsewhere, traveller, await makeMember(ctx, elsewhere), { status: 'proposed' });
    const asTraveller = await signInAs(ctx, traveller);
    expect((await asTraveller.get(counts())).json()).toEqual({ total: 0, byStatus: none });
    expect((await asTraveller.get(counts('', elsewhere))).json().total).toBe(1);
    expect((await (await signInAs(ctx, community.coordinator)).get(counts())).json()).toEqual({ total: 0, byStatus: none });
  });

  it('is for members only and checks the role', async () => {
    expect((await anonymous(ctx).get(counts())).statusCode).toBe(401);
    const outsider = await signInAs(ctx, await makeMember(ctx, await makeCommunity(ctx)));
    const res = await outsider.get(counts());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('community.not_member');
    const bad = await (await signInAs(ctx, await makeMember(ctx, community))).get(counts('?role=everyone'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('role');
  });
});
