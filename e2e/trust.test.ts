// The trust pages in a real browser, on a demo neighbourhood: a member's "How you're
// connected", the coordinators' dashboard (charts and network map) and the council's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pino } from 'pino';
import { startRunner } from '../server/jobs/runner.ts';
import { RECOMPUTE_JOB, runRecomputeJob } from '../server/features/trust/jobs.ts';
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
    await expect.poll(() => page.locator('.trust-charts .trust-chart__canvas svg').count(), { timeout: 15_000 }).toBe(6);
    expect(await page.locator('.trust-charts .trust-chart__canvas svg path').count()).toBeGreaterThan(20);
    expect(await page.locator('.trust-charts figure.trust-chart table').count()).toBe(6);
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

  it('shows no survey answers while it is open, then the results and the survey over time once closed', async () => {
    const communityId = summary.communities[0].id;
    const coordinator = await userByEmail(DEMO_ACCOUNTS.coordinator.email);
    const member = await userByEmail(DEMO_ACCOUNTS.member.email);
    const [open] = await kith.ctx.database.query<{ id: string }>('SELECT id FROM trust_surveys WHERE community_id = $1 AND closed_at IS NULL', [communityId]);
    // An earlier survey, closed last spring, for the trend to start from.
    await kith.ctx.database.query(
      `INSERT INTO trust_surveys (community_id, title, opened_by, opened_at, closed_by, closed_at, results)
       VALUES ($1, 'Spring trust survey', $2, now() - interval '200 days', $2, now() - interval '170 days', $3)`,
      [communityId, coordinator.id, JSON.stringify({ total: 20, generalised: { most_people: 8, cannot_be_too_careful: 12 }, neighbourhood: { many: 6, some: 8, a_few: 5, none: 1 } })],
    );
    const context = await newContext(browser, kith);
    await signInContext(context, kith, coordinator);
    const page = await context.newPage();
    await page.goto('/trust');
    await settle(page);
    const latest = page.locator('section.card', { has: page.getByRole('heading', { name: 'Survey results' }) });
    // One answer so far (the demo member's): not even the count, and no answers.
    await expect.poll(() => latest.innerText()).toContain('Fewer than 5 people have answered so far.');
    expect(await latest.innerText()).toContain('The answers are shown once you close the survey.');
    expect(await latest.getByRole('table').count()).toBe(0);
    // Twelve more answer; the open survey still shows only how many.
    const others = await kith.ctx.database.query<{ id: string }>(
      `SELECT u.id FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.community_id = $1 AND m.status = 'active' AND m.role = 'member' AND u.kind = 'person' AND u.id <> $2 ORDER BY u.id LIMIT 12`, [communityId, member.id]);
    for (const [i, other] of others.entries()) {
      await kith.ctx.database.query(
        `INSERT INTO trust_survey_responses (survey_id, community_id, user_id, generalised, neighbourhood) VALUES ($1, $2, $3, $4, $5)`,
        [open.id, communityId, other.id, i < 6 ? 'most_people' : 'cannot_be_too_careful', i < 6 ? 'many' : 'some'],
      );
    }
    await page.reload();
    await settle(page);
    await expect.poll(() => latest.innerText()).toContain('13 people have answered so far.');
    expect(await latest.getByRole('table').count()).toBe(0);
    const trend = page.getByRole('table', { name: 'Trust survey results, survey by survey' });
    await trend.waitFor();
    expect(await trend.locator('tbody tr').count()).toBe(1);
    // Closing shows the answers: 7 of 13 say most people can be trusted, beside England's 42%.
    await page.getByRole('button', { name: 'Close the survey' }).click();
    await page.getByRole('button', { name: 'Start a trust survey' }).waitFor();
    await expect.poll(() => latest.innerText()).toContain('13 people answered.');
    const generalised = latest.getByRole('table', { name: 'Can most people be trusted?' });
    expect(await generalised.innerText()).toMatch(/Most people can be trusted\s+54% \(7\)\s+42%/);
    await expect.poll(() => trend.locator('tbody tr').count()).toBe(2);
    const rows = await trend.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/Spring trust survey[\s\S]*20\s+40%\s+42%\s+70%/);
    expect(rows[1]).toMatch(/How much do you trust people around here\?[\s\S]*13\s+54%\s+42%\s+100%/);
    // With two surveys, the chart of the trend beside England's figure.
    const chart = page.locator('figure.trust-chart', { has: page.getByRole('heading', { name: 'Trust, survey by survey' }) });
    await expect.poll(() => chart.locator('.trust-chart__canvas svg path').count(), { timeout: 15_000 }).toBeGreaterThan(3);
    await screenshot(page, 'trust-survey-trend');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows an update’s progress as it happens and refreshes the dashboard when it is done', async () => {
    const communityId = summary.communities[0].id;
    const coordinator = await userByEmail(DEMO_ACCOUNTS.coordinator.email);
    // Two members with no tie yet do something together, so the update has something to show.
    const [pair] = await kith.ctx.database.query<{ a: string; b: string }>(
      `SELECT a.user_id AS a, b.user_id AS b FROM memberships a JOIN memberships b ON a.community_id = b.community_id AND a.user_id < b.user_id
       JOIN users ua ON ua.id = a.user_id JOIN users ub ON ub.id = b.user_id
       WHERE a.community_id = $1 AND a.status = 'active' AND b.status = 'active' AND a.role = 'member' AND b.role = 'member' AND ua.kind = 'person' AND ub.kind = 'person'
         AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.community_id = $1 AND ((i.actor_id = a.user_id AND i.subject_id = b.user_id) OR (i.actor_id = b.user_id AND i.subject_id = a.user_id)))
       LIMIT 1`, [communityId]);
    await kith.ctx.database.query(
      `INSERT INTO interactions (community_id, actor_id, subject_id, kind, weight, occurred_at, source_type, source_id)
       VALUES ($1, $2, $3, 'vouch', 1, now(), 'e2e', 'recompute-a'), ($1, $3, $2, 'vouch', 1, now(), 'e2e', 'recompute-b')`, [communityId, pair.a, pair.b]);
    const context = await newContext(browser, kith);
    await signInContext(context, kith, coordinator);
    const page = await context.newPage();
    await page.goto('/trust');
    await settle(page);
    const lastRun = page.getByText(/^Last updated .* ties\./);
    await lastRun.waitFor();
    const tiesBefore = Number((await lastRun.innerText()).match(/and ([\d,]+) ties/)![1].replace(/,/g, ''));
    const status = page.locator('.trust-recompute [role="status"]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await page.getByRole('button', { name: 'Update the figures now' }).click();
    await expect.poll(() => status.innerText()).toContain('Waiting to update the figures');
    // The background worker picks the job up; the page, polling, sees it finish.
    const runner = startRunner({ ...kith.app.deps, log: pino({ level: 'silent' }) }, { [RECOMPUTE_JOB]: runRecomputeJob }, [], { autoStart: false });
    await runner.tick();
    await runner.stop();
    await expect.poll(() => status.innerText(), { timeout: 15_000 }).toContain('The figures have been updated');
    await expect.poll(async () => Number((await lastRun.innerText()).match(/and ([\d,]+) ties/)![1].replace(/,/g, '')), { timeout: 10_000 }).toBe(tiesBefore + 2);
    expect(await page.getByRole('button', { name: 'Update the figures now' }).getAttribute('aria-disabled')).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the council view with charts and no names', async () => {
    const officer = await userByEmail(DEMO_ACCOUNTS.officer.email);
    const context = await newContext(browser, kith);
    await signInContext(context, kith, officer);
    const page = await context.newPage();
    await page.goto('/council');
    await settle(page);
    await expect.poll(() => page.locator('.trust-charts .trust-chart__canvas svg').count(), { timeout: 15_000 }).toBe(6);
    // The trust survey over time, for the council too: the two surveys the survey test above
    // closed (this file's tests share one Kith and run in order).
    const trend = page.getByRole('table', { name: 'Trust survey results, survey by survey' });
    await trend.waitFor();
    expect(await trend.locator('tbody tr').count()).toBe(2);
    const text = await page.locator('main').innerText();
    expect(text).toContain('no figure about fewer than 5 people');
    expect(text).not.toContain(DEMO_ACCOUNTS.member.displayName);
    await screenshot(page, 'trust-council');
    await context.close();
  });
});
