// Suggestions give an order, never a number that personal trust went into; a coordinator looking
// at someone else's listing gets neither the owner's trust ordering nor their shared history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { giveSkills, makeCommunity, makeListing, makeMember, makeTies, signInAs } from '../../../test/factories.ts';
import { coarseTrust, rankScore } from './matching.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

type Helper = { user: { id: string; displayName: string }; connection: number | null } & Record<string, unknown>;

/** A request whose two candidate helpers differ only in whether the asker trusts them. */
async function twoEqualHelpers() {
  const c = await makeCommunity(ctx);
  const asker = await makeMember(ctx, c);
  const stranger = await makeMember(ctx, c, { displayName: 'Abel Stranger' });
  const friend = await makeMember(ctx, c, { displayName: 'Zoe Friend' });
  await giveSkills(ctx, stranger, ['gardening']);
  await giveSkills(ctx, friend, ['gardening']);
  await makeTies(ctx, c, [[asker, friend]]);
  const request = await makeListing(ctx, c, asker, { kind: 'request' });
  const coordinator = await signInAs(ctx, c.coordinator);
  return { c, asker, stranger, friend, request, coordinator, matchesUrl: `/api/communities/${c.id}/listings/${request.id}/matches` };
}

describe('suggested helpers', () => {
  it('carry no score, only the fields that explain the fit', async () => {
    const { asker, matchesUrl } = await twoEqualHelpers();
    const res = await (await signInAs(ctx, asker)).get(matchesUrl);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/score|trust/i);
    for (const suggestion of res.json().suggestions as Helper[]) {
      expect(Object.keys(suggestion).sort()).toEqual(['availabilityOverlap', 'connection', 'distanceM', 'fit', 'offerId', 'safeguardingChecked', 'user']);
    }
  });

  it("order by the owner's own trust for the owner, but not for a coordinator, who sees no shared history either", async () => {
    const { asker, stranger, friend, matchesUrl, coordinator } = await twoEqualHelpers();
    const mine = (await (await signInAs(ctx, asker)).get(matchesUrl)).json().suggestions as Helper[];
    expect(mine.map((s) => s.user.id)).toEqual([friend.id, stranger.id]);
    expect(mine.map((s) => s.connection)).toEqual([2, 0]);

    const theirs = await coordinator.get(matchesUrl);
    expect(theirs.statusCode).toBe(200);
    // Equal in everything the coordinator may know, so the names decide.
    expect((theirs.json().suggestions as Helper[]).map((s) => [s.user.id, s.connection])).toEqual([[stranger.id, null], [friend.id, null]]);
  });
});

describe('suggested requests for an offer', () => {
  it('carry no score, and no shared history for a coordinator', async () => {
    const c = await makeCommunity(ctx);
    const offerer = await makeMember(ctx, c);
    const asker = await makeMember(ctx, c);
    await makeTies(ctx, c, [[offerer, asker]]);
    const offer = await makeListing(ctx, c, offerer, { kind: 'offer' });
    const request = await makeListing(ctx, c, asker, { kind: 'request' });
    const url = `/api/communities/${c.id}/listings/${offer.id}/matches`;

    const own = await (await signInAs(ctx, offerer)).get(url);
    expect(own.json().suggestions).toEqual([expect.objectContaining({ listing: expect.objectContaining({ id: request.id }), connection: 2 })]);
    expect(Object.keys(own.json().suggestions[0]).sort()).toEqual(['availabilityOverlap', 'connection', 'fit', 'listing']);
    expect(own.body).not.toMatch(/score/i);
    const coordinator = await (await signInAs(ctx, c.coordinator)).get(url);
    expect(coordinator.json().suggestions).toEqual([expect.objectContaining({ connection: null })]);
  });
});

describe('ranking', () => {
  it('counts trust only in quarters, so an order cannot pin it down', () => {
    expect([0, 0.1, 0.13, 0.37, 0.5, 0.88, 1, 7, -1].map(coarseTrust)).toEqual([0, 0, 0.25, 0.25, 0.5, 1, 1, 1, 0]);
    const base = { fit: 'offer' as const, distanceM: 500, availability: 1 };
    expect(rankScore({ ...base, trust: 0.3 })).toBe(rankScore({ ...base, trust: 0.2 }));
    expect(rankScore({ ...base, trust: 0.9 })).toBeGreaterThan(rankScore({ ...base, trust: 0.2 }));
  });
});
