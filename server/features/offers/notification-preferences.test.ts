// Emails about matching requests go only to people who asked for them, separately from showing
// their address to neighbours; each email says how to stop them; the choice is the person's own.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, giveSkills, makeCommunity, makeMember, signInAs, skillIdOf, TEST_PASSWORD, type TestCommunity } from '../../../test/factories.ts';
import { profiles, users } from '../../db/schema.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const PREFS = '/api/notification-preferences';

async function postRequest(c: TestCommunity) {
  const asker = await signInAs(ctx, await makeMember(ctx, c, { displayName: 'Asha Asker' }));
  const res = await asker.post(`/api/communities/${c.id}/listings`, { kind: 'request', title: 'Help with my new laptop', skillId: await skillIdOf(ctx, 'computer-help'), durationMinutes: 60, place: 'in_public' });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const mailTo = (email: string) => ctx.database.query<{ subject: string; body: string }>('SELECT subject, body FROM outbox WHERE to_address = $1', [email]);

describe('notification preferences', () => {
  it('start with the app on and email off, and change only what is sent', async () => {
    const c = await makeCommunity(ctx);
    const me = await signInAs(ctx, await makeMember(ctx, c));
    expect((await me.get(PREFS)).json()).toEqual({ matchingRequestsInApp: true, matchingRequestsEmail: false, exchangesEmail: false, updatedAt: null });
    const on = (await me.put(PREFS, { matchingRequestsEmail: true })).json();
    expect(on).toMatchObject({ matchingRequestsInApp: true, matchingRequestsEmail: true });
    expect(on.updatedAt).toEqual(expect.any(String));
    expect((await me.put(PREFS, { matchingRequestsInApp: false })).json()).toMatchObject({ matchingRequestsInApp: false, matchingRequestsEmail: true });
    expect((await me.get(PREFS)).json()).toMatchObject({ matchingRequestsInApp: false, matchingRequestsEmail: true });
  });

  it('belong to the person signed in: nobody else can read or change them, and nonsense is refused', async () => {
    expect((await anonymous(ctx).get(PREFS)).statusCode).toBe(401);
    expect((await anonymous(ctx).put(PREFS, { matchingRequestsEmail: true })).statusCode).toBe(401);
    const c = await makeCommunity(ctx);
    const me = await signInAs(ctx, await makeMember(ctx, c));
    const bad = await me.put(PREFS, { matchingRequestsEmail: 'yes please' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('matchingRequestsEmail');
    // Without the CSRF token a page elsewhere cannot switch emails on for them.
    expect((await me.request('PUT', PREFS, { matchingRequestsEmail: true }, { 'x-csrf-token': 'forged' })).statusCode).toBe(403);
    expect((await me.get(PREFS)).json().matchingRequestsEmail).toBe(false);
  });

  it('can be turned off by a suspended account', async () => {
    const c = await makeCommunity(ctx);
    const user = await makeMember(ctx, c);
    const me = await signInAs(ctx, user);
    await me.put(PREFS, { matchingRequestsEmail: true });
    await ctx.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, user.id));
    expect((await me.put(PREFS, { matchingRequestsEmail: false })).json().matchingRequestsEmail).toBe(false);
  });
});

describe('emails about matching requests', () => {
  it('go to people who asked for them, not to people who only show their address to members', async () => {
    const c = await makeCommunity(ctx);
    const showsAddress = await makeMember(ctx, c);
    const wantsEmail = await makeMember(ctx, c);
    await giveSkills(ctx, showsAddress, ['computer-help']);
    await giveSkills(ctx, wantsEmail, ['computer-help']);
    await ctx.db.update(profiles).set({ contactByEmail: true }).where(eq(profiles.userId, showsAddress.id));
    await (await signInAs(ctx, wantsEmail)).put(PREFS, { matchingRequestsEmail: true });
    const listingId = await postRequest(c);

    expect(await mailTo(showsAddress.email)).toEqual([]);
    const [mail] = await mailTo(wantsEmail.email);
    expect(mail.subject).toBe('A neighbour needs help with computer help');
    expect(mail.body).toContain(`http://kith.test/timebank/listings/${listingId}`);
    // How to stop them: the settings page, which asks them to sign in; no token that works for whoever holds the email.
    expect(mail.body).toContain('To stop them, sign in and untick "Email me about them" at http://kith.test/account?section=notifications');
    expect(mail.body).not.toMatch(/token=|unsubscribe\?/);
    // Both are still told in the app, the default.
    for (const user of [showsAddress, wantsEmail]) expect((await (await signInAs(ctx, user)).get(`/api/communities/${c.id}/notifications`)).json().unread).toBe(1);
  });

  it('stop once turned off, and never go to a suspended account', async () => {
    const c = await makeCommunity(ctx);
    const changedMind = await makeMember(ctx, c);
    const suspended = await makeMember(ctx, c);
    for (const user of [changedMind, suspended]) {
      await giveSkills(ctx, user, ['computer-help']);
      await (await signInAs(ctx, user)).put(PREFS, { matchingRequestsEmail: true });
    }
    await (await signInAs(ctx, changedMind)).put(PREFS, { matchingRequestsEmail: false });
    await ctx.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, suspended.id));
    await postRequest(c);
    expect(await mailTo(changedMind.email)).toEqual([]);
    expect(await mailTo(suspended.email)).toEqual([]);
  });
});

describe('privacy', () => {
  it('shows the choices in the data export and forgets them when the account is deleted', async () => {
    const c = await makeCommunity(ctx);
    const user = await makeMember(ctx, c);
    const me = await signInAs(ctx, user);
    expect((await me.get('/api/account/export')).json().features.notificationPreferences).toEqual([{ matchingRequestsInApp: true, matchingRequestsEmail: false, exchangesEmail: false, updatedAt: null }]);
    await me.put(PREFS, { matchingRequestsEmail: true });
    expect((await me.get('/api/account/export')).json().features.notificationPreferences).toEqual([expect.objectContaining({ matchingRequestsEmail: true })]);

    expect((await me.delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
    expect(await ctx.database.query('SELECT 1 FROM notification_preferences WHERE user_id = $1', [user.id])).toEqual([]);
  });
});
