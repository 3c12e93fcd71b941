// Many confirmations racing for the same debit limit over parallel connections. Only PostgreSQL
// runs them truly at once: PGlite is one connection inside this process, so there every
// transaction already runs alone and the race cannot happen.
import { describe, expect, it } from 'vitest';
import { createTestContext, onPostgres } from '../../../test/context.ts';
import { makeCommunity, makeExchange, makeMember, setTimebank, signInAs } from '../../../test/factories.ts';
import { checkLedger } from './reports.ts';

describe.skipIf(!onPostgres())('confirmations racing for one debit limit (PostgreSQL only: PGlite has a single connection, so nothing can race)', () => {
  it('lets exactly the allowed confirmations through and answers the rest with 409 ledger.limit_exceeded', async () => {
    const ctx = await createTestContext();
    try {
      const community = await makeCommunity(ctx);
      // 5 hours of debit allowed; twelve 1-hour exchanges all waiting for the same receiver.
      await setTimebank(ctx, community, { maxDebitMinutes: 300, maxCreditMinutes: 6000 });
      const receiver = await makeMember(ctx, community, { displayName: 'Rosa Receiver' });
      const asReceiver = await signInAs(ctx, receiver);
      const exchanges = [];
      for (let i = 0; i < 12; i++) exchanges.push(await makeExchange(ctx, community, await makeMember(ctx, community), receiver, { status: 'done', recordedMinutes: 60 }));

      const results = await Promise.all(exchanges.map((ex) => asReceiver.post(`/api/communities/${community.id}/exchanges/${ex.id}/confirm`)));

      const ok = results.filter((r) => r.statusCode === 200);
      const refused = results.filter((r) => r.statusCode === 409);
      expect(ok).toHaveLength(5);
      expect(refused).toHaveLength(7);
      for (const r of refused) {
        expect(r.json().error.code).toBe('ledger.limit_exceeded');
        expect(r.json().error.message).toBe("This would take Rosa Receiver's balance to -6 h, past this community's limit of 5 h in debit. They need to earn some hours first, or ask a coordinator.");
      }
      const [account] = await ctx.database.query<{ balance: number }>('SELECT balance FROM ledger_accounts WHERE community_id = $1 AND user_id = $2', [community.id, receiver.id]);
      expect(account.balance).toBe(-300);
      const statuses = await ctx.database.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM exchanges WHERE community_id = $1 GROUP BY status ORDER BY status', [community.id]);
      expect(statuses).toEqual([{ status: 'confirmed', n: 5 }, { status: 'done', n: 7 }]);
      const check = await checkLedger(ctx.db, community.id);
      expect(check).toEqual({ balanced: true, unbalancedTransactions: [], mismatchedAccounts: [], balancesTotal: 0 });
      const [{ n }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger_transactions WHERE community_id = $1', [community.id]);
      expect(n).toBe(5);
    } finally {
      await ctx.close();
    }
  }, 120_000);

  it('lets one donor give the same hours only once when two donations race', async () => {
    const ctx = await createTestContext();
    try {
      const community = await makeCommunity(ctx);
      const donor = await makeMember(ctx, community);
      const ex = await makeExchange(ctx, community, donor, await makeMember(ctx, community), { status: 'done', recordedMinutes: 100 });
      const receiver = await signInAs(ctx, { id: ex.receiverId });
      expect((await receiver.post(`/api/communities/${community.id}/exchanges/${ex.id}/confirm`)).statusCode).toBe(200);
      const asDonor = await signInAs(ctx, donor);
      const results = await Promise.all(Array.from({ length: 6 }, () => asDonor.post(`/api/communities/${community.id}/ledger/donations`, { minutes: 40 })));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
      expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error.code)).toEqual(Array(4).fill('ledger.insufficient_balance'));
      expect((await checkLedger(ctx.db, community.id)).balanced).toBe(true);
    } finally {
      await ctx.close();
    }
  }, 120_000);
});
