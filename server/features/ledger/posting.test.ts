// The ledger's own guarantees: the pure limit rules, and the database refusing what would
// corrupt the ledger whatever the application code does.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { assertBalanced, fundAccountId, limitBreach, memberAccountIds, postTransaction, type LockedAccount } from './posting.ts';
import { checkLedger } from './reports.ts';

let ctx: TestContext;
let community: TestCommunity;
let alice: TestUser;
let bob: TestUser;
let accounts: Map<string, string>;
let posted: string;

/** The message of a database failure, whichever driver wrapped it. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { message: string; cause?: { message: string } };
    return `${e.message} ${e.cause?.message ?? ''}`;
  }
  throw new Error('expected the database to refuse');
}

beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
  alice = await makeMember(ctx, community);
  bob = await makeMember(ctx, community);
  accounts = await memberAccountIds(ctx.db, community.id, [alice.id, bob.id]);
  posted = (await ctx.db.transaction((tx) => postTransaction(tx, {
    communityId: community.id, kind: 'grant', createdBy: community.coordinator.id, note: 'Opening grant for tests',
    legs: [{ accountId: accounts.get(alice.id)!, amount: 60 }, { accountId: accounts.get(bob.id)!, amount: -60 }],
  }))).id;
});
afterAll(() => ctx?.close());

const account = (over: Partial<LockedAccount>): LockedAccount => ({ id: 'a', kind: 'member', userId: 'u', balance: 0, displayName: 'Ada', ...over });
const zeroSum = { mode: 'zero_sum' as const, maxDebitMinutes: 600, maxCreditMinutes: 1200 };

describe('limit rules', () => {
  it('refuses a debit past the limit and allows one up to it', () => {
    expect(limitBreach(zeroSum, [account({ balance: -500 })], [{ accountId: 'a', amount: -100 }])).toBeNull();
    const breach = limitBreach(zeroSum, [account({ balance: -500 })], [{ accountId: 'a', amount: -101 }]);
    expect(breach?.code).toBe('ledger.limit_exceeded');
    expect(breach?.status).toBe(409);
    expect(breach?.message).toBe("This would take Ada's balance to -10 h 1 min, past this community's limit of 10 h in debit. They need to earn some hours first, or ask a coordinator.");
  });

  it('refuses a credit past the limit', () => {
    expect(limitBreach(zeroSum, [account({ balance: 1200 })], [{ accountId: 'a', amount: 1 }])?.code).toBe('ledger.limit_exceeded');
  });

  it('lets a member already past a lowered limit move back towards zero', () => {
    expect(limitBreach(zeroSum, [account({ balance: -900 })], [{ accountId: 'a', amount: 30 }])).toBeNull();
    expect(limitBreach(zeroSum, [account({ balance: 1500 })], [{ accountId: 'a', amount: -30 }])).toBeNull();
  });

  it('never lets the fund go below zero, and keeps no limits in participation mode', () => {
    expect(limitBreach(zeroSum, [account({ kind: 'fund', userId: null, balance: 10 })], [{ accountId: 'a', amount: -11 }])?.code).toBe('ledger.fund_insufficient');
    expect(limitBreach({ ...zeroSum, mode: 'participation' }, [account({ balance: -5000 })], [{ accountId: 'a', amount: -5000 }])).toBeNull();
  });

  it('refuses unbalanced, single-leg, zero, fractional and repeated-account postings', () => {
    expect(() => assertBalanced([{ accountId: 'a', amount: 10 }, { accountId: 'b', amount: -9 }])).toThrow();
    expect(() => assertBalanced([{ accountId: 'a', amount: 0 }, { accountId: 'b', amount: 0 }])).toThrow();
    expect(() => assertBalanced([{ accountId: 'a', amount: 1.5 }, { accountId: 'b', amount: -1.5 }])).toThrow();
    expect(() => assertBalanced([{ accountId: 'a', amount: 10 }, { accountId: 'a', amount: -10 }])).toThrow();
    expect(() => assertBalanced([{ accountId: 'a', amount: 10 }, { accountId: 'b', amount: -10 }])).not.toThrow();
  });
});

describe('the database refuses', () => {
  it('to update or delete posted entries and transactions, or to empty the tables', async () => {
    expect(await failure(ctx.database.query('UPDATE ledger_entries SET amount = amount * 2 WHERE transaction_id = $1', [posted]))).toMatch(/append-only/);
    expect(await failure(ctx.database.query('DELETE FROM ledger_entries WHERE transaction_id = $1', [posted]))).toMatch(/append-only/);
    expect(await failure(ctx.database.query("UPDATE ledger_transactions SET note = 'edited' WHERE id = $1", [posted]))).toMatch(/append-only/);
    expect(await failure(ctx.database.query('DELETE FROM ledger_transactions WHERE id = $1', [posted]))).toMatch(/append-only/);
    expect(await failure(ctx.database.query('TRUNCATE ledger_entries CASCADE'))).toMatch(/append-only/);
    const [{ n }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_entries WHERE transaction_id = $1', [posted]);
    expect(n).toBe(2);
  });

  it('to change a balance other than by posting, or to delete an account', async () => {
    expect(await failure(ctx.database.query('UPDATE ledger_accounts SET balance = 100000 WHERE id = $1', [accounts.get(alice.id)]))).toMatch(/only by posting entries/);
    expect(await failure(ctx.database.query('DELETE FROM ledger_accounts WHERE id = $1', [accounts.get(alice.id)]))).toMatch(/never deleted/);
    expect(await failure(ctx.database.query("INSERT INTO ledger_accounts (community_id, kind, user_id, balance) VALUES ($1, 'member', $2, 500)", [community.id, community.coordinator.id]))).toMatch(/zero balance/);
  });

  it('a zero amount', async () => {
    const message = await failure(ctx.db.transaction(async (tx) => {
      const [t] = (await tx.execute(sql`INSERT INTO ledger_transactions (community_id, kind, base_kind, note, created_by) VALUES (${community.id}, 'grant', 'grant', 'zero', ${community.coordinator.id}) RETURNING id`) as unknown as { rows: { id: string }[] }).rows;
      await tx.execute(sql`INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount) VALUES (${community.id}, ${t.id}, 'grant', 'grant', ${accounts.get(alice.id)}, 0), (${community.id}, ${t.id}, 'grant', 'grant', ${accounts.get(bob.id)}, 0)`);
    }));
    expect(message).toMatch(/check constraint|ledger_entries_amount_check/);
  });

  it('at commit, a transaction whose entries do not sum to zero, or that has fewer than two', async () => {
    const before = await checkLedger(ctx.db, community.id);
    const unbalanced = await failure(ctx.db.transaction(async (tx) => {
      const [t] = (await tx.execute(sql`INSERT INTO ledger_transactions (community_id, kind, base_kind, note, created_by) VALUES (${community.id}, 'grant', 'grant', 'unbalanced', ${community.coordinator.id}) RETURNING id`) as unknown as { rows: { id: string }[] }).rows;
      await tx.execute(sql`INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount) VALUES (${community.id}, ${t.id}, 'grant', 'grant', ${accounts.get(alice.id)}, 30), (${community.id}, ${t.id}, 'grant', 'grant', ${accounts.get(bob.id)}, -20)`);
    }));
    expect(unbalanced).toMatch(/does not balance: 2 entries summing to 10 minutes/);
    const empty = await failure(ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO ledger_transactions (community_id, kind, base_kind, note, created_by) VALUES (${community.id}, 'grant', 'grant', 'empty', ${community.coordinator.id})`);
    }));
    expect(empty).toMatch(/does not balance: 0 entries/);
    const addedLater = await failure(ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount) VALUES (${community.id}, ${posted}, 'grant', 'grant', ${await fundAccountId(tx, community.id)}, 15)`);
    }));
    expect(addedLater).toMatch(/does not balance: 3 entries summing to 15 minutes/);
    expect(await checkLedger(ctx.db, community.id)).toEqual(before);
  });

  it("an entry that claims a different kind from its transaction's", async () => {
    const carol = (await memberAccountIds(ctx.db, community.id, [(await makeMember(ctx, community)).id])).values().next().value!;
    const message = await failure(ctx.db.transaction(async (tx) => {
      await tx.execute(sql`INSERT INTO ledger_entries (community_id, transaction_id, kind, base_kind, account_id, amount) VALUES
        (${community.id}, ${posted}, 'exchange', 'exchange', ${carol}, 5), (${community.id}, ${posted}, 'exchange', 'exchange', ${await fundAccountId(tx, community.id)}, -5)`);
    }));
    expect(message).toMatch(/foreign key/);
  });

  it('to commit a posting refused for a limit, even when the caller carries on', async () => {
    const fund = await fundAccountId(ctx.db, community.id);
    const before = await checkLedger(ctx.db, community.id);
    const [{ n }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_transactions WHERE community_id = $1', [community.id]);
    let refusal: { code?: string } | undefined;
    let next = '';
    await ctx.db.transaction(async (tx) => {
      // A caller that swallows the 409 and goes on: the database transaction is already aborted.
      await postTransaction(tx, {
        communityId: community.id, kind: 'grant', createdBy: community.coordinator.id, note: 'More than the fund holds',
        legs: [{ accountId: fund, amount: -100_000 }, { accountId: accounts.get(alice.id)!, amount: 100_000 }],
      }).catch((error) => { refusal = error; });
      next = await failure(tx.execute(sql`SELECT 1`));
    }).catch(() => undefined);
    expect(refusal?.code).toBe('ledger.fund_insufficient');
    expect(next).toMatch(/aborted/);
    const [{ n: after }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_transactions WHERE community_id = $1', [community.id]);
    expect(after).toBe(n);
    expect(await checkLedger(ctx.db, community.id)).toEqual(before);
  });

  it("an entry on another community's account", async () => {
    const elsewhere = await makeCommunity(ctx);
    const foreignFund = await fundAccountId(ctx.db, elsewhere.id);
    const message = await failure(ctx.db.transaction((tx) => postTransaction(tx, {
      communityId: community.id, kind: 'grant', createdBy: community.coordinator.id, note: 'Crossing communities',
      legs: [{ accountId: foreignFund, amount: -5 }, { accountId: accounts.get(alice.id)!, amount: 5 }],
    })));
    expect(message).toMatch(/could not find that account/);
  });

  it('a reversal of a reversal', async () => {
    const legs = [{ accountId: accounts.get(alice.id)!, amount: -60 }, { accountId: accounts.get(bob.id)!, amount: 60 }];
    const reversal = await ctx.db.transaction((tx) => postTransaction(tx, {
      communityId: community.id, kind: 'reversal', reversesId: posted, reversedKind: 'grant', createdBy: community.coordinator.id, note: 'Granted in error', legs,
    }));
    const message = await failure(ctx.db.transaction((tx) => postTransaction(tx, {
      communityId: community.id, kind: 'reversal', reversesId: reversal.id, reversedKind: 'grant', createdBy: community.coordinator.id, note: 'Undo the undo',
      legs: legs.map((l) => ({ ...l, amount: -l.amount })),
    })));
    expect(message).toMatch(/foreign key/);
  });
});
