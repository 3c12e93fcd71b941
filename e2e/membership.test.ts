import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeCommunity, TEST_PASSWORD, type TestCommunity } from '../test/factories.ts';
import { launchBrowser, newContext, settle, startKith, type Kith } from './harness.ts';

/** Signs in through the real form, as a person would. */
async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await settle(page);
}

/** As coordinator: open a member's checks and record an in-person identity and address check. */
async function recordIdentityCheck(page: Page, name: string) {
  await page.getByRole('link', { name: 'Members and checks' }).click();
  await settle(page);
  await page.getByRole('button', { name: `Checks and standing: ${name}` }).click();
  const form = page.getByRole('form', { name: `Record a check for ${name}` });
  await form.getByLabel('Identity and address check').check();
  await form.getByRole('button', { name: 'Record the check' }).click();
  await expect.poll(() => page.getByText(`Check recorded. ${name} is now: Verified.`).count()).toBe(1);
}

/** As a member: search the directory for `name` and return the text of their card. */
async function directoryCard(page: Page, name: string) {
  await page.getByRole('link', { name: 'Find neighbours', exact: true }).first().click();
  await settle(page);
  await page.getByRole('searchbox', { name: 'Name or words' }).fill(name);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === name);
  await settle(page);
  const card = page.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: name });
  await card.waitFor();
  return card.innerText();
}

// Browser steps are slow on a busy machine; each test gets room beyond the usual 30 s.
describe('joining, verification and the directory in the browser', { timeout: 120_000 }, () => {
  let kith: Kith;
  let browser: Browser;
  let community: TestCommunity;

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
    community = await makeCommunity(kith.ctx, { name: 'Mill Lane' });
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it('sign up → ask to join → coordinator lets them in and verifies them → the directory shows them verified', async () => {
    const newcomer = await (await newContext(browser, kith)).newPage();
    await newcomer.goto('/sign-up');
    await newcomer.getByLabel('Your name').fill('Dilys Morgan');
    await newcomer.getByLabel('Email address').fill('dilys@example.org');
    await newcomer.getByLabel('Choose a password').fill('blue kettle on the hob');
    await newcomer.getByRole('button', { name: 'Create my account' }).click();
    await newcomer.waitForURL('**/join');
    await settle(newcomer);
    await newcomer.getByRole('button', { name: 'Ask to join Mill Lane' }).click();
    await newcomer.getByLabel('Message to the coordinator').fill('I live on Mill Lane, near the post box.');
    await newcomer.getByRole('button', { name: 'Send my request' }).click();
    await newcomer.getByText('Request sent: waiting for a coordinator').waitFor();
    // Before a coordinator decides, the community pages send them back to the join page.
    await newcomer.goto('/directory');
    await newcomer.waitForURL('**/join');
    await newcomer.getByText('Request sent: waiting for a coordinator').waitFor();

    const coordinator = await (await newContext(browser, kith)).newPage();
    await signInWithForm(coordinator, community.coordinator.email, TEST_PASSWORD);
    await coordinator.getByRole('link', { name: 'Coordinator', exact: true }).click();
    await coordinator.waitForURL('**/coordinator/join-requests');
    await settle(coordinator);
    await coordinator.getByText('I live on Mill Lane, near the post box.').waitFor();
    await coordinator.getByRole('button', { name: 'Let them in: Dilys Morgan' }).click();
    await coordinator.getByText('They are now a member.').waitFor();
    await recordIdentityCheck(coordinator, 'Dilys Morgan');

    await newcomer.goto('/');
    await settle(newcomer);
    expect(await newcomer.locator('h1').textContent()).toBe('Mill Lane');
    expect(await newcomer.getByText('Fully checked').count() + (await newcomer.getByText('You are verified').count())).toBe(1);
    const card = await directoryCard(newcomer, 'Dilys Morgan');
    expect(card).toContain('Verified');

    // The coordinator sees the same in their own directory.
    expect(await directoryCard(coordinator, 'Dilys')).toContain('Verified');
    await newcomer.context().close();
    await coordinator.context().close();
  });

  it('an invitation link brings a signed-out neighbour through sign-up and straight into the community', async () => {
    const coordinator = await (await newContext(browser, kith, { permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
    await signInWithForm(coordinator, community.coordinator.email, TEST_PASSWORD);
    await coordinator.goto('/coordinator/invites');
    await settle(coordinator);
    await coordinator.getByLabel('Who is it for?').fill('Mr Okafor at the corner');
    await coordinator.getByRole('button', { name: 'Make the link' }).click();
    const link = (await coordinator.getByLabel('Invitation link', { exact: true }).textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${kith.url}/invite/`));
    await coordinator.getByRole('button', { name: 'Copy link' }).click();
    await coordinator.getByText('Copied.').waitFor();
    await coordinator.getByText('Used 0 of 1').waitFor();

    const neighbour = await (await newContext(browser, kith)).newPage();
    await neighbour.goto(link);
    await settle(neighbour);
    await neighbour.getByRole('heading', { name: 'Mill Lane' }).waitFor();
    await neighbour.getByRole('link', { name: 'Create an account' }).last().click();
    await neighbour.getByLabel('Your name').fill('Chidi Okafor');
    await neighbour.getByLabel('Email address').fill('chidi@example.org');
    await neighbour.getByLabel('Choose a password').fill('green door yellow gate');
    await neighbour.getByRole('button', { name: 'Create my account' }).click();
    await neighbour.waitForURL((url) => url.pathname.startsWith('/invite/'));
    await neighbour.getByRole('button', { name: 'Join Mill Lane' }).click();
    await neighbour.waitForURL((url) => url.pathname === '/');
    await settle(neighbour);
    expect(await neighbour.locator('h1').textContent()).toBe('Mill Lane');
    // Signing out forgets the session: community pages ask them to sign in again.
    await neighbour.getByRole('button', { name: 'Sign out' }).click();
    await neighbour.waitForURL('**/sign-in');
    await neighbour.goto('/directory');
    await neighbour.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/directory');

    await coordinator.reload();
    await settle(coordinator);
    await coordinator.getByText('Used up').waitFor();
    await neighbour.context().close();
    await coordinator.context().close();
  });
});
