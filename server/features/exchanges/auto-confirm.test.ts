import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeExchange, makeMember, makeOrganisation, setTimebank, signInAs } from '../../../test/factories.ts';
import { exchanges } from '../../db/schema.ts';
import { formatMinutes } from '../../../common/ledger.ts';
import { checkLedger } from '../ledger/reports.ts';
import { autoConfirmDue } from './confirm.ts';
import { remindBeforeAutoConfirm } from './reminders.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const DAY = 86_400_000;
const daysAgo = (n: number, now: Date) => new Date(now.getTime() - n * DAY);
const statusOf = async (id: string) => (await ctx.db.select().from(exchanges).where(eq(exchanges.id, id)))[0];

it("confirms exchanges nobody answered within the community's days, and only those", async () => {
  const now = new Date();
  const weekly = await makeCommunity(ctx);
  const monthly = await makeCommunity(ctx);
  await setTimebank(ctx, weekly, { autoConfirmDays: 7, maxDebitMinutes: 100 });
  await setTimebank(ctx, monthly, { autoConfirmDays: 30 });
  const [a, b, c] = [await makeMember(ctx, weekly), await makeMember(ctx, weekly), await makeMember(ctx, weekly)];
  const due = await makeExchange(ctx, weekly, a, b, { status: 'done', recordedMinutes: 60, awaitingSince: daysAgo(8, now) });
  const recent = await makeExchange(ctx, weekly, a, b, { status: 'done', recordedMinutes: 60, awaitingSince: daysAgo(6, now) });
  const adjusted = await makeExchange(ctx, weekly, b, a, { status: 'done', recordedMinutes: 90, awaitingSince: daysAgo(9, now) });
  await ctx.db.update(exchanges).set({ adjustedMinutes: 45, adjustmentNote: 'Shorter', awaitingSince: daysAgo(7.5, now) }).where(eq(exchanges.id, adjusted.id));
  const tooMuch = await makeExchange(ctx, weekly, a, c, { status: 'done', recordedMinutes: 101, awaitingSince: daysAgo(10, now) });
  const [m1, m2] = [await makeMember(ctx, monthly), await makeMember(ctx, monthly)];
  const monthlyRecent = await makeExchange(ctx, monthly, m1, m2, { status: 'done', recordedMinutes: 30, awaitingSince: daysAgo(8, now) });

  // Two workers at once: each exchange is confirmed by one of them only.
  const [first, second] = await Promise.all([autoConfirmDue(ctx.db, now), autoConfirmDue(ctx.db, now)]);
  expect(first.confirmed + second.confirmed).toBe(2);
  expect([...first.skipped, ...second.skipped]).toContainEqual({ exchangeId: tooMuch.id, code: 'ledger.limit_exceeded' });

  expect(await statusOf(due.id)).toMatchObject({ status: 'confirmed', confirmedHow: 'auto', confirmedMinutes: 60 });
  expect(await statusOf(adjusted.id)).toMatchObject({ status: 'confirmed', confirmedHow: 'auto', confirmedMinutes: 45 });
  expect((await statusOf(recent.id)).status).toBe('done');
  expect((await statusOf(tooMuch.id)).status).toBe('done');
  expect((await statusOf(monthlyRecent.id)).status).toBe('done');

  const [event] = await ctx.database.query<{ kind: string; actor_id: string | null }>("SELECT kind, actor_id FROM exchange_events WHERE exchange_id = $1", [due.id]);
  expect(event).toEqual({ kind: 'auto_confirmed', actor_id: null });
  const [tx] = await ctx.database.query<{ created_by: string | null }>('SELECT created_by FROM ledger_transactions WHERE exchange_id = $1', [due.id]);
  expect(tx.created_by).toBeNull();
  expect((await checkLedger(ctx.db, weekly.id)).balanced).toBe(true);

  const again = await autoConfirmDue(ctx.db, now);
  expect(again.confirmed).toBe(0);
  expect((await autoConfirmDue(ctx.db, new Date(now.getTime() + 30 * DAY))).confirmed).toBe(2);
});

describe('an automatic confirmation that must not happen unattended', () => {
  it('is held for a coordinator once (a limit in the way), who then settles it', async () => {
    const now = new Date();
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { autoConfirmDays: 7, maxDebitMinutes: 60 });
    const [helper, helped] = [await makeMember(ctx, c), await makeMember(ctx, c)];
    const ex = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 90, awaitingSince: daysAgo(8, now) });

    const run = await autoConfirmDue(ctx.db, now);
    expect(run.skipped).toEqual([{ exchangeId: ex.id, code: 'ledger.limit_exceeded' }]);
    const held = await statusOf(ex.id);
    expect(held).toMatchObject({ status: 'done', autoConfirmHeldAt: expect.any(Date) });
    const events = await ctx.database.query<{ kind: string; note: string }>('SELECT kind, note FROM exchange_events WHERE exchange_id = $1', [ex.id]);
    expect(events).toEqual([{ kind: 'auto_confirm_held', note: expect.stringContaining('limit') }]);
    const told = await ctx.database.query<{ user_id: string }>("SELECT user_id FROM notifications WHERE source_id = $1 AND kind = 'exchange.auto_confirm_held' ORDER BY user_id", [ex.id]);
    expect(told.map((r) => r.user_id).sort()).toEqual([helper.id, helped.id, c.coordinator.id].sort());
    // Not retried every hour: the next runs leave it alone.
    expect(await autoConfirmDue(ctx.db, new Date(now.getTime() + DAY))).toEqual({ confirmed: 0, skipped: [] });

    const coordinator = await signInAs(ctx, c.coordinator);
    const queue = (await coordinator.get(`/api/communities/${c.id}/exchange-queue`)).json();
    expect(queue.held.map((e: { id: string }) => e.id)).toEqual([ex.id]);
    expect(queue.held[0]).toMatchObject({ autoConfirmAt: null, allowedActions: ['resolve'] });
    const resolved = await coordinator.post(`/api/communities/${c.id}/exchanges/${ex.id}/resolution`, { minutes: 60, upheldAgainst: 'neither', note: 'Agreed with both to post the hour the limit allows' });
    expect(resolved.statusCode).toBe(200);
    expect(await statusOf(ex.id)).toMatchObject({ status: 'resolved', confirmedMinutes: 60 });
    expect((await coordinator.get(`/api/communities/${c.id}/exchange-queue`)).json().held).toEqual([]);
    expect((await checkLedger(ctx.db, c.id)).balanced).toBe(true);
  });

  it('is held when one of the two is suspended or has left, and no hours move', async () => {
    const now = new Date();
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { autoConfirmDays: 7 });
    const [helper, helped, other] = [await makeMember(ctx, c), await makeMember(ctx, c), await makeMember(ctx, c)];
    const toSuspended = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 30, awaitingSince: daysAgo(8, now) });
    const toLeaver = await makeExchange(ctx, c, other, helper, { status: 'done', recordedMinutes: 30, awaitingSince: daysAgo(8, now) });
    const coordinator = await signInAs(ctx, c.coordinator);
    expect((await coordinator.post(`/api/communities/${c.id}/members/${helped.id}/suspension`, { reason: 'Under review' })).statusCode).toBe(200);
    expect((await (await signInAs(ctx, other)).delete(`/api/communities/${c.id}/membership`)).statusCode).toBe(200);

    const run = await autoConfirmDue(ctx.db, now);
    expect(run.confirmed).toBe(0);
    expect(run.skipped.map((s) => s.code)).toEqual(['member.unavailable', 'member.unavailable']);
    expect((await statusOf(toSuspended.id)).status).toBe('done');
    expect((await statusOf(toLeaver.id)).status).toBe('done');
    expect(await ctx.database.query('SELECT 1 FROM ledger_transactions WHERE exchange_id IN ($1, $2)', [toSuspended.id, toLeaver.id])).toEqual([]);
  });
});

describe('the reminder before an exchange confirms itself', () => {
  const reminders = (id: string) =>
    ctx.database.query<{ user_id: string; title: string; body: string; source_id: string }>(
      "SELECT user_id, title, body, source_id FROM notifications WHERE kind = 'exchange.auto_confirm_reminder' AND link = $1 ORDER BY created_at", [`/timebank/exchanges/${id}`]);

  it('goes once, two days before, to whoever must answer', async () => {
    const now = new Date();
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { autoConfirmDays: 7 });
    const helper = await makeMember(ctx, c, { displayName: 'Hana Helper' });
    const helped = await makeMember(ctx, c, { displayName: 'Pat Helped' });
    const soon = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 90, awaitingSince: daysAgo(5.5, now) });
    const early = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 60, awaitingSince: daysAgo(3, now) });
    const changed = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 120, awaitingSince: daysAgo(9, now) });
    await ctx.db.update(exchanges).set({ adjustedMinutes: 60, adjustmentNote: 'An hour', awaitingSince: daysAgo(6, now) }).where(eq(exchanges.id, changed.id));
    const held = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 30, awaitingSince: daysAgo(6, now) });
    await ctx.db.update(exchanges).set({ autoConfirmHeldAt: now }).where(eq(exchanges.id, held.id));

    expect(await remindBeforeAutoConfirm(ctx.db, now)).toBe(2);
    const [toHelped] = await reminders(soon.id);
    expect(toHelped).toMatchObject({ user_id: helped.id, title: expect.stringContaining('Hana Helper recorded') });
    expect(toHelped.body).toMatch(new RegExp(`^${formatMinutes(90)} will be confirmed on \\d{1,2} [A-Z][a-z]+ \\d{4} unless you confirm it, change it or ask a coordinator`));
    const [toHelper] = await reminders(changed.id);
    expect(toHelper).toMatchObject({ user_id: helper.id, title: expect.stringContaining('Pat Helped changed the time') });
    expect(toHelper.body).toContain(`${formatMinutes(60)} will be confirmed`);
    expect(await reminders(early.id)).toEqual([]);
    expect(await reminders(held.id)).toEqual([]);

    // Run again, as the hourly job does: nobody is told twice.
    expect(await remindBeforeAutoConfirm(ctx.db, now)).toBe(0);
    expect(await reminders(soon.id)).toHaveLength(1);
    // A time recorded again starts a new wait, with its own reminder when that one nears its end.
    await ctx.db.update(exchanges).set({ awaitingSince: daysAgo(5.2, now) }).where(eq(exchanges.id, soon.id));
    expect(await remindBeforeAutoConfirm(ctx.db, now)).toBe(1);
    expect(await reminders(soon.id)).toHaveLength(2);
  });

  it('reaches an organisation through the people who act for it', async () => {
    const now = new Date();
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { autoConfirmDays: 2 });
    const helper = await makeMember(ctx, c);
    const agent = await makeMember(ctx, c);
    const charity = await makeOrganisation(ctx, c, { agents: [agent] });
    const ex = await makeExchange(ctx, c, helper, charity, { status: 'done', recordedMinutes: 45, awaitingSince: daysAgo(1.2, now) });
    expect(await remindBeforeAutoConfirm(ctx.db, now)).toBe(1);
    expect((await reminders(ex.id)).map((r) => r.user_id)).toEqual([agent.id]);
  });
});
