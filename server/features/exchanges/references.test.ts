// The references on a member's profile: what is shown, and to whom. The same rules as the
// profile itself (server/features/profiles): someone who has left, a deleted account or
// someone who has blocked the viewer answers 404; references from people on either side of a
// block with the viewer are left out; coordinators see everything, to keep people safe.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, users } from '../../db/schema.ts';
import type { TestContext } from '../../../test/context.ts';
import { anonymous, makeCommunity, makeExchange, makeMember, openCommunityWorld, signInAs, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';

let ctx: TestContext;
let community: TestCommunity;
let coordinator: Client;
beforeAll(async () => ({ ctx, community, coordinator } = await openCommunityWorld()));
afterAll(() => ctx?.close());

const referencesOf = (user: { id: string }, c: { id: string } = community) => `/api/communities/${c.id}/members/${user.id}/references`;

/** A confirmed exchange between provider and receiver, with a reference from `author` about the other. */
async function referenced(provider: TestUser, receiver: TestUser, author: TestUser, body: string, wouldExchangeAgain = true) {
  const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 45 });
  expect((await (await signInAs(ctx, receiver)).post(`/api/communities/${community.id}/exchanges/${ex.id}/confirm`)).statusCode).toBe(200);
  const res = await (await signInAs(ctx, author)).post(`/api/communities/${community.id}/exchanges/${ex.id}/references`, { body, wouldExchangeAgain });
  expect(res.statusCode).toBe(201);
  return ex;
}

const block = async (blocker: TestUser, blocked: TestUser) => expect((await (await signInAs(ctx, blocker)).post('/api/blocks', { userId: blocked.id })).statusCode).toBeLessThan(300);

describe('references on a profile', () => {
  it('lists the references a member received, newest first, with who wrote them, when, and whether they would exchange again', async () => {
    const helper = await makeMember(ctx, community, { displayName: 'Helper One' });
    const [ann, bob] = [await makeMember(ctx, community, { displayName: 'Ann Author' }), await makeMember(ctx, community, { displayName: 'Bob Author' })];
    await referenced(helper, ann, ann, 'Fixed my gate in no time.');
    await referenced(helper, bob, bob, 'Came late and left early.', false);
    // A reference the helper wrote is about someone else and not on the helper's profile.
    await referenced(bob, helper, helper, 'Good company.');
    const viewer = await signInAs(ctx, await makeMember(ctx, community));
    const res = await viewer.get(referencesOf(helper));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ userId: helper.id, displayName: 'Helper One', confirmedExchanges: 3, totalReferences: 2, wouldExchangeAgain: 1 });
    expect(body.references.map((r: { body: string; author: { displayName: string }; wouldExchangeAgain: boolean }) => [r.author.displayName, r.body, r.wouldExchangeAgain])).toEqual([
      ['Bob Author', 'Came late and left early.', false],
      ['Ann Author', 'Fixed my gate in no time.', true],
    ]);
    expect(Number.isNaN(Date.parse(body.references[0].createdAt))).toBe(false);
    // The member sees their own.
    expect((await (await signInAs(ctx, helper)).get(referencesOf(helper))).json().totalReferences).toBe(2);
  });

  it('answers an empty list for a member nobody has written about yet', async () => {
    const quiet = await makeMember(ctx, community);
    const res = await coordinator.get(referencesOf(quiet));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ confirmedExchanges: 0, totalReferences: 0, wouldExchangeAgain: 0, references: [] });
  });

  it('answers 404 when the member has blocked the viewer, as their profile does, but not to a coordinator', async () => {
    const subject = await makeMember(ctx, community);
    const author = await makeMember(ctx, community);
    await referenced(subject, author, author, 'Helpful and kind.');
    const viewer = await makeMember(ctx, community);
    await block(subject, viewer);
    const asViewer = await signInAs(ctx, viewer);
    const hidden = await asViewer.get(referencesOf(subject));
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('member.not_found');
    expect((await asViewer.get(`/api/communities/${community.id}/members/${subject.id}`)).statusCode).toBe(404);
    expect((await coordinator.get(referencesOf(subject))).json().totalReferences).toBe(1);
    // The one who blocked still sees the profile of the person they blocked.
    expect((await (await signInAs(ctx, subject)).get(referencesOf(viewer))).statusCode).toBe(200);
  });

  it('leaves out references written by someone on either side of a block with the viewer; coordinators see them all', async () => {
    const subject = await makeMember(ctx, community);
    const [kind, blocker, blockedByViewer] = [await makeMember(ctx, community), await makeMember(ctx, community), await makeMember(ctx, community)];
    await referenced(subject, kind, kind, 'Always cheerful.');
    await referenced(subject, blocker, blocker, 'Reliable.');
    await referenced(subject, blockedByViewer, blockedByViewer, 'Would not ask again.', false);
    const viewer = await makeMember(ctx, community);
    await block(blocker, viewer);
    await block(viewer, blockedByViewer);
    const seen = (await (await signInAs(ctx, viewer)).get(referencesOf(subject))).json();
    expect(seen).toMatchObject({ totalReferences: 1, wouldExchangeAgain: 1, confirmedExchanges: 3 });
    expect(seen.references.map((r: { author: { id: string } }) => r.author.id)).toEqual([kind.id]);
    const all = (await coordinator.get(referencesOf(subject))).json();
    expect(all).toMatchObject({ totalReferences: 3, wouldExchangeAgain: 2 });
  });

  it('answers 404 for someone who has left, a deleted account, a member of another community and an unknown id', async () => {
    const left = await makeMember(ctx, community);
    const deleted = await makeMember(ctx, community);
    await ctx.db.update(memberships).set({ status: 'left' }).where(eq(memberships.userId, left.id));
    await ctx.db.update(users).set({ deletedAt: new Date(), displayName: 'Former member' }).where(eq(users.id, deleted.id));
    const elsewhere = await makeCommunity(ctx);
    const stranger = await makeMember(ctx, elsewhere);
    const viewer = await signInAs(ctx, await makeMember(ctx, community));
    for (const target of [left, deleted, stranger, { id: '00000000-0000-4000-8000-000000000000' }]) {
      const res = await viewer.get(referencesOf(target));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('member.not_found');
    }
    // A suspended member's profile is still shown, and so are their references.
    const suspended = await makeMember(ctx, community, { status: 'suspended' });
    expect((await viewer.get(referencesOf(suspended))).statusCode).toBe(200);
  });

  it('is for members of the community only, and checks the id', async () => {
    const subject = await makeMember(ctx, community);
    expect((await anonymous(ctx).get(referencesOf(subject))).statusCode).toBe(401);
    const outsider = await signInAs(ctx, await makeMember(ctx, await makeCommunity(ctx)));
    const res = await outsider.get(referencesOf(subject));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('community.not_member');
    // Asking through one's own community about a member of another gives nothing away.
    const own = await makeCommunity(ctx);
    const insider = await signInAs(ctx, await makeMember(ctx, own));
    expect((await insider.get(referencesOf(subject, own))).statusCode).toBe(404);
    const bad = await coordinator.get(`/api/communities/${community.id}/members/not-a-uuid/references`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('userId');
  });
});
