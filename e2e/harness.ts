// Browser-test harness: the real Kith server (built web app included) on a fresh test database,
// listening on a free local port, and Debian's Chromium driven by playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { pino } from 'pino';
import { buildApp, type KithApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { sessions } from '../server/db/schema.ts';
import { hashToken, newToken } from '../server/lib/tokens.ts';
import { openTestDatabase, type TestContext } from '../test/context.ts';

export const WEB_DIST = resolve('dist/web');
export const SCREENSHOTS = resolve('docs/screenshots');
const AXE = resolve('node_modules/axe-core/axe.min.js');

/** A running Kith: its address, and a TestContext so the factories in test/factories.ts work on it. */
export type Kith = { url: string; app: KithApp; ctx: TestContext; close(): Promise<void> };

/** Starts Kith on a fresh copy of the migrated test database and a free port on 127.0.0.1. */
export async function startKith(): Promise<Kith> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build:web` before the browser tests (npm test does this).');
  }
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST, PUBLIC_URL: 'http://127.0.0.1' });
  const app = await buildApp({ config, database, logger: pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Kith did not get a port');
  const url = `http://127.0.0.1:${address.port}`;
  // The port is known only now; links in emails and invitations must point at it.
  config.publicUrl = url;
  const ctx: TestContext = {
    app,
    database,
    db: database.db,
    config,
    close: async () => undefined,
  };
  return {
    url,
    app,
    ctx,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Launches headless Chromium from Debian's package; one per test file, shared by its tests. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile (no cookies) pointed at Kith, in light mode unless asked otherwise. */
export async function newContext(browser: Browser, kith: Kith, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: kith.url, viewport: { width: 1280, height: 900 }, colorScheme: 'light', locale: 'en-GB', reducedMotion: 'reduce', ...options });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Signs a browser profile in as `user` by giving it a session cookie (skips the sign-in form). */
export async function signInContext(context: BrowserContext, kith: Kith, user: { id: string }): Promise<void> {
  const token = newToken();
  await kith.ctx.db.insert(sessions).values({ tokenHash: hashToken(token), csrfToken: newToken(24), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
  await context.addCookies([{ name: 'kith_session', value: token, url: kith.url, httpOnly: true, sameSite: 'Lax' }]);
}

/** Waits until the page has drawn its heading and nothing is still loading. */
export async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading'));
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/** Runs axe-core on the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot to docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
