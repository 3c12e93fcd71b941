import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, screenshot, seriousViolations, settle, startKith, type Kith } from './harness.ts';

// Browser steps are slow on a busy machine; each test gets room beyond the usual 30 s.
describe('first run in the browser', { timeout: 120_000 }, () => {
  let kith: Kith;
  let browser: Browser;

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it('sends an empty Kith to setup, which creates the admin and the community and lands on home', async () => {
    const context = await newContext(browser, kith);
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL('**/setup');
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Set up Kith');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'setup');

    // A mistake first: the server's message lands on the field, and nothing is created.
    await page.getByLabel('Your name').fill('Ruth Evans');
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('Choose a password').fill('plum orchard lantern');
    await page.getByLabel('Name of the community').fill('Northfield');
    await page.getByLabel('Short name for web addresses').fill('northfield');
    await page.getByRole('button', { name: 'Create my account and community' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('There is a problem');
    await expect.poll(() => page.locator('#field-admin-email-error').textContent()).toContain('Enter an email address');
    expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
    const [{ n: before }] = await kith.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(before).toBe(0);

    await page.getByLabel('Email address').fill('ruth@example.org');
    await page.getByRole('button', { name: 'Create my account and community' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await settle(page);
    expect(await page.locator('h1').textContent()).toBe('Northfield');
    await expect.poll(() => page.getByRole('navigation', { name: 'Main' }).textContent()).toContain('Administration');
    expect(await page.getByRole('link', { name: 'Coordinator', exact: true }).count()).toBe(1);

    const [admin] = await kith.ctx.database.query<{ is_admin: boolean; display_name: string }>('SELECT is_admin, display_name FROM users');
    expect(admin).toEqual({ is_admin: true, display_name: 'Ruth Evans' });
    const [community] = await kith.ctx.database.query<{ slug: string }>('SELECT slug FROM communities');
    expect(community.slug).toBe('northfield');

    // Setup cannot be run twice: the page now sends people home.
    await page.goto('/setup');
    await page.waitForURL((url) => url.pathname === '/');
    await context.close();
  });
});
