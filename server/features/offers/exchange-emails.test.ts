// Steps in a person's exchanges reach them by email only when they asked for it, only when they
// have not seen them in the app after a while, all in one message, and never twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, signInAs, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { EMAIL_AFTER_MINUTES, sendExchangeEmails } from './exchange-emails.ts';
import { notify } from './notifications.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const PUBLIC = 'http://kith.test';
const mailTo = (email: string) => ctx.database.query<{ subject: string; body: string }>('SELECT subject, body FROM outbox WHERE to_address = $1 ORDER BY created_at', [email]);
const MINUTE = 60_000;

/** A notification as a step would leave it, `minutesAgo` minutes old. */
async function told(c: TestCommunity, user: TestUser, kind: string, title: string, minutesAgo: number) {
  const sourceId = `${kind}-${Math.random()}`;
  await notify(ctx.db, c.id, [user.id], { kind, title, body: `About ${title.toLowerCase()}`, link: `/timebank/exchanges/${sourceId}`, sourceId });
  await ctx.database.query('UPDATE notifications SET created_at = now() - make_interval(mins => $1) WHERE source_id = $2', [minutesAgo, sourceId]);
  return sourceId;
}

async function optedIn(c: TestCommunity, name: string) {
  const user = await makeMember(ctx, c, { displayName: name });
  expect((await (await signInAs(ctx, user)).put('/api/notification-preferences', { exchangesEmail: true })).json()).toMatchObject({ exchangesEmail: true, matchingRequestsEmail: false });
  return user;
}

describe('exchange emails', () => {
  it('gather what is still unread after a while into one email, with links and how to stop them', async () => {
    const c = await makeCommunity(ctx);
    const ann = await optedIn(c, 'Ann Opted');
    await told(c, ann, 'exchange.proposed', 'New exchange proposed: Help with the shopping', 30);
    await told(c, ann, 'exchange.recorded', 'Bob recorded 1 hour for gardening', 15);
    const fresh = await told(c, ann, 'exchange.accepted', 'Your exchange was accepted', EMAIL_AFTER_MINUTES - 5);
    const read = await told(c, ann, 'exchange.declined', 'Your proposal was declined', 40);
    await ctx.database.query('UPDATE notifications SET read_at = now() WHERE source_id = $1', [read]);
    await told(c, ann, 'listing.matching_request', 'Someone asked for help', 40);
    await told(c, ann, 'exchange.confirmed', 'An old step', 60 * 72);

    expect(await sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC)).toBe(1);
    const [mail] = await mailTo(ann.email);
    expect(mail.subject).toBe('2 things in your exchanges on Kith');
    expect(mail.body).toContain('Hello Ann Opted,');
    expect(mail.body).toContain('- New exchange proposed: Help with the shopping\n  About new exchange proposed: help with the shopping\n  http://kith.test/timebank/exchanges/');
    expect(mail.body).toContain('- Bob recorded 1 hour for gardening');
    for (const absent of ['accepted', 'declined', 'Someone asked', 'An old step']) expect(mail.body).not.toContain(absent);
    expect(mail.body).toContain('untick "Email me about my exchanges" at http://kith.test/account?section=notifications');

    // Nothing twice; the fresh one goes on its own once it has waited, unless read first.
    expect(await sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC)).toBe(0);
    await ctx.database.query('UPDATE notifications SET created_at = now() - interval \'20 minutes\' WHERE source_id = $1', [fresh]);
    const [first, second] = await Promise.all([sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC), sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC)]);
    expect(first + second).toBe(1);
    const mails = await mailTo(ann.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe('Your exchange was accepted');
  });

  it('go only to people who asked for them', async () => {
    const c = await makeCommunity(ctx);
    const quiet = await makeMember(ctx, c);
    await told(c, quiet, 'exchange.proposed', 'New exchange proposed: Lifts', 30);
    const changedMind = await optedIn(c, 'Cy Changed');
    await (await signInAs(ctx, changedMind)).put('/api/notification-preferences', { exchangesEmail: false });
    await told(c, changedMind, 'exchange.proposed', 'New exchange proposed: Dog walking', 30);
    expect(await sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC)).toBe(0);
    expect(await mailTo(quiet.email)).toEqual([]);
    expect(await mailTo(changedMind.email)).toEqual([]);
  });

  it('name the community when one email covers two', async () => {
    const [c1, c2] = [await makeCommunity(ctx), await makeCommunity(ctx)];
    const dee = await optedIn(c1, 'Dee Both');
    await ctx.database.query("INSERT INTO memberships (community_id, user_id, role) VALUES ($1, $2, 'member')", [c2.id, dee.id]);
    await told(c1, dee, 'exchange.proposed', 'First', 30);
    await told(c2, dee, 'exchange.proposed', 'Second', 30);
    expect(await sendExchangeEmails(ctx.db, ctx.app.deps.mailer, PUBLIC)).toBe(1);
    const [mail] = await mailTo(dee.email);
    expect(mail.body).toContain(`- First (${c1.name})`);
    expect(mail.body).toContain(`- Second (${c2.name})`);
  });
});
