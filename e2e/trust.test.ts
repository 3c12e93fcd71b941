// The trust pages in a real browser, on a demo neighbourhood: a member's "How you're
// connected", the coordinators' dashboard (charts and network map) and the council's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hashPassword } from '../server/lib/passwords.ts';
import { DEMO_ACCOUNTS } from '../server/demo/data.ts';
import { generateNeighbourhood, type NeighbourhoodSummary } from '../server/demo/generate.ts';
import { launchBrowser, newContext, screenshot, seriousViolations, settle, signInContext, startKith, type Kith } from './harness.ts';

describe('trust and connection in the browser', () => {
  let kith: Kith;
  let browser: Browser;
  let summary: NeighbourhoodSummary;
  const userByEmail = async (email: string) => (await kith.ctx.database.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]))[0];

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
    const hash = await hashPassword(DEMO_ACCOUNTS.password);
    summary = await generateNeighbourhood(kith.ctx.db, { seed: 5, members: 90, passwordHashes: { admin: hash, member: hash } });
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it('shows a member how they are connected to a neighbour, naming the people in between', async () => {
    const member = await userByEmail(DEMO_ACCOUNTS.member.email);
    const communityId = summary.communities[0].id;
    const context = await newContext(browser, kith);
    await signInContext(context, kith, member);
    const page = await context.newPage();
    // Someone the demo member is linked to through another neighbour, found through the API as
    // the page itself would ask.
    const candidates = await kith.ctx.database.query<{ id: string; display_name: string }>(
      `SELECT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.community_id = $1 AND m.status = 'active' AND u.kind = 'person' AND u.id <> $2 ORDER BY u.display_name`, [communityId, member.id]);
    let target: { id: string; display_name: string; via: string } | undefined;
    for (const candidate of candidates) {
      const response = await page.request.get(`/api/communities/${communityId}/members/${candidate.id}/connection`);
      const body = (await response.json()) as { direct: boolean; paths: { via: { displayName: string }[] }[] };
      if (response.ok() && !body.direct && body.paths.length > 0 && body.paths[0].via.length > 0) {
        target = { ...candidate, via: body.paths[0].via[0].displayName };
        break;
      }
    }
    expect(target).toBeDefined();
    await page.goto(`/members/${target!.id}`);
    await settle(page);
    const panel = page.locator('section.card', { has: page.getByRole('heading', { name: 'How you’re connected' }) });
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toMatch(new RegExp(`You and ${target!.display_name} are`));
    const text = await panel.innerText();
    expect(text).toContain('Through');
    expect(text).toContain(target!.via);
    expect(text).not.toMatch(/\d\.\d/);
    await screenshot(page, 'trust-connection');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows coordinators the dashboard with its charts, the network map and the reach-out list', async () => {
    const coordinator = await userByEmail(DEMO_ACCOUNTS.coordinator.email);
    const context = await newContext(browser, kith);
    await signInContext(context, kith, coordinator);
    const page = await context.newPage();
    await page.goto('/');
    await settle(page);
    await page.getByRole('link', { name: 'Trust and connection' }).first().click();
    await page.waitForURL('**/trust');
    await settle(page);
    await page.getByRole('heading', { name: 'Month by month' }).waitFor();
    // Six charts, each drawn as an SVG with its figures in a table beside it.
    await expect.poll(() => page.locator('.trust-chart__canvas svg').count(), { timeout: 15_000 }).toBe(6);
    expect(await page.locator('.trust-chart__canvas svg path').count()).toBeGreaterThan(20);
    expect(await page.locator('figure.trust-chart table').count()).toBe(6);
    // The map: a canvas drawn by sigma, and the table that is its text alternative.
    await page.getByRole('heading', { name: 'Who is tied to whom' }).waitFor();
    await expect.poll(() => page.locator('[data-testid="network-map"] canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const byArea = page.getByRole('table', { name: 'Members and ties by street or area' });
    await byArea.waitFor();
    expect(await byArea.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('radio', { name: 'Close-knit group' }).check();
    await page.getByRole('table', { name: 'Members and ties by close-knit group' }).waitFor();
    await page.getByRole('heading', { name: 'Who might welcome a hello' }).waitFor();
    expect(await page.getByRole('list', { name: 'Who might welcome a hello' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'trust-dashboard');
    expect(await seriousViolations(page)).toEqual([]);
    // Start the trust survey for the next test.
    await page.getByRole('button', { name: 'Start a trust survey' }).click();
    await page.getByRole('button', { name: 'Close the survey' }).waitFor();
    await context.close();
  });

  it('lets a member answer the trust survey on the home page in a few taps', async () => {
    const member = await userByEmail(DEMO_ACCOUNTS.member.email);
    const context = await newContext(browser, kith);
    await signInContext(context, kith, member);
    const page = await context.newPage();
    await page.goto('/');
    await settle(page);
    const form = page.getByRole('form', { name: 'Trust survey' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await expect.poll(() => form.getByText('Choose one of the answers').count()).toBe(2);
    await form.getByRole('radio', { name: 'Most people can be trusted' }).check();
    await form.getByRole('radio', { name: 'Some of them' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText('Your answers have been counted.').waitFor();
    await page.reload();
    await settle(page);
    expect(await page.getByRole('form', { name: 'Trust survey' }).count()).toBe(0);
    await context.close();
  });

  it('shows the council view with charts and no names', async () => {
    const officer = await userByEmail(DEMO_ACCOUNTS.officer.email);
    const context = await newContext(browser, kith);
    await signInContext(context, kith, officer);
    const page = await context.newPage();
    await page.goto('/council');
    await settle(page);
    await expect.poll(() => page.locator('.trust-chart__canvas svg').count(), { timeout: 15_000 }).toBe(6);
    const text = await page.locator('main').innerText();
    expect(text).toContain('no figure about fewer than 5 people');
    expect(text).not.toContain(DEMO_ACCOUNTS.member.displayName);
    await screenshot(page, 'trust-council');
    await context.close();
  });
});
