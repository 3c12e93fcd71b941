// Hours move only between people who can take part now, and a coordinator's correction keeps to
// the limits like any posting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { countRows, makeCommunity, makeExchange, makeMember, setTimebank, signInAs, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let c: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  c = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const api = (path: string) => `/api/communities/${c.id}${path}`;
const LEDGER = ['ledger_transactions', 'ledger_entries', 'interactions'];

describe('the other side of an exchange', () => {
  it('suspended after the time was recorded: the confirmation is refused and nothing moves', async () => {
    const [helper, helped] = [await makeMember(ctx, c), await makeMember(ctx, c)];
    const ex = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 45 });
    const coordinator = await signInAs(ctx, c.coordinator);
    expect((await coordinator.post(api(`/members/${helper.id}/suspension`), { reason: 'Under review' })).statusCode).toBe(200);
    const before = await countRows(ctx, LEDGER);
    const res = await (await signInAs(ctx, helped)).post(api(`/exchanges/${ex.id}/confirm`));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('member.unavailable');
    expect(res.json().error.message).toContain('coordinator');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
    // Disputing still works, so a coordinator can decide.
    expect((await (await signInAs(ctx, helped)).post(api(`/exchanges/${ex.id}/dispute`), { reason: 'The helper has been suspended since' })).statusCode).toBe(200);
  });

  it('gone after suggesting a change: the helper cannot accept it into their account', async () => {
    const [helper, helped] = [await makeMember(ctx, c), await makeMember(ctx, c)];
    const ex = await makeExchange(ctx, c, helper, helped, { status: 'done', recordedMinutes: 60 });
    expect((await (await signInAs(ctx, helped)).post(api(`/exchanges/${ex.id}/adjust`), { minutes: 45, note: 'We finished early' })).statusCode).toBe(200);
    expect((await (await signInAs(ctx, helped)).delete(api('/membership'))).statusCode).toBe(200);
    const before = await countRows(ctx, LEDGER);
    const res = await (await signInAs(ctx, helper)).post(api(`/exchanges/${ex.id}/accept-adjustment`));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('member.unavailable');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
  });
});

describe('a coordinator reversing a mistake', () => {
  it('is held to the debit limit like any posting: refused with a clear 409 that changes nothing, then possible after a grant', async () => {
    const d = await makeCommunity(ctx);
    await setTimebank(ctx, d, { maxDebitMinutes: 60 });
    const [helper, helped, third] = [await makeMember(ctx, d), await makeMember(ctx, d), await makeMember(ctx, d)];
    const at = (path: string) => `/api/communities/${d.id}${path}`;
    // The helper earns 60 by mistake, then spends 120 with a third member: now at −60, the limit.
    const mistaken = await makeExchange(ctx, d, helper, helped, { status: 'done', recordedMinutes: 60 });
    const first = await (await signInAs(ctx, helped)).post(at(`/exchanges/${mistaken.id}/confirm`));
    expect(first.json()).toMatchObject({ status: 'confirmed' });
    const spent = await makeExchange(ctx, d, third, helper, { status: 'done', recordedMinutes: 120 });
    expect((await (await signInAs(ctx, helper)).post(at(`/exchanges/${spent.id}/confirm`))).statusCode).toBe(200);
    // Taking the mistaken hour back would leave the helper at −120, past the limit.
    const coordinator = await signInAs(ctx, d.coordinator);
    const before = await countRows(ctx, LEDGER);
    const refused = await coordinator.post(at(`/ledger/transactions/${first.json().transactionId}/reversal`), { reason: 'Recorded by mistake' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ledger.limit_exceeded');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
    // With the limit raised for the correction, it goes through.
    await setTimebank(ctx, d, { maxDebitMinutes: 120 });
    const undo = await coordinator.post(at(`/ledger/transactions/${first.json().transactionId}/reversal`), { reason: 'Recorded by mistake' });
    expect(undo.statusCode).toBe(201);
    const [account] = await ctx.database.query<{ balance: number }>('SELECT balance FROM ledger_accounts WHERE community_id = $1 AND user_id = $2', [d.id, helper.id]);
    expect(Number(account.balance)).toBe(-120);
  });
});
