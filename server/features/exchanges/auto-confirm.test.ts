import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeExchange, makeMember, setTimebank } from '../../../test/factories.ts';
import { exchanges } from '../../db/schema.ts';
import { checkLedger } from '../ledger/reports.ts';
import { autoConfirmDue } from './confirm.ts';

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
