// Browsing and opening a listing by its link agree on what can be answered: nothing from a member
// who is suspended, has left or whose account is suspended or deleted, and nothing across a block.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeListing, makeMember, signInAs, type Client, type TestCommunity } from '../../../test/factories.ts';
import { memberships, users } from '../../db/schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

type Found = { listings: { id: string }[]; total: number };

async function world() {
  const c = await makeCommunity(ctx);
  const owner = await makeMember(ctx, c, { displayName: 'Olga Owner' });
  const listing = await makeListing(ctx, c, owner, { kind: 'offer', title: 'Help with the hedge' });
  const viewer = await signInAs(ctx, await makeMember(ctx, c));
  return {
    c,
    owner,
    listing,
    viewer,
    asOwner: await signInAs(ctx, owner),
    coordinator: await signInAs(ctx, c.coordinator),
    search: async (client: Client) => (await client.get(`/api/communities/${c.id}/listings?q=hedge`)).json() as Found,
    open: async (client: Client) => (await client.get(`/api/communities/${c.id}/listings/${listing.id}`)).statusCode,
  };
}

const standing = (c: TestCommunity, userId: string, action: 'suspension' | 'reinstatement') => `/api/communities/${c.id}/members/${userId}/${action}`;

describe('an owner who cannot take part', () => {
  it('is hidden while suspended from the community and shown again when reinstated; the owner and coordinators still see it', async () => {
    const w = await world();
    expect((await w.search(w.viewer)).total).toBe(1);
    expect((await w.coordinator.post(standing(w.c, w.owner.id, 'suspension'), { reason: 'Under review' })).statusCode).toBe(200);

    expect(await w.search(w.viewer)).toEqual({ listings: [], total: 0 });
    expect(await w.open(w.viewer)).toBe(404);
    expect((await w.search(w.asOwner)).listings.map((l) => l.id)).toEqual([w.listing.id]);
    expect(await w.open(w.asOwner)).toBe(200);
    expect(await w.open(w.coordinator)).toBe(200);
    // Proposing from it fails as it always did; the point is that nobody is shown it first.
    expect((await w.viewer.post(`/api/communities/${w.c.id}/exchanges`, { listingId: w.listing.id })).statusCode).toBeGreaterThanOrEqual(400);

    expect((await w.coordinator.post(standing(w.c, w.owner.id, 'reinstatement'), {})).statusCode).toBe(200);
    expect((await w.search(w.viewer)).total).toBe(1);
    expect(await w.open(w.viewer)).toBe(200);
  });

  it.each([
    ['left the community', async (userId: string) => { await ctx.db.update(memberships).set({ status: 'left' }).where(eq(memberships.userId, userId)); }],
    ['has a suspended account', async (userId: string) => { await ctx.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, userId)); }],
    ['deleted their account', async (userId: string) => { await ctx.db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, userId)); }],
  ])('is hidden when the owner %s', async (_what, change) => {
    const w = await world();
    await change(w.owner.id);
    expect(await w.search(w.viewer)).toEqual({ listings: [], total: 0 });
    expect(await w.open(w.viewer)).toBe(404);
    expect((await w.viewer.get(`/api/communities/${w.c.id}/listings?kind=offer`)).json().total).toBe(0);
  });
});

describe('blocks', () => {
  it('hide a listing both in search and by its link, whichever side blocked', async () => {
    const w = await world();
    const bystander = await signInAs(ctx, await makeMember(ctx, w.c));
    expect((await w.asOwner.post('/api/blocks', { userId: w.viewer.userId })).statusCode).toBe(201);
    expect((await w.search(w.viewer)).total).toBe(0);
    expect(await w.open(w.viewer)).toBe(404);
    expect(await w.open(bystander)).toBe(200);

    const other = await world();
    expect((await other.viewer.post('/api/blocks', { userId: other.owner.id })).statusCode).toBe(201);
    expect((await other.search(other.viewer)).total).toBe(0);
    expect(await other.open(other.viewer)).toBe(404);
    expect((await other.viewer.delete(`/api/blocks/${other.owner.id}`)).statusCode).toBe(200);
    expect(await other.open(other.viewer)).toBe(200);
  });
});
