import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import {
  anonymous,
  countRows,
  giveSkills,
  makeCommunity,
  makeListing,
  makeMember,
  makeOrganisation,
  signInAs,
  skillIdOf,
  type Client,
  type TestCommunity,
} from '../../../test/factories.ts';
import { interactions } from '../../db/schema.ts';

let ctx: TestContext;
let community: TestCommunity;
let member: Client;
let gardening: number;
beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
  // Verified: the offers below are help in someone's home, which needs it by default.
  member = await signInAs(ctx, await makeMember(ctx, community, { verified: true }));
  gardening = await skillIdOf(ctx, 'gardening');
});
afterAll(() => ctx?.close());

const url = (path = '', c: TestCommunity = community) => `/api/communities/${c.id}/listings${path}`;
const offerBody = () => ({ kind: 'offer', title: 'Help in your garden', description: 'Weeding, pruning and planting', skillId: gardening, durationMinutes: 120, place: 'in_someones_home', availability: 'Saturday mornings' });

describe('posting and changing listings', () => {
  it('posts an offer with its location snapped to the grid, and shows it to members', async () => {
    const res = await member.post(url(), { ...offerBody(), location: { lat: 51.501234, lng: -0.104321 } });
    expect(res.statusCode).toBe(201);
    const offer = res.json();
    expect(offer).toMatchObject({ kind: 'offer', status: 'open', mine: true, skill: { slug: 'gardening', category: 'home-garden' }, needsSafeguarding: false });
    expect(offer.location).not.toEqual({ lat: 51.501234, lng: -0.104321 });
    expect(Math.abs(offer.location.lat - 51.501234)).toBeLessThan(0.002);
    const other = await signInAs(ctx, await makeMember(ctx, community));
    expect((await other.get(url(`/${offer.id}`))).json()).toMatchObject({ id: offer.id, mine: false });
  });

  it.each([
    [{ title: 'no' }, 'title'],
    [{ durationMinutes: 0 }, 'durationMinutes'],
    [{ durationMinutes: 5000 }, 'durationMinutes'],
    [{ place: 'on the moon' }, 'place'],
    [{ skillId: 999999 }, 'skillId'],
    [{ expiresOn: '2001-01-01' }, 'expiresOn'],
    [{ location: { lat: 91, lng: 0 } }, 'location.lat'],
  ])('refuses bad input with 400 naming the field (%#)', async (change, field) => {
    const before = await countRows(ctx, ['listings']);
    const res = await member.post(url(), { ...offerBody(), ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, ['listings'])).toEqual(before);
  });

  it('lets only the owner edit, pause, reopen and close; closing is final', async () => {
    const offer = (await member.post(url(), offerBody())).json();
    const other = await signInAs(ctx, await makeMember(ctx, community));
    expect((await other.patch(url(`/${offer.id}`), { title: 'Mine now' })).statusCode).toBe(403);
    expect((await member.patch(url(`/${offer.id}`), { title: 'Garden help, any size', location: null })).json()).toMatchObject({ title: 'Garden help, any size', location: null });
    expect((await member.put(url(`/${offer.id}/status`), { status: 'paused' })).json().status).toBe('paused');
    expect((await other.get(url(`/${offer.id}`))).statusCode).toBe(404);
    expect((await member.put(url(`/${offer.id}/status`), { status: 'open' })).json().status).toBe('open');
    expect((await member.put(url(`/${offer.id}/status`), { status: 'closed' })).json().status).toBe('closed');
    expect((await member.put(url(`/${offer.id}/status`), { status: 'open' })).json().error.code).toBe('listing.closed');
    expect((await member.patch(url(`/${offer.id}`), { title: 'Back again' })).statusCode).toBe(409);
  });

  it('needs a safeguarding check to offer help in a safeguarding category', async () => {
    const body = { ...offerBody(), skillId: await skillIdOf(ctx, 'befriending'), title: 'A friendly visit' };
    const res = await member.post(url(), body);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('exchange.safeguarding_required');
    const checked = await signInAs(ctx, await makeMember(ctx, community, { dbsExpiresOn: '2099-12-31' }));
    expect((await checked.post(url(), body)).json()).toMatchObject({ needsSafeguarding: true });
    expect((await member.post(url(), { ...body, kind: 'request' })).statusCode).toBe(201);
  });

  it('posts for an organisation only through its agents', async () => {
    const agent = await makeMember(ctx, community);
    const org = await makeOrganisation(ctx, community, { agents: [agent] });
    expect((await member.post(url(), { ...offerBody(), onBehalfOf: org.id })).json().error.code).toBe('organisation.not_agent');
    const res = await (await signInAs(ctx, agent)).post(url(), { ...offerBody(), place: 'in_public', onBehalfOf: org.id });
    expect(res.json()).toMatchObject({ owner: { id: org.id, kind: 'organisation' }, mine: true });
  });

  it("answers 404 for another community's listing and 403 to outsiders, 401 to nobody", async () => {
    const elsewhere = await makeCommunity(ctx);
    const theirs = await makeListing(ctx, elsewhere, await makeMember(ctx, elsewhere));
    expect((await member.get(url(`/${theirs.id}`))).statusCode).toBe(404);
    expect((await member.patch(url(`/${theirs.id}`), { title: 'Taken over' })).statusCode).toBe(404);
    expect((await member.get(url('', elsewhere))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(url())).statusCode).toBe(401);
  });
});

describe('browsing and searching', () => {
  it('finds listings by kind, skill, category, words and distance, nearest first, never across communities', async () => {
    const c = await makeCommunity(ctx);
    const owner = await makeMember(ctx, c);
    const viewer = await signInAs(ctx, await makeMember(ctx, c));
    const near = await makeListing(ctx, c, owner, { kind: 'offer', title: 'Hedge trimming', description: 'Tidy hedges', lat: 51.5, lng: -0.1 });
    const far = await makeListing(ctx, c, owner, { kind: 'offer', title: 'Lawn care', description: 'Mowing lawns', lat: 51.53, lng: -0.1 });
    await makeListing(ctx, c, owner, { kind: 'request', title: 'Need my laptop fixed', skill: 'computer-help' });
    await makeListing(ctx, c, owner, { kind: 'offer', title: 'Old offer', expiresOn: '2020-01-01' });
    await makeListing(ctx, await makeCommunity(ctx), owner, { kind: 'offer', title: 'Hedge trimming elsewhere' });
    const get = async (query: string) => (await viewer.get(`${url('', c)}?${query}`)).json();

    expect((await get('kind=offer')).total).toBe(2);
    expect((await get('kind=request')).listings.map((l: { title: string }) => l.title)).toEqual(['Need my laptop fixed']);
    expect((await get('category=computers-phones')).total).toBe(1);
    expect((await get(`skillId=${gardening}`)).total).toBe(2);
    expect((await get('q=hedges')).listings.map((l: { id: string }) => l.id)).toEqual([near.id]);
    expect((await get('q=laptop')).total).toBe(1);
    const nearby = await get('lat=51.501&lng=-0.1&withinM=1000');
    expect(nearby.listings.map((l: { id: string }) => l.id)).toEqual([near.id]);
    expect(nearby.listings[0].distanceM).toBeLessThan(300);
    const sorted = await get('kind=offer&lat=51.53&lng=-0.1');
    expect(sorted.listings.map((l: { id: string }) => l.id)).toEqual([far.id, near.id]);
    expect((await viewer.get(`${url('', c)}?withinM=500`)).json().error.field).toBe('lat');
  });
});

describe('matching', () => {
  it('suggests helpers for a request ranked by fit, distance, availability and ties, and requests for an offer', async () => {
    const c = await makeCommunity(ctx);
    const asker = await makeMember(ctx, c);
    const offerer = await makeMember(ctx, c, { displayName: 'Olive Offerer' });
    const skilled = await makeMember(ctx, c, { displayName: 'Sam Skilled' });
    const cousin = await makeMember(ctx, c, { displayName: 'Cora Category' });
    const suspended = await makeMember(ctx, c, { status: 'suspended' });
    await makeMember(ctx, c, { displayName: 'Nobody Relevant' });
    await giveSkills(ctx, skilled, ['gardening']);
    await giveSkills(ctx, cousin, ['lawn-mowing']);
    await giveSkills(ctx, suspended, ['gardening']);
    const offer = await makeListing(ctx, c, offerer, { kind: 'offer', availability: 'Saturday mornings', lat: 51.5, lng: -0.1 });
    const request = await makeListing(ctx, c, asker, { kind: 'request', availability: 'weekends', lat: 51.501, lng: -0.1 });
    await ctx.db.insert(interactions).values({ communityId: c.id, actorId: asker.id, subjectId: skilled.id, kind: 'vouch', weight: 3, sourceType: 'test', sourceId: 'x' });

    const asAsker = await signInAs(ctx, asker);
    const matches = (await asAsker.get(url(`/${request.id}/matches`, c))).json();
    expect(matches.kind).toBe('helpers');
    expect(matches.suggestions.map((s: { user: { displayName: string } }) => s.user.displayName)).toEqual(['Olive Offerer', 'Sam Skilled', 'Cora Category']);
    expect(matches.suggestions[0]).toMatchObject({ fit: 'offer', offerId: offer.id, availabilityOverlap: 1, connection: 0 });
    expect(matches.suggestions[0].distanceM).toBeLessThan(300);
    expect(matches.suggestions[1]).toMatchObject({ fit: 'skill', connection: 1 });
    expect(matches.suggestions[2]).toMatchObject({ fit: 'category' });

    const forOffer = (await (await signInAs(ctx, offerer)).get(url(`/${offer.id}/matches`, c))).json();
    expect(forOffer.kind).toBe('requests');
    expect(forOffer.suggestions.map((s: { listing: { id: string } }) => s.listing.id)).toEqual([request.id]);
    expect((await (await signInAs(ctx, skilled)).get(url(`/${request.id}/matches`, c))).statusCode).toBe(403);
  });

  it('suggests only safeguarding-checked helpers for a safeguarding request', async () => {
    const c = await makeCommunity(ctx);
    const asker = await makeMember(ctx, c);
    const unchecked = await makeMember(ctx, c);
    const checked = await makeMember(ctx, c, { dbsExpiresOn: '2099-01-01' });
    await giveSkills(ctx, unchecked, ['befriending']);
    await giveSkills(ctx, checked, ['befriending']);
    const request = await makeListing(ctx, c, asker, { kind: 'request', skill: 'befriending' });
    const matches = (await (await signInAs(ctx, asker)).get(url(`/${request.id}/matches`, c))).json();
    expect(matches.suggestions.map((s: { user: { id: string } }) => s.user.id)).toEqual([checked.id]);
    expect(matches.suggestions[0].safeguardingChecked).toBe(true);
  });

  it('notifies matching members of a new request in the app, and by email when they opted in', async () => {
    const c = await makeCommunity(ctx);
    const byEmail = await makeMember(ctx, c);
    const inAppOnly = await makeMember(ctx, c);
    const quiet = await makeMember(ctx, c);
    for (const helper of [byEmail, inAppOnly, quiet]) await giveSkills(ctx, helper, ['computer-help']);
    expect((await (await signInAs(ctx, byEmail)).put('/api/notification-preferences', { matchingRequestsEmail: true })).statusCode).toBe(200);
    expect((await (await signInAs(ctx, quiet)).put('/api/notification-preferences', { matchingRequestsInApp: false })).statusCode).toBe(200);
    const asker = await signInAs(ctx, await makeMember(ctx, c, { displayName: 'Asha Asker' }));
    const res = await asker.post(url('', c), { kind: 'request', title: 'Help setting up my new phone', skillId: await skillIdOf(ctx, 'smartphone-help'), durationMinutes: 60, place: 'in_public' });
    expect(res.statusCode).toBe(201);

    const inbox = (await (await signInAs(ctx, inAppOnly)).get(`/api/communities/${c.id}/notifications`)).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({ kind: 'listing.matching_request', title: 'Asha Asker asked for help with smartphone and tablet help', link: `/timebank/listings/${res.json().id}` });
    expect((await (await signInAs(ctx, quiet)).get(`/api/communities/${c.id}/notifications`)).json().unread).toBe(0);
    const mail = await ctx.database.query<{ to_address: string; subject: string }>('SELECT to_address, subject FROM outbox WHERE to_address IN ($1, $2, $3)', [byEmail.email, inAppOnly.email, quiet.email]);
    expect(mail).toEqual([{ to_address: byEmail.email, subject: 'A neighbour needs help with smartphone and tablet help' }]);

    const reader = await signInAs(ctx, inAppOnly);
    expect((await reader.post(`/api/communities/${c.id}/notifications/read`, {})).statusCode).toBe(200);
    expect((await reader.get(`/api/communities/${c.id}/notifications?unread=true`)).json()).toEqual({ notifications: [], unread: 0 });
  });
});
