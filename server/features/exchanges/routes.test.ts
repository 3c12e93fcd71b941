import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.ts';
import {
  anonymous,
  countRows,
  makeCommunity,
  makeExchange,
  makeListing,
  makeMember,
  makeOrganisation,
  openCommunityWorld,
  setTimebank,
  signInAs,
  skillIdOf,
  type Client,
  type TestCommunity,
  type TestUser,
} from '../../../test/factories.ts';

let ctx: TestContext;
let community: TestCommunity;
let coordinator: Client;
beforeAll(async () => ({ ctx, community, coordinator } = await openCommunityWorld()));
afterAll(() => ctx?.close());

const url = (path = '') => `/api/communities/${community.id}/exchanges${path}`;
const LEDGER_TABLES = ['exchanges', 'exchange_events', 'ledger_transactions', 'ledger_entries', 'interactions'];

async function pair() {
  const provider = await makeMember(ctx, community, { verified: true });
  const receiver = await makeMember(ctx, community, { verified: true });
  return { provider, receiver, asProvider: await signInAs(ctx, provider), asReceiver: await signInAs(ctx, receiver) };
}

async function balanceOf(user: TestUser, c: TestCommunity = community): Promise<number> {
  const rows = await ctx.database.query<{ balance: number }>('SELECT balance FROM ledger_accounts WHERE community_id = $1 AND user_id = $2', [c.id, user.id]);
  return rows[0]?.balance ?? 0;
}

describe('the exchange lifecycle', () => {
  it('goes proposed → accepted → done → confirmed and posts exactly one balanced transaction', async () => {
    const { provider, receiver, asProvider, asReceiver } = await pair();
    const offer = await makeListing(ctx, community, provider, { kind: 'offer', title: 'Weeding and pruning' });
    const proposed = await asReceiver.post(url(), { listingId: offer.id, description: 'My front garden', proposedMinutes: 90 });
    expect(proposed.statusCode).toBe(201);
    const ex = proposed.json();
    expect(ex).toMatchObject({ status: 'proposed', provider: { id: provider.id }, receiver: { id: receiver.id }, viewerRole: 'receiver' });
    expect(ex.allowedActions).toEqual(['cancel']);

    const seen = (await asProvider.get(url(`/${ex.id}`))).json();
    expect(seen.allowedActions).toEqual(expect.arrayContaining(['accept', 'decline']));
    expect((await asProvider.post(url(`/${ex.id}/accept`))).json().status).toBe('accepted');
    const done = await asProvider.post(url(`/${ex.id}/record`), { minutes: 90, note: 'Two borders weeded' });
    expect(done.json()).toMatchObject({ status: 'done', recordedMinutes: 90 });
    expect(done.json().autoConfirmAt).not.toBeNull();

    const confirmed = await asReceiver.post(url(`/${ex.id}/confirm`));
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedMinutes: 90, confirmedHow: 'receiver' });
    expect(confirmed.json().transactionId).toBeTruthy();
    expect(confirmed.json().events.map((e: { kind: string }) => e.kind)).toEqual(['proposed', 'accepted', 'done', 'confirmed']);

    const entries = await ctx.database.query<{ amount: number }>(
      'SELECT e.amount FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.exchange_id = $1 ORDER BY e.amount', [ex.id]);
    expect(entries.map((e) => e.amount)).toEqual([-90, 90]);
    expect(await balanceOf(provider)).toBe(90);
    expect(await balanceOf(receiver)).toBe(-90);
    const ties = await ctx.database.query<{ kind: string; actor_id: string }>('SELECT kind, actor_id FROM interactions WHERE source_id = $1', [ex.id]);
    expect(ties).toHaveLength(2);
    expect(ties.every((t) => t.kind === 'exchange_confirmed')).toBe(true);
  });

  it('lets the helper propose from their own offer to a named member', async () => {
    const { provider, receiver, asProvider, asReceiver } = await pair();
    const offer = await makeListing(ctx, community, provider, { kind: 'offer' });
    const missing = await asProvider.post(url(), { listingId: offer.id });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'exchange.counterpart_required', field: 'counterpartId' });
    const res = await asProvider.post(url(), { listingId: offer.id, counterpartId: receiver.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ provider: { id: provider.id }, receiver: { id: receiver.id } });
    expect((await asReceiver.post(url(`/${res.json().id}/accept`))).statusCode).toBe(200);
  });

  it('makes whoever answers a request the helper', async () => {
    const { provider, receiver, asProvider } = await pair();
    const request = await makeListing(ctx, community, receiver, { kind: 'request' });
    const res = await asProvider.post(url(), { listingId: request.id });
    expect(res.json()).toMatchObject({ provider: { id: provider.id }, receiver: { id: receiver.id } });
  });

  it('lets the receiver adjust the time, which the helper accepts', async () => {
    const { provider, receiver, asProvider, asReceiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 120 });
    const same = await asReceiver.post(url(`/${ex.id}/adjust`), { minutes: 120, note: 'Same as before' });
    expect(same.statusCode).toBe(400);
    const adjusted = await asReceiver.post(url(`/${ex.id}/adjust`), { minutes: 90, note: 'We finished early' });
    expect(adjusted.json().pendingAdjustment).toEqual({ minutes: 90, note: 'We finished early' });
    expect((await asReceiver.post(url(`/${ex.id}/confirm`))).json().error.code).toBe('exchange.adjustment_pending');
    const accepted = await asProvider.post(url(`/${ex.id}/accept-adjustment`));
    expect(accepted.json()).toMatchObject({ status: 'confirmed', confirmedMinutes: 90, confirmedHow: 'adjustment_accepted' });
    expect(await balanceOf(provider)).toBe(90);
  });

  it('declines and cancels, and posts nothing', async () => {
    const { provider, receiver, asProvider, asReceiver } = await pair();
    const one = await makeExchange(ctx, community, provider, receiver);
    expect((await asProvider.post(url(`/${one.id}/decline`), { reason: 'Away that week' })).json().status).toBe('declined');
    const two = await makeExchange(ctx, community, provider, receiver, { status: 'accepted' });
    expect((await asProvider.post(url(`/${two.id}/cancel`), { reason: 'Ill' })).json().status).toBe('cancelled');
    expect(await balanceOf(provider)).toBe(0);
  });
});

describe('unhappy paths', () => {
  it('refuses to let anyone but the receiver confirm, and hides the exchange from strangers', async () => {
    const { provider, receiver, asProvider } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 60 });
    const before = await countRows(ctx, LEDGER_TABLES);
    const byProvider = await asProvider.post(url(`/${ex.id}/confirm`));
    expect(byProvider.statusCode).toBe(403);
    expect(byProvider.json().error.code).toBe('exchange.not_allowed');
    const stranger = await signInAs(ctx, await makeMember(ctx, community));
    expect((await stranger.post(url(`/${ex.id}/confirm`))).statusCode).toBe(404);
    expect((await stranger.get(url(`/${ex.id}`))).statusCode).toBe(404);
    expect((await coordinator.post(url(`/${ex.id}/confirm`))).statusCode).toBe(403);
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
  });

  it('refuses to confirm twice with 409 and posts once', async () => {
    const { provider, receiver, asReceiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 45 });
    expect((await asReceiver.post(url(`/${ex.id}/confirm`))).statusCode).toBe(200);
    const before = await countRows(ctx, LEDGER_TABLES);
    const again = await asReceiver.post(url(`/${ex.id}/confirm`));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'exchange.already_confirmed', message: 'This exchange has already been confirmed.' });
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
    expect(await balanceOf(provider)).toBe(45);
  });

  it('confirms only once when the receiver double-clicks', async () => {
    const { provider, receiver, asReceiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 30 });
    const results = await Promise.all([asReceiver.post(url(`/${ex.id}/confirm`)), asReceiver.post(url(`/${ex.id}/confirm`))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [{ n }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_transactions WHERE exchange_id = $1', [ex.id]);
    expect(n).toBe(1);
  });

  it.each([
    [0, 'Enter at least 1 minute'],
    [-30, 'Enter at least 1 minute'],
    [1441, 'One exchange can record at most 24 hours (1440 minutes)'],
    [100000, 'One exchange can record at most 24 hours (1440 minutes)'],
    [12.5, 'Use whole minutes'],
    ['60', 'Enter the time in minutes'],
  ])('refuses %s minutes with 400 naming the field', async (minutes, message) => {
    const { provider, receiver, asProvider } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'accepted' });
    const before = await countRows(ctx, LEDGER_TABLES);
    const res = await asProvider.post(url(`/${ex.id}/record`), { minutes });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'request.invalid', field: 'minutes' });
    expect(res.json().error.message).toContain(message);
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
  });

  it('refuses an exchange across communities with 404 and changes nothing', async () => {
    const elsewhere = await makeCommunity(ctx);
    const outsider = await makeMember(ctx, elsewhere, { verified: true });
    const theirOffer = await makeListing(ctx, elsewhere, outsider, { kind: 'offer' });
    const { provider, asProvider, receiver } = await pair();
    const myOffer = await makeListing(ctx, community, provider, { kind: 'offer' });
    const theirs = await makeExchange(ctx, elsewhere, outsider, await makeMember(ctx, elsewhere));
    const mine = await makeExchange(ctx, community, provider, receiver, { status: 'done' });
    const before = await countRows(ctx, LEDGER_TABLES);
    const foreignListing = await asProvider.post(url(), { listingId: theirOffer.id });
    expect(foreignListing.statusCode).toBe(404);
    const foreignPerson = await asProvider.post(url(), { listingId: myOffer.id, counterpartId: outsider.id });
    expect(foreignPerson.statusCode).toBe(404);
    expect(foreignPerson.json().error).toMatchObject({ code: 'member.not_found', field: 'counterpartId' });
    expect((await asProvider.post(url(`/${theirs.id}/accept`))).statusCode).toBe(404);
    const asOutsider = await signInAs(ctx, outsider);
    expect((await asOutsider.post(url(`/${mine.id}/confirm`))).statusCode).toBe(403);
    expect((await asOutsider.post(`/api/communities/${elsewhere.id}/exchanges/${mine.id}/confirm`)).statusCode).toBe(404);
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
  });

  it('refuses an unverified member taking a safeguarding-only request, and accepts a DBS-checked one', async () => {
    const receiver = await makeMember(ctx, community, { verified: true });
    const request = await makeListing(ctx, community, receiver, { kind: 'request', skill: 'befriending', title: 'Weekly visit for my mum' });
    const unchecked = await signInAs(ctx, await makeMember(ctx, community, { verified: true }));
    const before = await countRows(ctx, LEDGER_TABLES);
    const res = await unchecked.post(url(), { listingId: request.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('exchange.safeguarding_required');
    expect(res.json().error.message).toContain('DBS check');
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
    const lapsed = await signInAs(ctx, await makeMember(ctx, community, { dbsExpiresOn: '2025-06-01' }));
    expect((await lapsed.post(url(), { listingId: request.id })).statusCode).toBe(403);
    const checked = await signInAs(ctx, await makeMember(ctx, community, { dbsExpiresOn: '2099-01-01' }));
    expect((await checked.post(url(), { listingId: request.id })).statusCode).toBe(201);
  });

  it('refuses a suspended member, and an exchange with a suspended member', async () => {
    const suspended = await makeMember(ctx, community, { status: 'suspended', verified: true });
    const asSuspended = await signInAs(ctx, suspended);
    const { provider, asProvider } = await pair();
    const offer = await makeListing(ctx, community, provider, { kind: 'offer' });
    const ex = await makeExchange(ctx, community, provider, suspended, { status: 'done' });
    const before = await countRows(ctx, LEDGER_TABLES);
    const bySuspended = await asSuspended.post(url(), { listingId: offer.id });
    expect(bySuspended.statusCode).toBe(403);
    expect(bySuspended.json().error.code).toBe('membership.suspended');
    const withSuspended = await asProvider.post(url(), { listingId: offer.id, counterpartId: suspended.id });
    expect(withSuspended.statusCode).toBe(409);
    expect(withSuspended.json().error.code).toBe('member.unavailable');
    expect((await asSuspended.post(url(`/${ex.id}/confirm`))).statusCode).toBe(403);
    expect(await countRows(ctx, LEDGER_TABLES)).toEqual(before);
  });

  it('refuses exchanging with yourself, a duplicate proposal and a closed listing', async () => {
    const { provider, asProvider, asReceiver } = await pair();
    const offer = await makeListing(ctx, community, provider, { kind: 'offer' });
    expect((await asProvider.post(url(), { listingId: offer.id, counterpartId: provider.id })).json().error.code).toBe('exchange.self');
    expect((await asReceiver.post(url(), { listingId: offer.id })).statusCode).toBe(201);
    const twice = await asReceiver.post(url(), { listingId: offer.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('exchange.duplicate');
    const closed = await makeListing(ctx, community, provider, { kind: 'offer', status: 'closed' });
    expect((await asReceiver.post(url(), { listingId: closed.id })).json().error.code).toBe('listing.not_open');
  });

  it('needs a signed-in member: 401 without a session, 403 from another community', async () => {
    const { provider, receiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done' });
    expect((await anonymous(ctx).post(url(`/${ex.id}/confirm`))).statusCode).toBe(401);
    const outsider = await signInAs(ctx, await makeMember(ctx, await makeCommunity(ctx)));
    expect((await outsider.get(url())).statusCode).toBe(403);
  });

  it('keeps the helper from recording time before acceptance or approval', async () => {
    const { provider, receiver, asProvider } = await pair();
    const proposed = await makeExchange(ctx, community, provider, receiver);
    expect((await asProvider.post(url(`/${proposed.id}/record`), { minutes: 60 })).json().error.code).toBe('exchange.wrong_status');
    const waiting = await makeExchange(ctx, community, provider, receiver, { status: 'accepted', approval: 'pending' });
    const res = await asProvider.post(url(`/${waiting.id}/record`), { minutes: 60 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('exchange.awaiting_approval');
  });
});

describe('coordinators', () => {
  it('approve exchanges in approval categories before the work is recorded', async () => {
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { approvalCategories: ['home-garden'] });
    const provider = await makeMember(ctx, c, { verified: true });
    const receiver = await makeMember(ctx, c, { verified: true });
    const offer = await makeListing(ctx, c, provider, { kind: 'offer', skill: 'diy-repairs' });
    const asProvider = await signInAs(ctx, provider);
    const base = `/api/communities/${c.id}/exchanges`;
    const ex = (await (await signInAs(ctx, receiver)).post(base, { listingId: offer.id })).json();
    expect(ex.approval).toBe('pending');
    await asProvider.post(`${base}/${ex.id}/accept`);
    expect((await asProvider.post(`${base}/${ex.id}/record`, { minutes: 60 })).statusCode).toBe(409);
    const coord = await signInAs(ctx, c.coordinator);
    const queue = (await coord.get(`/api/communities/${c.id}/exchange-queue`)).json();
    expect(queue.approvals.map((e: { id: string }) => e.id)).toContain(ex.id);
    expect((await asProvider.post(`${base}/${ex.id}/approval`, { decision: 'approve' })).statusCode).toBe(403);
    expect((await coord.post(`${base}/${ex.id}/approval`, { decision: 'approve', note: 'Known helper' })).json().approval).toBe('approved');
    expect((await asProvider.post(`${base}/${ex.id}/record`, { minutes: 60 })).statusCode).toBe(200);
  });

  it('approve any help in someone’s home first when the community asks for that, and only that help', async () => {
    const c = await makeCommunity(ctx);
    const coord = await signInAs(ctx, c.coordinator);
    const settings = `/api/communities/${c.id}/timebank/settings`;
    expect((await coord.get(settings)).json().approvalInHome).toBe(false);
    expect((await coord.put(settings, { approvalInHome: 'yes' })).json().error.field).toBe('approvalInHome');
    const receiver = await makeMember(ctx, c, { verified: true });
    expect((await (await signInAs(ctx, receiver)).put(settings, { approvalInHome: true })).statusCode).toBe(403);
    expect((await coord.get(settings)).json().approvalInHome).toBe(false);
    expect((await coord.put(settings, { approvalInHome: true })).json()).toMatchObject({ approvalInHome: true, approvalCategories: [] });

    const provider = await makeMember(ctx, c, { verified: true });
    const atHome = await makeListing(ctx, c, provider, { kind: 'offer', skill: 'diy-repairs', place: 'in_someones_home' });
    const online = await makeListing(ctx, c, provider, { kind: 'offer', skill: 'computer-help', place: 'online' });
    const asReceiver = await signInAs(ctx, receiver);
    expect((await asReceiver.get(`/api/communities/${c.id}/listings/${atHome.id}`)).json().needsApproval).toBe(true);
    expect((await asReceiver.get(`/api/communities/${c.id}/listings/${online.id}`)).json().needsApproval).toBe(false);
    const base = `/api/communities/${c.id}/exchanges`;
    const home = (await asReceiver.post(base, { listingId: atHome.id })).json();
    const away = (await asReceiver.post(base, { listingId: online.id })).json();
    expect([home.approval, away.approval]).toEqual(['pending', 'not_needed']);
    const queue = (await coord.get(`/api/communities/${c.id}/exchange-queue`)).json();
    expect(queue.approvals.map((e: { id: string }) => e.id)).toEqual([home.id]);
  });

  it('resolve a dispute, posting the decided minutes and writing negative evidence against the side upheld against', async () => {
    const { provider, receiver, asReceiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 240 });
    const short = await asReceiver.post(url(`/${ex.id}/dispute`), { reason: 'Too short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.field).toBe('reason');
    expect((await asReceiver.post(url(`/${ex.id}/dispute`), { reason: 'They only stayed for one hour, not four.' })).json().status).toBe('disputed');
    const queue = (await coordinator.get(`/api/communities/${community.id}/exchange-queue`)).json();
    expect(queue.disputes.map((e: { id: string }) => e.id)).toContain(ex.id);
    const resolved = await coordinator.post(url(`/${ex.id}/resolution`), { minutes: 60, upheldAgainst: 'provider', note: 'Both agree the visit lasted one hour.' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', confirmedMinutes: 60, upheldAgainst: provider.id });
    expect(await balanceOf(provider)).toBe(60);
    const [negative] = await ctx.database.query<{ actor_id: string; subject_id: string; weight: number }>(
      "SELECT actor_id, subject_id, weight FROM interactions WHERE source_id = $1 AND kind = 'dispute_upheld'", [ex.id]);
    expect(negative).toMatchObject({ actor_id: receiver.id, subject_id: provider.id });
    expect(negative.weight).toBeLessThan(0);
  });

  it('record an exchange by proxy for an offline member, marked as such', async () => {
    const { provider, receiver } = await pair();
    const body = { providerId: provider.id, receiverId: receiver.id, onBehalfOf: receiver.id, skillId: await skillIdOf(ctx, 'computer-help'), minutes: 75, occurredOn: '2026-03-02', description: 'Set up her tablet' };
    const asMember = await signInAs(ctx, provider);
    expect((await asMember.post(url('/proxy'), body)).statusCode).toBe(403);
    expect((await coordinator.post(url('/proxy'), { ...body, onBehalfOf: community.coordinator.id })).json().error.field).toBe('onBehalfOf');
    const care = await coordinator.post(url('/proxy'), { ...body, skillId: await skillIdOf(ctx, 'home-visits') });
    expect(care.json().error.code).toBe('exchange.safeguarding_required');
    const res = await coordinator.post(url('/proxy'), body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'confirmed', confirmedHow: 'proxy', confirmedMinutes: 75, proxyRecordedBy: { id: community.coordinator.id } });
    expect(res.json().events[0]).toMatchObject({ kind: 'proxy_recorded', onBehalfOf: { id: receiver.id } });
    expect(await balanceOf(receiver)).toBe(-75);
  });

  it('act for an organisation through its agents', async () => {
    const agent = await makeMember(ctx, community, { verified: true });
    const org = await makeOrganisation(ctx, community, { agents: [agent] });
    const helper = await makeMember(ctx, community, { verified: true });
    const request = await makeListing(ctx, community, org, { kind: 'request', skill: 'event-helping' });
    const ex = (await (await signInAs(ctx, helper)).post(url(), { listingId: request.id })).json();
    const asAgent = await signInAs(ctx, agent);
    expect((await asAgent.post(url(`/${ex.id}/accept`))).json().status).toBe('accepted');
    await (await signInAs(ctx, helper)).post(url(`/${ex.id}/record`), { minutes: 180 });
    expect((await asAgent.post(url(`/${ex.id}/confirm`))).json().status).toBe('confirmed');
    expect(await balanceOf(org)).toBe(-180);
  });
});

describe('references', () => {
  it('each side leaves one reference after confirmation; it shows on the profile and feeds trust', async () => {
    const { provider, receiver, asProvider, asReceiver } = await pair();
    const ex = await makeExchange(ctx, community, provider, receiver, { status: 'done', recordedMinutes: 60 });
    expect((await asReceiver.post(url(`/${ex.id}/references`), { body: 'Too early', wouldExchangeAgain: true })).json().error.code).toBe('exchange.wrong_status');
    await asReceiver.post(url(`/${ex.id}/confirm`));
    const res = await asReceiver.post(url(`/${ex.id}/references`), { body: 'Lovely job on the hedge', wouldExchangeAgain: true });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ author: { id: receiver.id }, subject: { id: provider.id } });
    const twice = await asReceiver.post(url(`/${ex.id}/references`), { body: 'Again', wouldExchangeAgain: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('exchange.already_referenced');
    expect((await asProvider.post(url(`/${ex.id}/references`), { body: 'Kept me waiting', wouldExchangeAgain: false })).statusCode).toBe(201);
    const profile = (await asProvider.get(`/api/communities/${community.id}/members/${provider.id}/references`)).json();
    expect(profile).toMatchObject({ confirmedExchanges: 1, wouldExchangeAgain: 1 });
    expect(profile.references[0].body).toBe('Lovely job on the hedge');
    const kinds = await ctx.database.query<{ kind: string }>("SELECT kind FROM interactions WHERE source_type = 'reference' AND actor_id IN ($1, $2) ORDER BY kind", [provider.id, receiver.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['reference', 'reference_negative']);
  });
});
