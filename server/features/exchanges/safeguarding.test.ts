// The helper rule itself, and the checks exchanges make with it: a check that lapses between
// accepting and recording the time is caught when the time is recorded.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { countRows, makeCommunity, makeListing, makeMember, setTimebank, signInAs, skillIdOf, type TestCommunity } from '../../../test/factories.ts';
import { AppError } from '../../lib/errors.ts';
import { getSettings } from '../ledger/settings.ts';
import { addDays, todayIn } from '../verification/dates.ts';
import { findExchange } from './queries.ts';
import { helperNeed, meetsNeed, requireExchangeHelper, requireSafeguarded } from './safeguarding.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const defaults = { safeguardingCategories: ['care-company'], homeVisitLevel: 'verified' as const };

describe('the rule', () => {
  it.each([
    [{ category: 'home-garden', worksWith: null, place: 'in_public' }, null],
    [{ category: 'home-garden', worksWith: null, place: null }, null],
    [{ category: 'home-garden', worksWith: null, place: 'in_someones_home' }, { level: 'verified', reasons: ['in_someones_home'] }],
    [{ category: 'home-garden', worksWith: null, place: 'at_home' }, null],
    [{ category: 'learning', worksWith: 'children', place: 'online' }, { level: 'safeguarding-checked', reasons: ['children'] }],
    [{ category: 'care-company', worksWith: 'vulnerable_adults', place: 'in_someones_home' }, { level: 'safeguarding-checked', reasons: ['vulnerable_adults', 'category', 'in_someones_home'] }],
    [{ category: 'care-company', worksWith: null, place: 'in_public' }, { level: 'safeguarding-checked', reasons: ['category'] }],
  ] as const)('%o needs %o', (work, need) => {
    expect(helperNeed(defaults, work)).toEqual(need);
  });

  it("lets a community choose the level for homes, but never drop the check for children", () => {
    const home = { category: 'home-garden', worksWith: null, place: 'in_someones_home' } as const;
    expect(helperNeed({ ...defaults, homeVisitLevel: 'registered' }, home)).toBeNull();
    expect(helperNeed({ ...defaults, homeVisitLevel: 'vouched' }, home)).toEqual({ level: 'vouched', reasons: ['in_someones_home'] });
    expect(helperNeed({ safeguardingCategories: [], homeVisitLevel: 'registered' }, { category: 'learning', worksWith: 'children', place: 'in_someones_home' })?.level).toBe('safeguarding-checked');
  });

  it('compares levels in order, and an unknown helper meets nothing', () => {
    const need = { level: 'verified' as const, reasons: ['in_someones_home' as const] };
    expect([meetsNeed('registered', need), meetsNeed('vouched', need), meetsNeed('verified', need), meetsNeed('safeguarding-checked', need), meetsNeed(undefined, need)]).toEqual([false, false, true, true, false]);
    expect(meetsNeed(undefined, null)).toBe(true);
  });
});

/** An accepted exchange from a request: `helper` helps `asker` with `skill` at `place`. */
async function acceptedExchange(c: TestCommunity, skill: string, place: 'in_someones_home' | 'online', helper: { id: string }) {
  const asker = await makeMember(ctx, c);
  const request = await makeListing(ctx, c, asker, { kind: 'request', skill, place });
  const proposed = await (await signInAs(ctx, helper)).post(`/api/communities/${c.id}/exchanges`, { listingId: request.id });
  expect(proposed.statusCode).toBe(201);
  const accepted = await (await signInAs(ctx, asker)).post(`/api/communities/${c.id}/exchanges/${proposed.json().id}/accept`);
  expect(accepted.statusCode).toBe(200);
  return (await findExchange(ctx.db, c.id, proposed.json().id))!.ex;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('an exchange already agreed', () => {
  it('is stopped when the helper’s DBS check lapses before the time is recorded', async () => {
    const c = await makeCommunity(ctx);
    const today = todayIn();
    const helper = await makeMember(ctx, c, { dbsExpiresOn: addDays(today, 5), displayName: 'Harriet Helper' });
    const ex = await acceptedExchange(c, 'homework-help', 'online', helper);
    const settings = await getSettings(ctx.db, c.id);

    await expect(requireExchangeHelper(ctx.db, c.id, settings, ex, helper.id, today)).resolves.toBeUndefined();
    const lapsed = await refusal(requireExchangeHelper(ctx.db, c.id, settings, ex, helper.id, addDays(today, 5)));
    expect(lapsed).toMatchObject({ code: 'exchange.safeguarding_required', message: expect.stringMatching(/^Helping with homework help needs you to be safeguarding-checked.*children/) });
    // Said to someone else (a coordinator or the person helped), it names the helper.
    const toOthers = await refusal(requireExchangeHelper(ctx.db, c.id, settings, ex, c.coordinator.id, addDays(today, 30)));
    expect(toOthers.message).toMatch(/^Harriet Helper cannot help with homework help yet/);
  });

  it("is stopped when the community raises the level for homes after it was agreed", async () => {
    const c = await makeCommunity(ctx);
    const helper = await makeMember(ctx, c, { verified: true });
    const ex = await acceptedExchange(c, 'diy-repairs', 'in_someones_home', helper);
    await expect(requireExchangeHelper(ctx.db, c.id, await getSettings(ctx.db, c.id), ex, helper.id)).resolves.toBeUndefined();
    await setTimebank(ctx, c, { homeVisitLevel: 'safeguarding-checked' });
    const raised = await refusal(requireExchangeHelper(ctx.db, c.id, await getSettings(ctx.db, c.id), ex, helper.id));
    expect(raised).toMatchObject({ code: 'exchange.safeguarding_required', message: expect.stringMatching(/someone's home/) });
  });
});

describe('checks by skill and place', () => {
  it("refuses an unverified helper in someone's home, and anyone unchecked for work with children", async () => {
    const c = await makeCommunity(ctx);
    const settings = await getSettings(ctx.db, c.id);
    const newcomer = await makeMember(ctx, c);
    const diy = { id: await skillIdOf(ctx, 'diy-repairs'), label: 'Small DIY repairs', category: 'home-garden' };
    const verification = await refusal(requireSafeguarded(ctx.db, c.id, settings, diy, newcomer.id, newcomer.id, 'in_someones_home'));
    expect(verification.code).toBe('exchange.verification_required');
    await expect(requireSafeguarded(ctx.db, c.id, settings, diy, newcomer.id, newcomer.id, 'in_public')).resolves.toBeUndefined();
    const reading = { id: await skillIdOf(ctx, 'reading-together'), label: 'Reading together', category: 'learning' };
    expect((await refusal(requireSafeguarded(ctx.db, c.id, settings, reading, newcomer.id, newcomer.id))).code).toBe('exchange.safeguarding_required');
  });

  it('applies to a coordinator recording by proxy work with children', async () => {
    const c = await makeCommunity(ctx);
    const provider = await makeMember(ctx, c, { verified: true });
    const receiver = await makeMember(ctx, c);
    const body = { providerId: provider.id, receiverId: receiver.id, onBehalfOf: receiver.id, skillId: await skillIdOf(ctx, 'homework-help'), minutes: 60, occurredOn: todayIn(), description: 'Maths homework' };
    const res = await (await signInAs(ctx, c.coordinator)).post(`/api/communities/${c.id}/exchanges/proxy`, body);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('exchange.safeguarding_required');
  });
});

describe('each step of an exchange', () => {
  const url = (c: TestCommunity, path = '') => `/api/communities/${c.id}/exchanges${path}`;

  it("refuses a proposal to help in someone's home from an unverified member, and takes one from a verified member", async () => {
    const c = await makeCommunity(ctx);
    const request = await makeListing(ctx, c, await makeMember(ctx, c), { kind: 'request', skill: 'diy-repairs', place: 'in_someones_home' });
    const before = await countRows(ctx, ['exchanges']);
    const refused = await (await signInAs(ctx, await makeMember(ctx, c))).post(url(c), { listingId: request.id });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('exchange.verification_required');
    expect(await countRows(ctx, ['exchanges'])).toEqual(before);
    expect((await (await signInAs(ctx, await makeMember(ctx, c, { verified: true }))).post(url(c), { listingId: request.id })).statusCode).toBe(201);
  });

  it('refuses to accept once the helper no longer meets what the help needs', async () => {
    const c = await makeCommunity(ctx);
    const helper = await makeMember(ctx, c, { verified: true });
    const offer = await makeListing(ctx, c, helper, { kind: 'offer', skill: 'diy-repairs', place: 'in_someones_home' });
    const proposed = await (await signInAs(ctx, await makeMember(ctx, c))).post(url(c), { listingId: offer.id });
    expect(proposed.statusCode).toBe(201);
    await setTimebank(ctx, c, { homeVisitLevel: 'safeguarding-checked' });
    const accept = await (await signInAs(ctx, helper)).post(url(c, `/${proposed.json().id}/accept`));
    expect(accept.statusCode).toBe(403);
    expect(accept.json().error.code).toBe('exchange.safeguarding_required');
    expect((await findExchange(ctx.db, c.id, proposed.json().id))!.ex.status).toBe('proposed');
  });

  it("refuses to record the time when the helper's DBS check lapsed after the exchange was accepted", async () => {
    const c = await makeCommunity(ctx);
    const helper = await makeMember(ctx, c, { dbsExpiresOn: addDays(todayIn(), 3) });
    const accepted = await acceptedExchange(c, 'homework-help', 'online', helper);
    const asHelper = await signInAs(ctx, helper);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 4 * 86_400_000);
      // Signed in on the later day (PGlite's clock moves with the test's).
      const record = await (await signInAs(ctx, helper)).post(url(c, `/${accepted.id}/record`), { minutes: 60 });
      expect(record.statusCode).toBe(403);
      expect(record.json().error).toMatchObject({ code: 'exchange.safeguarding_required', message: expect.stringMatching(/DBS check/) });
    } finally {
      vi.useRealTimers();
    }
    expect((await findExchange(ctx.db, c.id, accepted.id))!.ex).toMatchObject({ status: 'accepted', recordedMinutes: null });
    expect((await asHelper.post(url(c, `/${accepted.id}/record`), { minutes: 60 })).statusCode).toBe(200);
  });
});
