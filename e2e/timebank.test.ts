// The time bank in a real browser against the real API: two neighbours agree an exchange, the
// helper records 1 hour 30 minutes, the person helped confirms, and both statements show it.
// Then a tour of the time bank's pages, each scanned by axe-core and photographed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { todayIn } from '../server/features/verification/dates.ts';
import { makeExchange, makeListing, setTimebank, signInAs, skillIdOf, type TestUser } from '../test/factories.ts';
import { launchBrowser, newContext, screenshot, seriousViolations, settle, signInContext, startKith, type Kith } from './harness.ts';
import { seedWorld, type World } from './seed.ts';

type Persona = 'margaret' | 'samir' | 'lena' | 'coordinator';
type Seeded = { lenaRequestId: string; owenOfferId: string; disputedId: string };

/** Offers, requests, an exchange waiting for approval, a dispute and a gift to the fund, around the two test neighbours. */
async function seedTimebank(kith: Kith, world: World): Promise<Seeded> {
  const ctx = kith.ctx;
  const community = { id: world.communityId };
  const person = async (name: string): Promise<TestUser> => {
    const [row] = await ctx.database.query<{ id: string }>('SELECT id FROM users WHERE display_name = $1', [name]);
    return { id: row.id, email: '', displayName: name };
  };
  const [grace, owen, lena, peter] = await Promise.all(['Grace Okonkwo', 'Owen Price', 'Lena Kowalska', 'Peter Walsh'].map(person));
  // This community checks garden work in people's homes before it happens.
  await setTimebank(ctx, community, { approvalCategories: ['home-garden'] });
  // Help in someone's home needs a verified helper: a coordinator met Owen in person.
  const asCoordinator = await signInAs(ctx, world.coordinator);
  expect((await asCoordinator.post(`/api/communities/${community.id}/members/${owen.id}/verifications`, { kind: 'identity_address', checkedOn: todayIn(), note: 'Met at the community hall' })).statusCode).toBe(201);
  const near = (dLat: number, dLng: number) => ({ lat: 51.5 + dLat, lng: -0.1 + dLng });
  const owenOffer = await makeListing(ctx, community, owen, {
    kind: 'offer', title: 'Garden tidy-ups and lawn mowing', skill: 'gardening', description: 'I bring my own mower and tools.', availability: 'Saturday mornings', place: 'in_someones_home', durationMinutes: 120, ...near(0.003, 0.002),
  });
  await makeListing(ctx, community, grace, {
    kind: 'offer', title: 'A weekly visit for tea and a chat', skill: 'befriending', description: 'I am a nurse and DBS checked.', availability: 'Weekday afternoons', place: 'in_someones_home', durationMinutes: 60, ...near(-0.002, 0.004),
  });
  const lenaRequest = await makeListing(ctx, community, lena, {
    kind: 'request', title: 'Help getting my garden ready for spring', skill: 'gardening', description: 'Weeding and planting; I have two small children so an extra pair of hands would be lovely.', availability: 'Saturday mornings', place: 'in_someones_home', durationMinutes: 180, ...near(0.001, -0.003),
  });
  await makeListing(ctx, community, lena, { kind: 'request', title: 'English conversation over coffee', skill: 'english-conversation', availability: 'Weekday mornings', place: 'in_public', durationMinutes: 60 });

  // Lena answers Owen's offer: garden work waits for a coordinator.
  const asLena = await signInAs(ctx, lena);
  const proposed = await asLena.post(`/api/communities/${community.id}/exchanges`, { listingId: owenOffer.id, description: 'Could you help with the hedge as well?' });
  expect(proposed.statusCode).toBe(201);
  // Grace recorded two hours with Peter, who says it was much shorter.
  const disputed = await makeExchange(ctx, community, grace, peter, { status: 'done', recordedMinutes: 120, skill: 'befriending' });
  const dispute = await (await signInAs(ctx, peter)).post(`/api/communities/${community.id}/exchanges/${disputed.id}/dispute`, { reason: 'Grace stayed about twenty minutes, not two hours.' });
  expect(dispute.statusCode).toBe(200);
  // Grace earned hours visiting Lena, gives some to the fund, and a coordinator grants from it.
  const visits = await makeExchange(ctx, community, grace, lena, { status: 'done', recordedMinutes: 180, skill: 'befriending' });
  expect((await asLena.post(`/api/communities/${community.id}/exchanges/${visits.id}/confirm`)).statusCode).toBe(200);
  expect((await (await signInAs(ctx, grace)).post(`/api/communities/${community.id}/ledger/donations`, { minutes: 120, note: 'For whoever needs it' })).statusCode).toBe(201);
  expect((await asCoordinator.post(`/api/communities/${community.id}/ledger/grants`, { userId: peter.id, minutes: 60, reason: 'Thank you for clearing the church path' })).statusCode).toBe(201);
  return { lenaRequestId: lenaRequest.id, owenOfferId: owenOffer.id, disputedId: disputed.id };
}

// Browser steps are slow on a busy machine; each test gets room beyond the usual 30 s.
describe('the time bank in the browser', { timeout: 180_000 }, () => {
  let kith: Kith;
  let browser: Browser;
  let world: World;
  let seeded: Seeded;
  let exchangePath = '';
  const contexts = {} as Record<Persona, BrowserContext>;
  const pages = {} as Record<Persona, Page>;

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
    world = await seedWorld(kith);
    seeded = await seedTimebank(kith, world);
    const [lena] = await kith.ctx.database.query<{ id: string }>('SELECT id FROM users WHERE display_name = $1', ['Lena Kowalska']);
    const who: Record<Persona, { id: string }> = { margaret: world.member, samir: world.neighbour, lena, coordinator: world.coordinator };
    for (const persona of Object.keys(who) as Persona[]) {
      contexts[persona] = await newContext(browser, kith);
      await signInContext(contexts[persona], kith, who[persona]);
      pages[persona] = await contexts[persona].newPage();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it('two neighbours agree an exchange, one records 1 hour 30 minutes, the other confirms, and both statements show it', async () => {
    const { samir, margaret } = pages;

    // Samir offers help with phones.
    await samir.goto('/timebank/listings/new?kind=offer');
    await settle(samir);
    await samir.getByLabel('What can you do?').fill('Help with phones and tablets');
    await samir.getByLabel('Tell people more').fill('Setting up email, video calls with family, larger text.');
    await samir.getByLabel('Kind of help').selectOption(String(await skillIdOf(kith.ctx, 'smartphone-help')));
    await samir.getByLabel('Online or by phone').check();
    await samir.getByLabel('When are you free?').fill('Weekday evenings');
    await samir.getByRole('button', { name: 'Post it' }).click();
    await samir.getByText('Your offer is now open.').waitFor();

    // Margaret finds it and asks for the help.
    await margaret.goto('/timebank');
    await settle(margaret);
    await margaret.getByLabel('Words to look for').fill('tablets');
    await margaret.getByRole('button', { name: 'Search' }).click();
    await margaret.getByRole('link', { name: 'Help with phones and tablets' }).click();
    await settle(margaret);
    await margaret.getByLabel('Your message').fill('My grandson set up video calls but I have forgotten how they work.');
    await margaret.getByRole('button', { name: 'Ask for this help' }).click();
    await margaret.waitForURL(/\/timebank\/exchanges\/[0-9a-f-]{36}$/);
    exchangePath = new URL(margaret.url()).pathname;
    await margaret.getByText('Waiting for Samir Haddad to say yes or no.').waitFor();

    // Samir sees it is his turn, says yes, and after helping records the time.
    await samir.goto('/timebank/exchanges');
    await settle(samir);
    await samir.getByText('Your turn: say yes or no').waitFor();
    await samir.getByRole('link', { name: 'Smartphone and tablet help with Margaret Jones' }).click();
    await settle(samir);
    await samir.getByRole('button', { name: /Yes, let/ }).click();
    await samir.getByText('You said yes.').waitFor();
    expect(await seriousViolations(samir)).toEqual([]);
    await screenshot(samir, 'timebank-exchange-record');
    const record = samir.getByRole('form', { name: 'Record the time' });
    await record.getByLabel('Hours').fill('1');
    await record.getByLabel('Minutes').fill('30');
    await record.getByLabel('Anything to add').fill('Video calls set up and practised twice.');
    await record.getByRole('button', { name: 'Record the time' }).click();
    await samir.getByText('You recorded 1 hour 30 minutes. Margaret Jones will be asked to confirm it.').waitFor();
    // The confirmation takes focus, so a screen reader announces it.
    expect(await samir.evaluate(() => document.activeElement?.classList.contains('notice--success'))).toBe(true);

    // Margaret confirms the time.
    await margaret.goto(exchangePath);
    await settle(margaret);
    await margaret.getByText('Samir Haddad recorded 1 hour 30 minutes.').waitFor();
    await margaret.getByText('The time is not right…').click();
    expect(await seriousViolations(margaret)).toEqual([]);
    await screenshot(margaret, 'timebank-exchange-confirm');
    await margaret.getByRole('button', { name: 'Confirm 1 hour 30 minutes' }).click();
    await margaret.getByText('Confirmed. 1 hour 30 minutes has moved to Samir Haddad. Thank you.').waitFor();

    // Both statements show it: out of Margaret's balance, into Samir's.
    for (const [page, amount, balance] of [[margaret, '\u22121 hour 30 minutes', '\u22121 hour 30 minutes'], [samir, '+1 hour 30 minutes', '1 hour 30 minutes']] as const) {
      await page.goto('/timebank/statement');
      await settle(page);
      const row = page.locator('tbody tr').filter({ hasText: 'Smartphone and tablet help' });
      await row.waitFor();
      expect(await row.locator('td.num').first().innerText()).toBe(amount);
      await expect.poll(() => page.getByTestId('balance').innerText()).toBe(balance);
    }
    const [sum] = await kith.ctx.database.query<{ total: number; n: number }>(
      `SELECT coalesce(sum(e.amount), 0)::int AS total, count(*)::int AS n FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id WHERE t.exchange_id = $1`,
      [exchangePath.split('/').pop()],
    );
    expect(sum).toEqual({ total: 0, n: 2 });

    // Margaret leaves a reference.
    await margaret.goto(exchangePath);
    await settle(margaret);
    await margaret.getByLabel('Your reference').fill('Samir was patient and explained everything twice.');
    await margaret.getByRole('button', { name: 'Save the reference' }).click();
    await margaret.getByText('Thank you. Your reference for Samir Haddad is saved.').waitFor();
    await margaret.getByText('Samir was patient and explained everything twice.').waitFor();
  });

  it('shows the reference on the profile of the member it is about, to others and to themselves', async () => {
    const { lena, samir } = pages;
    // Lena, who had nothing to do with the exchange, reads Samir's profile.
    await lena.goto(`/members/${world.neighbour.id}`);
    await settle(lena);
    const panel = lena.getByRole('region', { name: 'What neighbours say' });
    await panel.getByText('Samir was patient and explained everything twice.').waitFor();
    expect(await panel.getByTestId('references-summary').innerText()).toBe('Samir Haddad has done 1 confirmed exchange in the time bank. 1 reference so far.');
    const reference = panel.getByRole('list', { name: 'References for Samir Haddad' }).getByRole('listitem');
    expect(await reference.count()).toBe(1);
    await reference.getByText('From Margaret Jones').waitFor();
    await reference.getByText('Would exchange again').waitFor();
    expect(await reference.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await seriousViolations(lena)).toEqual([]);
    await screenshot(lena, 'timebank-profile-references');

    // Samir sees it on his own profile as others see it.
    await samir.goto(`/members/${world.neighbour.id}`);
    await settle(samir);
    await samir.getByRole('region', { name: 'What neighbours say' }).getByText('Samir was patient and explained everything twice.').waitFor();
    await samir.getByText('You have done 1 confirmed exchange in the time bank.').waitFor();

    // Margaret has not been given a reference yet: the panel says so and how one comes about.
    await lena.goto(`/members/${world.member.id}`);
    await settle(lena);
    await lena.getByText('Nobody has left Margaret Jones a reference yet.', { exact: false }).waitFor();
    expect(await seriousViolations(lena)).toEqual([]);
  });

  it('shows the totals a person relies on: exchanges by status, and what a chosen period on the statement adds up to', async () => {
    const { margaret } = pages;
    await margaret.goto('/timebank/exchanges');
    await settle(margaret);
    const counts = margaret.getByRole('navigation', { name: 'Exchanges by where they are' });
    await counts.getByRole('link', { name: 'Confirmed: 1' }).waitFor();
    // The current filter is marked for screen readers; the mark follows the click once the page re-renders.
    await counts.locator('a[aria-current="true"]', { hasText: 'All: 1' }).waitFor();
    await counts.getByRole('link', { name: 'Confirmed: 1' }).click();
    await margaret.waitForURL(/status=confirmed/);
    await counts.locator('a[aria-current="true"]', { hasText: 'Confirmed: 1' }).waitFor();
    expect(await counts.locator('a[aria-current="true"]').count()).toBe(1);
    await margaret.getByText('Smartphone and tablet help with Samir Haddad').waitFor();

    // Today's totals on Margaret's statement: she started at nothing and received 1 hour 30 minutes.
    const today = todayIn();
    await margaret.goto(`/timebank/statement?from=${today}&to=${today}`);
    await settle(margaret);
    const totals = margaret.getByRole('region', { name: /^Totals from / });
    await totals.getByTestId('period-closing').waitFor();
    expect(await totals.getByTestId('period-opening').innerText()).toBe('0 minutes');
    expect(await totals.getByTestId('period-closing').innerText()).toBe('\u22121 hour 30 minutes');
    expect(await totals.getByTestId('period-received').innerText()).toBe('1 hour 30 minutes');
    expect(await totals.getByTestId('period-given').innerText()).toBe('0 minutes');
    expect(await seriousViolations(margaret)).toEqual([]);
    await screenshot(margaret, 'timebank-statement-period');

    // A period that ends before it starts is explained, not added up.
    await margaret.goto('/timebank/statement?from=2026-03-01&to=2026-02-01');
    await settle(margaret);
    await margaret.getByText('The end date is before the start date.').waitFor();
  });

  type Stop = { name: string; as: Persona; path: () => string; ready?: (page: Page) => Promise<unknown> };
  const TOUR: Stop[] = [
    { name: 'timebank-browse', as: 'margaret', path: () => '/timebank', ready: (page) => page.getByText('Garden tidy-ups and lawn mowing').waitFor() },
    { name: 'timebank-offer', as: 'margaret', path: () => `/timebank/listings/${seeded.owenOfferId}`, ready: (page) => page.getByRole('button', { name: 'Ask for this help' }).waitFor() },
    { name: 'timebank-request-helpers', as: 'lena', path: () => `/timebank/listings/${seeded.lenaRequestId}`, ready: (page) => page.getByRole('button', { name: 'Ask Owen Price' }).waitFor() },
    { name: 'timebank-new', as: 'margaret', path: () => '/timebank/listings/new?kind=request' },
    { name: 'timebank-exchange', as: 'margaret', path: () => exchangePath, ready: (page) => page.getByText('What has happened').waitFor() },
    { name: 'timebank-exchanges', as: 'margaret', path: () => '/timebank/exchanges', ready: (page) => page.getByText('Smartphone and tablet help with Samir Haddad').waitFor() },
    { name: 'timebank-statement', as: 'margaret', path: () => '/timebank/statement', ready: (page) => page.locator('tbody tr').first().waitFor() },
    { name: 'timebank-fund', as: 'margaret', path: () => '/timebank/fund', ready: (page) => page.getByText('For whoever needs it').waitFor() },
    { name: 'timebank-messages', as: 'samir', path: () => '/timebank/messages', ready: (page) => page.getByText(/New exchange proposed/).first().waitFor() },
    { name: 'timebank-coordinator-queue', as: 'coordinator', path: () => '/timebank/coordinator', ready: (page) => page.getByText('Befriending: Grace Okonkwo helping Peter Walsh').waitFor() },
    { name: 'timebank-coordinator-dispute', as: 'coordinator', path: () => `/timebank/exchanges/${seeded.disputedId}`, ready: (page) => page.getByRole('heading', { name: 'Settle the disagreement' }).waitFor() },
    { name: 'timebank-coordinator-record', as: 'coordinator', path: () => '/timebank/coordinator/record' },
    { name: 'timebank-coordinator-group', as: 'coordinator', path: () => '/timebank/coordinator/group' },
    { name: 'timebank-coordinator-grants', as: 'coordinator', path: () => '/timebank/coordinator/grants', ready: (page) => page.getByText(/The fund holds/).waitFor() },
    { name: 'timebank-coordinator-corrections', as: 'coordinator', path: () => '/timebank/coordinator/corrections', ready: (page) => page.getByText('Thank you for clearing the church path').waitFor() },
    { name: 'timebank-coordinator-settings', as: 'coordinator', path: () => '/timebank/coordinator/settings', ready: (page) => page.getByLabel('Classic time bank').waitFor() },
    { name: 'timebank-coordinator-report', as: 'coordinator', path: () => '/timebank/coordinator/report', ready: (page) => page.getByText('The ledger adds up').waitFor() },
  ];

  it.each(TOUR)('$name page ($as) has no serious accessibility problems', async (stop) => {
    const page = pages[stop.as];
    await page.goto(stop.path());
    await settle(page);
    await stop.ready?.(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, stop.name);
  });

  it('a coordinator approves, settles a disagreement, records for an offline member and reverses a mistake', async () => {
    const page = pages.coordinator;
    // Approve Lena's garden exchange from the queue.
    await page.goto('/timebank/coordinator');
    await settle(page);
    await page.getByRole('link', { name: 'Gardening: Owen Price helping Lena Kowalska' }).click();
    await settle(page);
    await page.getByRole('button', { name: 'Save the decision' }).click();
    await page.getByText('Approved. Both of them have been told.').waitFor();

    // Settle Grace and Peter's disagreement at 20 minutes.
    await page.goto(`/timebank/exchanges/${seeded.disputedId}`);
    await settle(page);
    const settleForm = page.getByRole('form', { name: 'Settle the disagreement' });
    await settleForm.getByLabel('Hours').fill('0');
    await settleForm.getByLabel('Minutes').fill('20');
    await settleForm.getByLabel('Your decision, for both of them').fill('Spoke to both: a short visit of about twenty minutes.');
    await settleForm.getByRole('button', { name: 'Settle it' }).click();
    await page.getByText('Settled. Both of them have been told.').waitFor();
    await page.getByText('A coordinator settled this. 20 minutes was recorded.').waitFor();

    // Record an hour of gardening Owen did for Peter, who is not online.
    await page.goto('/timebank/coordinator/record');
    await settle(page);
    await page.getByLabel('Find the helper by name').fill('Owen');
    await page.getByText('1 member in the list below.').first().waitFor();
    await page.getByLabel('Helper', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Find the person helped by name').fill('Peter');
    await page.getByText('1 member in the list below.').nth(1).waitFor();
    await page.getByLabel('Person helped', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('The person helped', { exact: true }).check();
    await page.getByLabel('Kind of help').selectOption(String(await skillIdOf(kith.ctx, 'gardening')));
    await page.getByLabel('Hours').fill('1');
    await page.getByLabel('Minutes').fill('0');
    await page.getByRole('button', { name: 'Record the exchange' }).click();
    await page.getByText('1 hour recorded: Owen Price helped Peter Walsh.').waitFor();

    // It was a mistake: reverse it, with the reason on record.
    await page.goto('/timebank/coordinator/corrections');
    await settle(page);
    await page.getByRole('button', { name: 'Reverse Exchange: 1 hour' }).first().click();
    await page.getByLabel('Reason for the reversal').fill('Recorded twice by mistake.');
    await page.getByRole('button', { name: 'Reverse the hours' }).click();
    await page.getByText('The hours have been reversed.').first().waitFor();
    const [check] = await kith.ctx.database.query<{ total: number }>('SELECT coalesce(sum(amount), 0)::int AS total FROM ledger_entries WHERE community_id = $1', [world.communityId]);
    expect(check.total).toBe(0);
  });

  it('shows a form error beside the hours and minutes, accessibly', async () => {
    const page = pages.margaret;
    await page.goto('/timebank/fund');
    await settle(page);
    await page.getByRole('button', { name: 'Give these hours' }).click();
    await page.getByText('There is a problem').waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('notice--error'))).toBe(true);
    expect(await page.getByText('Enter at least 1 minute').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'timebank-form-error');
  });

  it('tells a member without a DBS check what a request for work with children needs, instead of the form', async () => {
    const page = pages.lena;
    const request = await makeListing(kith.ctx, { id: world.communityId }, world.member, { kind: 'request', title: 'Reading with my granddaughter after school', skill: 'reading-together', place: 'at_home' });
    await page.goto(`/timebank/listings/${request.id}`);
    await settle(page);
    await page.getByText('You cannot help with this yet').waitFor();
    await page.getByText('It is work with children.').waitFor();
    await page.getByText('Ask a coordinator about a DBS check.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Offer to help' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('works on a phone-sized screen', async () => {
    const context = await newContext(browser, kith, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInContext(context, kith, world.member);
    const page = await context.newPage();
    await page.goto(exchangePath);
    await settle(page);
    await page.getByText('What has happened').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'timebank-exchange-mobile');
    await context.close();
  });
});
