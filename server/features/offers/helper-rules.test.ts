// Who may help with what, as offers, listings and matching apply it (exchanges/safeguarding.ts):
// help in someone's home needs the community's level (verified by default), work with children
// or vulnerable adults always needs a DBS check, and a listing tells its viewer before they try.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { countRows, giveSkills, makeCommunity, makeListing, makeMember, setTimebank, signInAs, skillIdOf, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const api = (c: TestCommunity, path: string) => `/api/communities/${c.id}${path}`;
const oddJobs = async (overrides: Record<string, unknown> = {}) => ({
  kind: 'offer', title: 'Odd jobs in your home', description: 'Shelves, curtain poles, dripping taps', skillId: await skillIdOf(ctx, 'diy-repairs'), durationMinutes: 90, place: 'in_someones_home', ...overrides,
});

describe('who may offer help', () => {
  it("needs a verified helper for help in someone's home by default, and nothing of someone asking for it", async () => {
    const c = await makeCommunity(ctx);
    const unverified = await signInAs(ctx, await makeMember(ctx, c));
    const before = await countRows(ctx, ['listings']);
    const refused = await unverified.post(api(c, '/listings'), await oddJobs());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'exchange.verification_required', message: expect.stringMatching(/verified by a coordinator.*someone's home.*ask a coordinator/i) });
    expect(await countRows(ctx, ['listings'])).toEqual(before);

    expect((await unverified.post(api(c, '/listings'), await oddJobs({ place: 'in_public', title: 'Odd jobs at the community hall' }))).statusCode).toBe(201);
    expect((await unverified.post(api(c, '/listings'), await oddJobs({ kind: 'request', title: 'Shelves put up in my flat' }))).statusCode).toBe(201);
    const verified = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    const posted = await verified.post(api(c, '/listings'), await oddJobs());
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({ needs: { level: 'verified', reasons: ['in_someones_home'] }, needsSafeguarding: false, canAnswer: null, cannotAnswer: null });
  });

  it('needs a DBS check for work with children or vulnerable adults, even in a community that marks no categories', async () => {
    const c = await makeCommunity(ctx);
    const coordinator = await signInAs(ctx, c.coordinator);
    expect((await coordinator.put(api(c, '/timebank/settings'), { safeguardingCategories: [] })).json()).toMatchObject({ safeguardingCategories: [] });
    const verified = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    for (const [slug, words] of [['homework-help', /children/], ['reading-together', /children/], ['childminding', /children/], ['befriending', /vulnerable/]] as const) {
      const res = await verified.post(api(c, '/listings'), { kind: 'offer', title: `Offering ${slug}`, skillId: await skillIdOf(ctx, slug), durationMinutes: 60, place: 'online' });
      expect(res.statusCode, slug).toBe(403);
      expect(res.json().error.code).toBe('exchange.safeguarding_required');
      expect(res.json().error.message).toMatch(words);
    }
    const checked = await signInAs(ctx, await makeMember(ctx, c, { dbsExpiresOn: '2099-12-31' }));
    const homework = await checked.post(api(c, '/listings'), { kind: 'offer', title: 'Homework help after school', skillId: await skillIdOf(ctx, 'homework-help'), durationMinutes: 60, place: 'in_someones_home' });
    expect(homework.statusCode).toBe(201);
    expect(homework.json()).toMatchObject({ needs: { level: 'safeguarding-checked', reasons: ['children', 'in_someones_home'] }, needsSafeguarding: true });
  });

  it('follows the level a coordinator sets for help in homes; members cannot change it, and nonsense is refused', async () => {
    const c = await makeCommunity(ctx);
    const coordinator = await signInAs(ctx, c.coordinator);
    const member = await signInAs(ctx, await makeMember(ctx, c));
    const settings = api(c, '/timebank/settings');
    expect((await member.get(settings)).json()).toMatchObject({ homeVisitLevel: 'verified', safeguardingCategories: ['care-company'] });
    expect((await member.put(settings, { homeVisitLevel: 'registered' })).statusCode).toBe(403);
    const bad = await coordinator.put(settings, { homeVisitLevel: 'trusted' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('homeVisitLevel');

    expect((await coordinator.put(settings, { homeVisitLevel: 'registered' })).json().homeVisitLevel).toBe('registered');
    const open = await member.post(api(c, '/listings'), await oddJobs());
    expect(open.statusCode).toBe(201);
    expect(open.json().needs).toBeNull();

    expect((await coordinator.put(settings, { homeVisitLevel: 'safeguarding-checked' })).json().homeVisitLevel).toBe('safeguarding-checked');
    const verified = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    const strict = await verified.post(api(c, '/listings'), await oddJobs());
    expect(strict.statusCode).toBe(403);
    expect(strict.json().error.code).toBe('exchange.safeguarding_required');
  });

  it('checks an offer again when its place or skill changes or it is reopened', async () => {
    const c = await makeCommunity(ctx);
    const owner = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    const offer = (await owner.post(api(c, '/listings'), await oddJobs({ place: 'in_public' }))).json();
    const homework = await skillIdOf(ctx, 'homework-help');
    expect((await owner.patch(api(c, `/listings/${offer.id}`), { skillId: homework })).json().error.code).toBe('exchange.safeguarding_required');
    expect((await owner.patch(api(c, `/listings/${offer.id}`), { place: 'in_someones_home' })).json()).toMatchObject({ place: 'in_someones_home', needs: { level: 'verified' } });

    expect((await owner.put(api(c, `/listings/${offer.id}/status`), { status: 'paused' })).statusCode).toBe(200);
    await setTimebank(ctx, c, { homeVisitLevel: 'safeguarding-checked' });
    const reopen = await owner.put(api(c, `/listings/${offer.id}/status`), { status: 'open' });
    expect(reopen.statusCode).toBe(403);
    expect(reopen.json().error.code).toBe('exchange.safeguarding_required');
    expect((await owner.get(api(c, `/listings/${offer.id}`))).json().status).toBe('paused');
  });

  it('keeps what and where the help is while exchanges from it are under way', async () => {
    const c = await makeCommunity(ctx);
    const asker = await signInAs(ctx, await makeMember(ctx, c));
    const helper = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    const request = (await asker.post(api(c, '/listings'), await oddJobs({ kind: 'request', title: 'Shelves in my kitchen' }))).json();
    const proposed = await helper.post(api(c, '/exchanges'), { listingId: request.id, description: 'I can do Saturday' });
    expect(proposed.statusCode).toBe(201);

    const moved = await asker.patch(api(c, `/listings/${request.id}`), { place: 'online' });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error).toMatchObject({ code: 'listing.in_use', field: 'place' });
    expect((await asker.patch(api(c, `/listings/${request.id}`), { skillId: await skillIdOf(ctx, 'gardening') })).json().error.field).toBe('skillId');
    expect((await asker.patch(api(c, `/listings/${request.id}`), { title: 'Two shelves in my kitchen' })).statusCode).toBe(200);

    expect((await helper.post(api(c, `/exchanges/${proposed.json().id}/cancel`), { reason: 'Busy after all' })).statusCode).toBe(200);
    expect((await asker.patch(api(c, `/listings/${request.id}`), { place: 'online' })).json().place).toBe('online');
  });
});

describe('what a listing tells the person looking at it', () => {
  it('shows an unchecked member what a request needs, in the list and on its page, and the server refuses them the same way', async () => {
    const c = await makeCommunity(ctx);
    const askerUser = await makeMember(ctx, c);
    const request = await makeListing(ctx, c, askerUser, { kind: 'request', skill: 'homework-help', title: 'Homework help for my son', place: 'online' });
    const unchecked = await signInAs(ctx, await makeMember(ctx, c, { verified: true }));
    const checked = await signInAs(ctx, await makeMember(ctx, c, { dbsExpiresOn: '2099-12-31' }));
    const page = api(c, `/listings/${request.id}`);

    const seen = (await unchecked.get(page)).json();
    expect(seen).toMatchObject({ needs: { level: 'safeguarding-checked', reasons: ['children'] }, needsSafeguarding: true, canAnswer: false, cannotAnswer: 'viewer_not_cleared' });
    expect((await unchecked.get(api(c, '/listings?kind=request'))).json().listings).toEqual([expect.objectContaining({ id: request.id, canAnswer: false, cannotAnswer: 'viewer_not_cleared' })]);
    const tried = await unchecked.post(api(c, '/exchanges'), { listingId: request.id });
    expect(tried.statusCode).toBe(403);
    expect(tried.json().error.code).toBe('exchange.safeguarding_required');

    expect((await checked.get(page)).json()).toMatchObject({ canAnswer: true, cannotAnswer: null });
    expect((await (await signInAs(ctx, askerUser)).get(page)).json()).toMatchObject({ mine: true, canAnswer: null, cannotAnswer: null });
  });

  it("says when a request in someone's home needs a verified helper, and when an offer's owner no longer meets what it needs", async () => {
    const c = await makeCommunity(ctx);
    const request = await makeListing(ctx, c, await makeMember(ctx, c), { kind: 'request', skill: 'diy-repairs', place: 'in_someones_home' });
    const newcomer = await signInAs(ctx, await makeMember(ctx, c));
    expect((await newcomer.get(api(c, `/listings/${request.id}`))).json()).toMatchObject({ needs: { level: 'verified', reasons: ['in_someones_home'] }, canAnswer: false, cannotAnswer: 'viewer_not_cleared' });

    const offer = (await (await signInAs(ctx, await makeMember(ctx, c, { verified: true }))).post(api(c, '/listings'), await oddJobs())).json();
    expect((await newcomer.get(api(c, `/listings/${offer.id}`))).json()).toMatchObject({ canAnswer: true, cannotAnswer: null });
    await setTimebank(ctx, c, { homeVisitLevel: 'safeguarding-checked' });
    expect((await newcomer.get(api(c, `/listings/${offer.id}`))).json()).toMatchObject({ needs: { level: 'safeguarding-checked' }, canAnswer: false, cannotAnswer: 'owner_not_cleared' });
  });
});

describe('matching', () => {
  it("suggests for a request only helpers who meet what it needs: verified in someone's home, DBS-checked with children", async () => {
    const c = await makeCommunity(ctx);
    const asker = await makeMember(ctx, c);
    const unverified = await makeMember(ctx, c, { displayName: 'Una Unverified' });
    const verified = await makeMember(ctx, c, { verified: true, displayName: 'Vic Verified' });
    const checked = await makeMember(ctx, c, { dbsExpiresOn: '2099-12-31', displayName: 'Dee Checked' });
    for (const helper of [unverified, verified, checked]) await giveSkills(ctx, helper, ['diy-repairs', 'homework-help']);
    const client = await signInAs(ctx, asker);
    const names = async (listingId: string) => ((await client.get(api(c, `/listings/${listingId}/matches`))).json().suggestions as { user: { displayName: string } }[]).map((s) => s.user.displayName).sort();

    expect(await names((await makeListing(ctx, c, asker, { kind: 'request', skill: 'diy-repairs', place: 'in_someones_home' })).id)).toEqual(['Dee Checked', 'Vic Verified']);
    expect(await names((await makeListing(ctx, c, asker, { kind: 'request', skill: 'diy-repairs', place: 'in_public' })).id)).toEqual(['Dee Checked', 'Una Unverified', 'Vic Verified']);
    expect(await names((await makeListing(ctx, c, asker, { kind: 'request', skill: 'homework-help', place: 'online' })).id)).toEqual(['Dee Checked']);
  });

  it('suggests to an offer only the requests its owner may take', async () => {
    const c = await makeCommunity(ctx);
    const offerer = await makeMember(ctx, c);
    const asker = await makeMember(ctx, c);
    const offer = await makeListing(ctx, c, offerer, { kind: 'offer', skill: 'diy-repairs', place: 'in_public' });
    await makeListing(ctx, c, asker, { kind: 'request', skill: 'diy-repairs', place: 'in_someones_home', title: 'At home' });
    const fine = await makeListing(ctx, c, asker, { kind: 'request', skill: 'diy-repairs', place: 'in_public', title: 'At the hall' });
    const matches = (await (await signInAs(ctx, offerer)).get(api(c, `/listings/${offer.id}/matches`))).json();
    expect(matches.suggestions.map((s: { listing: { id: string } }) => s.listing.id)).toEqual([fine.id]);
  });
});
