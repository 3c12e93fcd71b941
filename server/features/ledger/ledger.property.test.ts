// Property tests of the ledger services on a real database: random sequences of exchanges,
// reversals, donations, grants and group exchanges, checked against a plain model of the
// balances. Each operation must succeed exactly when the model says the limits allow it (or
// fail with the expected 409), and after every sequence: every transaction sums to zero,
// every balance equals the sum of its entries and the model, the community's balances sum to
// zero, and no limit was ever broken.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeExchange, makeMember, setTimebank, skillIdOf, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { AppError } from '../../lib/errors.ts';
import { confirmExchange } from '../exchanges/service.ts';
import { fundAccountId } from './posting.ts';
import { checkLedger } from './reports.ts';
import { donate, grant, recordGroupExchange, reverse } from './transfers.ts';

const MAX_DEBIT = 150;
const MAX_CREDIT = 240;
const PEOPLE = 4;

let ctx: TestContext;
let litterPicking: number;
beforeAll(async () => {
  ctx = await createTestContext();
  litterPicking = await skillIdOf(ctx, 'litter-picking');
});
afterAll(() => ctx?.close());

type Op =
  | { kind: 'exchange'; provider: number; receiver: number; minutes: number }
  | { kind: 'donate'; donor: number; minutes: number }
  | { kind: 'grant'; recipient: number; minutes: number }
  | { kind: 'group'; payer: number | 'fund'; participants: { who: number; minutes: number }[] }
  | { kind: 'reverse'; pick: number };

const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const minutes = fc.integer({ min: 1, max: 200 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('exchange' as const), provider: person, receiver: person, minutes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('donate' as const), donor: person, minutes }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('grant' as const), recipient: person, minutes }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('group' as const),
      payer: fc.oneof(fc.constant('fund' as const), person),
      participants: fc.uniqueArray(fc.record({ who: person, minutes: fc.integer({ min: 1, max: 90 }) }), { selector: (p) => p.who, minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);

/** The balances the rules predict, and whether a set of moves is allowed from them. */
class Model {
  balances = new Map<string, number>();
  constructor(readonly zeroSum: boolean) {}
  get(id: string) {
    return this.balances.get(id) ?? 0;
  }
  allows(moves: { id: string; amount: number; fund?: boolean; noOverdraw?: boolean }[]): boolean {
    if (!this.zeroSum) return true;
    return moves.every(({ id, amount, fund, noOverdraw }) => {
      const after = this.get(id) + amount;
      if (fund || noOverdraw) return amount > 0 || after >= 0;
      return amount < 0 ? after >= -MAX_DEBIT : after <= MAX_CREDIT;
    });
  }
  apply(moves: { id: string; amount: number }[]) {
    for (const { id, amount } of moves) this.balances.set(id, this.get(id) + amount);
  }
}

/** Runs an operation expected to succeed (returning its transaction id) or be refused with one of `refusedCodes`. */
async function expectOutcome(run: () => Promise<string | null>, allowed: boolean, refusedCodes: string[]): Promise<string | null> {
  let id: string | null;
  try {
    id = await run();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(allowed, `refused with ${error.code}: ${error.message}`).toBe(false);
    expect(refusedCodes).toContain(error.code);
    return null;
  }
  expect(allowed, 'the model expected a refusal').toBe(true);
  expect(id).toBeTruthy();
  return id;
}

async function runSequence(community: TestCommunity, people: TestUser[], zeroSum: boolean, ops: Op[]) {
  const model = new Model(zeroSum);
  const fund = await fundAccountId(ctx.db, community.id);
  const coordinator = { userId: community.coordinator.id, coordinator: true };
  const posted: { id: string; moves: { id: string; amount: number }[]; reversed: boolean; isReversal: boolean }[] = [];
  const record = (moves: { id: string; amount: number }[], id: string | null) => {
    if (id === null) return;
    model.apply(moves);
    posted.push({ id, moves, reversed: false, isReversal: false });
  };
  const limitCodes = ['ledger.limit_exceeded', 'ledger.fund_insufficient', 'ledger.insufficient_balance'];

  for (const o of ops) {
    if (o.kind === 'exchange') {
      if (o.provider === o.receiver) continue;
      const [p, r] = [people[o.provider].id, people[o.receiver].id];
      const ex = await makeExchange(ctx, community, people[o.provider], people[o.receiver], { status: 'done', recordedMinutes: o.minutes });
      const moves = [{ id: p, amount: o.minutes }, { id: r, amount: -o.minutes }];
      const confirm = async () => {
        await confirmExchange(ctx.db, community.id, { userId: r, coordinator: false }, ex.id);
        return (await ctx.database.query<{ id: string }>('SELECT id FROM ledger_transactions WHERE exchange_id = $1', [ex.id]))[0].id;
      };
      record(moves, await expectOutcome(confirm, model.allows(moves), limitCodes));
    } else if (o.kind === 'donate') {
      const d = people[o.donor].id;
      const moves = [{ id: d, amount: -o.minutes, noOverdraw: true }, { id: fund, amount: o.minutes, fund: true }];
      const codes = zeroSum ? limitCodes : ['ledger.participation_mode'];
      record(moves, await expectOutcome(async () => (await donate(ctx.db, community.id, d, { minutes: o.minutes, note: '' })).id, zeroSum && model.allows(moves), codes));
    } else if (o.kind === 'grant') {
      const r = people[o.recipient].id;
      const moves = [{ id: fund, amount: -o.minutes, fund: true }, { id: r, amount: o.minutes }];
      const codes = zeroSum ? limitCodes : ['ledger.participation_mode'];
      record(moves, await expectOutcome(async () => (await grant(ctx.db, community.id, coordinator.userId, { userId: r, minutes: o.minutes, reason: 'Property test grant' })).id, zeroSum && model.allows(moves), codes));
    } else if (o.kind === 'group') {
      const payer = o.payer === 'fund' ? null : people[o.payer].id;
      if (payer && o.participants.some((p) => people[p.who].id === payer)) continue;
      const total = o.participants.reduce((s, p) => s + p.minutes, 0);
      const moves = [{ id: payer ?? fund, amount: -total, fund: payer === null }, ...o.participants.map((p) => ({ id: people[p.who].id, amount: p.minutes }))];
      const body = { title: 'Litter pick', skillId: litterPicking, occurredOn: '2026-04-01', payer: payer ? { kind: 'member' as const, userId: payer } : { kind: 'fund' as const }, participants: o.participants.map((p) => ({ userId: people[p.who].id, minutes: p.minutes })) };
      record(moves, await expectOutcome(async () => (await recordGroupExchange(ctx.db, community.id, coordinator.userId, body)).transactionId, model.allows(moves), limitCodes));
    } else if (posted.length > 0) {
      const target = posted[o.pick % posted.length];
      const moves = target.moves.map((m) => ({ id: m.id, amount: -m.amount, fund: m.id === fund }));
      const allowed = !target.reversed && !target.isReversal && model.allows(moves);
      const codes = target.isReversal ? ['ledger.reversal_of_reversal'] : target.reversed ? ['ledger.already_reversed'] : limitCodes;
      const id = await expectOutcome(async () => (await reverse(ctx.db, community.id, coordinator.userId, target.id, 'Property test correction')).id, allowed, codes);
      if (id !== null) {
        target.reversed = true;
        model.apply(moves);
        posted.push({ id, moves, reversed: false, isReversal: true });
      }
    }
  }

  const check = await checkLedger(ctx.db, community.id);
  expect(check.unbalancedTransactions).toEqual([]);
  expect(check.mismatchedAccounts).toEqual([]);
  expect(check.balancesTotal).toBe(0);
  const rows = await ctx.database.query<{ user_id: string | null; kind: string; balance: number; total: number }>(
    `SELECT a.user_id, a.kind, a.balance, coalesce(sum(e.amount), 0)::int AS total
     FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id WHERE a.community_id = $1 GROUP BY a.id`, [community.id]);
  for (const row of rows) {
    expect(row.balance).toBe(row.total);
    expect(row.balance).toBe(model.get(row.user_id ?? fund));
    if (zeroSum && row.kind === 'member') expect(row.balance).toBeGreaterThanOrEqual(-MAX_DEBIT);
    if (zeroSum && row.kind === 'member') expect(row.balance).toBeLessThanOrEqual(MAX_CREDIT);
    if (zeroSum && row.kind === 'fund') expect(row.balance).toBeGreaterThanOrEqual(0);
  }
  const [{ sums }] = await ctx.database.query<{ sums: number }>(
    'SELECT count(*)::int AS sums FROM (SELECT transaction_id FROM ledger_entries WHERE community_id = $1 GROUP BY transaction_id HAVING sum(amount) <> 0 OR count(*) < 2) s', [community.id]);
  expect(sums).toBe(0);
}

it('keeps every transaction balanced, every balance equal to its entries and every limit, whatever happens', async () => {
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 25 }), async (zeroSum, ops) => {
      const community = await makeCommunity(ctx);
      await setTimebank(ctx, community, { mode: zeroSum ? 'zero_sum' : 'participation', maxDebitMinutes: MAX_DEBIT, maxCreditMinutes: MAX_CREDIT });
      const people = [];
      for (let i = 0; i < PEOPLE; i++) people.push(await makeMember(ctx, community));
      await runSequence(community, people, zeroSum, ops);
    }),
    { numRuns: 30 },
  );
}, 600_000);
