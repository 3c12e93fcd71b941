// The everyday actions behind the buttons: vouching, reporting and deciding, suspending,
// appointing a coordinator, editing a profile and reading the outbox. Each drives the real
// pages against the real API, so a form that sends the wrong shape fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeMember, TEST_PASSWORD } from '../test/factories.ts';
import { launchBrowser, newContext, settle, signInContext, startKith, type Kith } from './harness.ts';
import { seedWorld, type World } from './seed.ts';

// Browser steps are slow on a busy machine; each test gets room beyond the usual 30 s.
describe('members, coordinators and administrators at work', { timeout: 120_000 }, () => {
  let kith: Kith;
  let browser: Browser;
  let world: World;
  let member: Page;
  let coordinator: Page;

  beforeAll(async () => {
    [kith, browser] = await Promise.all([startKith(), launchBrowser()]);
    world = await seedWorld(kith);
    const memberContext = await newContext(browser, kith);
    const coordinatorContext = await newContext(browser, kith);
    await signInContext(memberContext, kith, world.member);
    await signInContext(coordinatorContext, kith, world.coordinator);
    [member, coordinator] = await Promise.all([memberContext.newPage(), coordinatorContext.newPage()]);
  });
  afterAll(async () => {
    await browser?.close();
    await kith?.close();
  });

  it('a verified member vouches for a neighbour from their profile', async () => {
    await member.goto('/directory?q=Lena');
    await settle(member);
    await member.getByRole('link', { name: 'Lena Kowalska' }).click();
    await settle(member);
    await member.getByLabel('How do you know them?').fill('She lives two doors down.');
    await member.getByRole('button', { name: 'I vouch for Lena Kowalska' }).click();
    await member.getByText('You have vouched for Lena Kowalska, who is now: Registered.').waitFor();
    await member.reload();
    await settle(member);
    await member.getByText('You have vouched for Lena Kowalska.').waitFor();
    expect(await member.getByText('1 vouch', { exact: false }).count()).toBeGreaterThan(0);
  });

  it('a member reports a profile and a coordinator upholds the report', async () => {
    await member.goto(`/members/${world.neighbour.id}`);
    await settle(member);
    await member.getByRole('button', { name: 'Report Samir Haddad…' }).click();
    await member.getByLabel('What is the problem?').selectOption('impersonation');
    await member.getByLabel('Tell us more').fill('This is not the Samir I know.');
    await member.getByRole('button', { name: 'Send the report' }).click();
    await member.getByText('Thank you for telling us').waitFor();

    await coordinator.goto('/coordinator/reports');
    await settle(coordinator);
    await coordinator.getByRole('button', { name: 'Decide on the report about Samir Haddad' }).click();
    const form = coordinator.getByRole('form', { name: 'Decide on the report about Samir Haddad' });
    await form.getByRole('button', { name: 'Save the decision' }).click();
    // The note is required: the server's message appears on the field.
    await form.getByText('Write a short note about what you decided').first().waitFor();
    await form.getByLabel('Uphold').check();
    await form.getByLabel('Note about your decision').fill('Spoke to both; account details corrected.');
    await form.getByRole('button', { name: 'Save the decision' }).click();
    // Decided, the report leaves the open list (until then the first attempt's error is still shown).
    await form.waitFor({ state: 'detached' });
    await coordinator.getByRole('link', { name: 'Decided', exact: true }).click();
    await settle(coordinator);
    await coordinator.getByText('Spoke to both; account details corrected.').waitFor();
  });

  it('a coordinator suspends and reinstates a member, with the reason on record', async () => {
    await coordinator.goto('/coordinator/members');
    await settle(coordinator);
    await coordinator.getByRole('button', { name: 'Checks and standing: Peter Walsh' }).click();
    await coordinator.getByLabel('Reason, for the record').fill('Repeated adverts after a warning.');
    await coordinator.getByRole('button', { name: 'Suspend', exact: true }).click();
    await coordinator.getByText('Peter Walsh is suspended.').waitFor();
    const [row] = await kith.ctx.database.query<{ status: string }>('SELECT m.status FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.display_name = $1', ['Peter Walsh']);
    expect(row.status).toBe('suspended');
    await coordinator.getByRole('button', { name: 'Reinstate', exact: true }).click();
    await coordinator.getByText('Peter Walsh is reinstated.').waitFor();
  });

  it('the administrator appoints a coordinator and reads a password-reset email in the outbox', async () => {
    await coordinator.goto(`/admin/communities/${world.communityId}`);
    await settle(coordinator);
    await coordinator.getByLabel('Role of Grace Okonkwo', { exact: true }).selectOption('coordinator');
    await coordinator.getByRole('form', { name: 'Change the role of Grace Okonkwo' }).getByRole('button', { name: 'Change role' }).click();
    await coordinator.getByText('Role changed to Coordinator.').waitFor();

    await coordinator.goto('/admin/outbox');
    await settle(coordinator);
    await coordinator.getByRole('link', { name: /password/i }).first().click();
    await settle(coordinator);
    const link = coordinator.getByRole('link', { name: /reset-password\?token=/ });
    expect(await link.getAttribute('href')).toMatch(new RegExp(`^${kith.url}/reset-password\\?token=`));
  });

  it('a member edits their profile, and the directory shows the change', async () => {
    await member.goto('/profile');
    await settle(member);
    await member.getByLabel('Your street or area').fill('12 Mill Lane');
    await member.getByRole('form', { name: 'About you' }).getByRole('button', { name: 'Save' }).click();
    await member.getByText('not a house number or full postcode').first().waitFor();
    await member.getByLabel('Your street or area').fill('Mill Lane, by the park');
    await member.getByRole('form', { name: 'About you' }).getByRole('button', { name: 'Save' }).click();
    await member.getByText('Saved.').waitFor();
    await member.goto('/directory?q=Margaret');
    await settle(member);
    await member.getByText('Mill Lane, by the park').waitFor();
  });

  it('a member adds a missing skill and must say whether it is work with children or vulnerable adults', async () => {
    await member.goto('/profile');
    await settle(member);
    await member.getByText('Something missing from the list?').click();
    const form = member.getByRole('form', { name: 'Something missing from the list?' });
    await form.getByLabel('What is it?').fill('Babysitting');
    await form.getByLabel('Which group does it belong to?').selectOption('care-company');
    await form.getByRole('button', { name: 'Add it to the list' }).click();
    // Not answered: the question itself says what is missing, and nothing is added.
    await form.getByRole('group', { name: /Is this help with children/ }).getByText('Say whether this help is with children').waitFor();
    expect(await member.evaluate(async () => (await (await fetch('/api/skills')).json()).some((s: { slug: string }) => s.slug === 'babysitting'))).toBe(false);
    await form.getByLabel('Yes, with children').check();
    await form.getByRole('button', { name: 'Add it to the list' }).click();
    await member.getByText('"Babysitting" has been added and ticked.').waitFor();
    const added = await member.evaluate(async () => (await (await fetch('/api/skills')).json()).find((s: { slug: string }) => s.slug === 'babysitting'));
    expect(added).toMatchObject({ label: 'Babysitting', category: 'care-company', worksWith: 'children' });
  });

  it('the administrator marks a skill on the shared list as work with vulnerable adults', async () => {
    await coordinator.goto('/admin/skills');
    await settle(coordinator);
    await coordinator.getByRole('search', { name: 'Find a skill' }).getByLabel('Name of the skill').fill('dog walking');
    await coordinator.getByRole('heading', { name: 'Gardening' }).waitFor({ state: 'detached' });
    await coordinator.getByRole('button', { name: 'Change Dog walking' }).click();
    const form = coordinator.getByRole('form', { name: 'Change Dog walking' });
    await form.getByLabel('Who the help is with').selectOption('vulnerable_adults');
    await form.getByRole('button', { name: 'Save the change' }).click();
    await coordinator.getByText('"Dog walking" has been changed.').waitFor();
    await coordinator.locator('p', { hasText: 'Care and company · Work with adults who may be vulnerable: DBS check needed' }).waitFor();
    const skill = await coordinator.evaluate(async () => (await (await fetch('/api/skills')).json()).find((s: { slug: string }) => s.slug === 'dog-walking'));
    expect(skill).toMatchObject({ worksWith: 'vulnerable_adults' });
  });

  it('a member asks to be emailed about steps in their exchanges', async () => {
    await member.goto('/account?section=notifications');
    await settle(member);
    // The link in every email lands on these choices, with the focus on them.
    await expect.poll(() => member.evaluate(() => document.activeElement?.id)).toBe('notifications');
    const form = member.getByRole('form', { name: 'What we tell you about' });
    await form.getByRole('group', { name: 'Your exchanges' }).getByLabel('Email me about my exchanges').check();
    await form.getByRole('button', { name: 'Save these choices' }).click();
    await member.getByText('Your choices are saved.').waitFor();
    const saved = await member.evaluate(async () => (await fetch('/api/notification-preferences')).json());
    expect(saved).toMatchObject({ exchangesEmail: true, matchingRequestsEmail: false, matchingRequestsInApp: true });
  });

  it('someone who forgot their password resets it with the emailed link and signs in', async () => {
    const visitor = await (await newContext(browser, kith)).newPage();
    await visitor.goto('/forgot-password');
    await visitor.getByLabel('Email address').fill(world.neighbour.email);
    await visitor.getByRole('button', { name: 'Send me a link' }).click();
    await visitor.getByText('Check your email').waitFor();
    const [mail] = await kith.ctx.database.query<{ body: string }>('SELECT body FROM outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1', [world.neighbour.email]);
    const link = /(http\S+reset-password\?token=\S+)/.exec(mail.body)?.[1];
    expect(link).toBeDefined();
    await visitor.goto(link!);
    await visitor.getByLabel('Choose a password').fill('a brand new pass phrase');
    await visitor.getByRole('button', { name: 'Save my new password' }).click();
    await visitor.getByText('Your password has been changed').waitFor();
    await visitor.getByRole('link', { name: 'Sign in' }).last().click();
    await visitor.getByLabel('Email address').fill(world.neighbour.email);
    await visitor.getByLabel('Password').fill('a brand new pass phrase');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.waitForURL((url) => url.pathname === '/');
    await settle(visitor);
    await visitor.context().close();
  });

  it('a member downloads their data, then deletes their account', async () => {
    const leaver = await makeMember(kith.ctx, { id: world.communityId, slug: 'northfield', name: 'Northfield', coordinator: world.coordinator }, { displayName: 'Harold Finch' });
    const context = await newContext(browser, kith, { acceptDownloads: true });
    await signInContext(context, kith, leaver);
    const page = await context.newPage();
    await page.goto('/account');
    await settle(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^kith-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    await page.getByRole('button', { name: 'Delete my account…' }).click();
    await page.getByLabel('Your current password').last().fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.waitForURL('**/account-deleted');
    await page.getByText('Your account has been deleted').waitFor();
    const [row] = await kith.ctx.database.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM users WHERE id = $1', [leaver.id]);
    expect(row.deleted_at).not.toBeNull();
    await context.close();
  });
});
