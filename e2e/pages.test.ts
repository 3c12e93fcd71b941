// A tour of the main pages: each must pass an axe-core scan with no serious or critical
// violations, and each is photographed into docs/screenshots/ for the README and reviews.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot, seriousViolations, settle, signInContext, startKith, type Kith } from './harness.ts';
import { seedWorld, type World } from './seed.ts';

type Persona = 'visitor' | 'member' | 'coordinator';
type Stop = { name: string; as: Persona; path: (world: World) => string; ready?: (page: Page) => Promise<unknown> };

const TOUR: Stop[] = [
  { name: 'sign-in', as: 'visitor', path: () => '/sign-in' },
  { name: 'sign-up', as: 'visitor', path: () => '/sign-up' },
  { name: 'forgot-password', as: 'visitor', path: () => '/forgot-password' },
  { name: 'join', as: 'visitor', path: () => '/join', ready: (page) => page.getByRole('heading', { name: 'Northfield' }).waitFor() },
  { name: 'invite', as: 'visitor', path: (world) => new URL(world.inviteUrl).pathname, ready: (page) => page.getByRole('heading', { name: 'Northfield' }).waitFor() },
  { name: 'home', as: 'member', path: () => '/' },
  { name: 'directory', as: 'member', path: () => '/directory', ready: (page) => page.getByText('Grace Okonkwo').waitFor() },
  { name: 'directory-search', as: 'member', path: () => '/directory?q=bike', ready: (page) => page.getByText('Samir Haddad').waitFor() },
  { name: 'profile', as: 'member', path: () => '/profile', ready: (page) => page.getByRole('heading', { name: 'Skills and interests' }).waitFor() },
  { name: 'member', as: 'member', path: (world) => `/members/${world.neighbour.id}`, ready: (page) => page.getByRole('heading', { name: 'Vouch for Samir Haddad' }).waitFor() },
  { name: 'account', as: 'member', path: () => '/account' },
  { name: 'home-coordinator', as: 'coordinator', path: () => '/', ready: (page) => page.getByText('Waiting for you').waitFor() },
  { name: 'coordinator-join-requests', as: 'coordinator', path: () => '/coordinator/join-requests', ready: (page) => page.getByText('Tom Hughes').waitFor() },
  { name: 'coordinator-invites', as: 'coordinator', path: () => '/coordinator/invites', ready: (page) => page.getByText('Mrs Patel at the corner shop').waitFor() },
  { name: 'coordinator-members', as: 'coordinator', path: () => '/coordinator/members', ready: (page) => page.getByText('Owen Price').waitFor() },
  { name: 'coordinator-reports', as: 'coordinator', path: () => '/coordinator/reports', ready: (page) => page.getByText('van hire').waitFor() },
  { name: 'admin-communities', as: 'coordinator', path: () => '/admin', ready: (page) => page.getByRole('heading', { name: 'Riverside' }).waitFor() },
  { name: 'admin-roles', as: 'coordinator', path: (world) => `/admin/communities/${world.communityId}`, ready: (page) => page.getByRole('heading', { name: 'Margaret Jones' }).waitFor() },
  { name: 'admin-people', as: 'coordinator', path: () => '/admin/people', ready: (page) => page.getByText('Tom Hughes').waitFor() },
  { name: 'admin-skills', as: 'coordinator', path: () => '/admin/skills', ready: (page) => page.getByRole('heading', { name: 'Dog walking' }).waitFor() },
  { name: 'admin-outbox', as: 'coordinator', path: () => '/admin/outbox', ready: (page) => page.getByRole('link', { name: /password/i }).first().waitFor() },
  { name: 'not-for-you', as: 'member', path: () => '/coordinator', ready: (page) => page.getByText('Only coordinators').waitFor() },
];

// Browser steps are slow on a busy machine; each test gets room beyond the usual 30 s.
describe('page tour: accessibility scan and screenshots', { timeout: 120_000 }, () => {
  let kith: Kith;
  let browser: Browser;
  let world: World;
  const contexts = {} as Record<Persona, BrowserContext>;
  const pages = {} as Record<Persona, Page>;

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
    world = await seedWorld(kith);
    for (const persona of ['visitor', 'member', 'coordinator'] as const) {
      contexts[persona] = await newContext(browser, kith);
      pages[persona] = await contexts[persona].newPage();
    }
    await signInContext(contexts.member, kith, world.member);
    await signInContext(contexts.coordinator, kith, world.coordinator);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it.each(TOUR)('$name page ($as) has no serious accessibility problems', async (stop) => {
    const page = pages[stop.as];
    await page.goto(stop.path(world));
    await settle(page);
    await stop.ready?.(page);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, stop.name);
  });

  it('shows form errors accessibly (sign-in with a wrong password)', async () => {
    const page = pages.visitor;
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(world.member.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('There is a problem').waitFor();
    // The summary takes focus so that it is read out at once.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('notice--error'))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-error');
  });

  it('looks right and stays accessible in dark mode', async () => {
    const context = await newContext(browser, kith, { colorScheme: 'dark' });
    await signInContext(context, kith, world.member);
    const page = await context.newPage();
    for (const [name, path] of [['home-dark', '/'], ['directory-dark', '/directory']] as const) {
      await page.goto(path);
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, name);
    }
    await context.close();
  });

  it('works on a small phone screen, with the menu folded away', async () => {
    const context = await newContext(browser, kith, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signInContext(context, kith, world.member);
    const page = await context.newPage();
    await page.goto('/');
    await settle(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'My profile', exact: true }).isVisible()).toBe(false);
    await screenshot(page, 'home-mobile');
    await menu.click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('link', { name: 'My profile', exact: true }).click();
    await page.waitForURL('**/profile');
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('lets someone in two communities switch between them', async () => {
    const context = await newContext(browser, kith);
    await signInContext(context, kith, world.coordinator);
    const page = await context.newPage();
    await page.goto('/');
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Northfield');
    await page.getByLabel('Community', { exact: true }).selectOption({ label: 'Riverside' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Riverside');
    // A plain member of Riverside does not get the coordinator pages there.
    expect(await page.getByRole('link', { name: 'Coordinator', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('can be used with the keyboard alone: the skip link comes first and jumps to the content', async () => {
    const page = pages.member;
    await page.goto('/directory');
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');
  });
});
