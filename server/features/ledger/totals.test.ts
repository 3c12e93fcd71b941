// A statement's totals over a period: opening and closing balance, minutes in and out, hours
// given and received net of reversals, on the statement's own day boundaries (Europe/London),
// and who may ask for whose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerTransactions } from '../../db/schema.ts';
import type { TestContext } from '../../../test/context.ts';
import { anonymous, makeCommunity, makeExchange, makeMember, makeOrganisation, openCommunityWorld, setTimebank, signInAs, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { memberAccountIds } from './posting.ts';

let ctx: TestContext;
let community: TestCommunity;
let coordinator: Client;
beforeAll(async () => ({ ctx, community, coordinator } = await openCommunityWorld()));
afterAll(() => ctx?.close());

const api = (path: string, c: TestCommunity = community) => `/api/communities/${c.id}${path}`;

/**
 * An exchange whose hours were posted at `postedAt`, written as the confirmation writes it (the
 * ledger keeps no way to back-date a posting, so history is laid down directly); returns the transaction.
 */
async function postedAt(provider: TestUser, receiver: TestUser, minutes: number, at: string, c: TestCommunity = community): Promise<string> {
  const ex = await makeExchange(ctx, c, provider, receiver, { status: 'done', recordedMinutes: minutes });
  const accounts = await memberAccountIds(ctx.db, c.id, [provider.id, receiver.id]);
  const when = new Date(at);
  return ctx.db.transaction(async (tx) => {
    const [t] = await tx.insert(ledgerTransactions).values({ communityId: c.id, kind: 'exchange', baseKind: 'exchange', exchangeId: ex.id, createdBy: receiver.id, postedAt: when }).returning();
    await tx.insert(ledgerEntries).values([
      { communityId: c.id, transactionId: t.id, kind: 'exchange', baseKind: 'exchange', accountId: accounts.get(provider.id)!, amount: minutes, postedAt: when },
      { communityId: c.id, transactionId: t.id, kind: 'exchange', baseKind: 'exchange', accountId: accounts.get(receiver.id)!, amount: -minutes, postedAt: when },
    ]);
    return t.id;
  });
}

describe('statement totals', () => {
  let me: TestUser;
  let asMe: Client;
  beforeAll(async () => {
    me = await makeMember(ctx, community, { verified: true });
    const other = await makeMember(ctx, community, { verified: true });
    asMe = await signInAs(ctx, me);
    // 1 July 2025 00:30 in London is still 30 June in UTC: it belongs to July.
    await postedAt(me, other, 120, '2025-06-30T23:30:00Z');
    await postedAt(other, me, 90, '2026-02-05T12:00:00Z');
    const mistaken = await postedAt(me, other, 45, '2026-02-20T12:00:00Z');
    // Today: a coordinator reverses the 20 February exchange, and I give 15 minutes to the fund.
    expect((await coordinator.post(api(`/ledger/transactions/${mistaken}/reversal`), { reason: 'Confirmed by mistake' })).statusCode).toBe(201);
    expect((await asMe.post(api('/ledger/donations'), { minutes: 15, note: 'For the lunch club' })).statusCode).toBe(201);
  });

  it('adds up a closed period from the entries in it, with the balance before and after', async () => {
    const res = await asMe.get(api('/ledger/statement/totals?from=2026-02-01&to=2026-02-28'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      userId: me.id, displayName: me.displayName, mode: 'zero_sum', from: '2026-02-01', to: '2026-02-28',
      openingBalance: 120, closingBalance: 75, minutesIn: 45, minutesOut: 90, givenMinutes: 45, receivedMinutes: 90, entries: 2,
    });
    // The statement for the same dates lists exactly the lines these totals add up.
    const statement = (await asMe.get(api('/ledger/statement?from=2026-02-01&to=2026-02-28'))).json();
    expect(statement.entries.map((e: { amount: number }) => e.amount)).toEqual([45, -90]);
    expect(statement.entries[0].balanceAfter).toBe(75);
  });

  it('counts a reversal against the hours given in the period it was posted, and a donation as minutes out', async () => {
    const since = (await asMe.get(api('/ledger/statement/totals?from=2026-02-01'))).json();
    expect(since).toMatchObject({ openingBalance: 120, minutesIn: 45, minutesOut: 90 + 45 + 15, givenMinutes: 0, receivedMinutes: 90, entries: 4, to: null });
    const statement = (await asMe.get(api('/ledger/statement'))).json();
    expect(since.closingBalance).toBe(statement.account.balance);
  });

  it('puts the day boundaries where the statement does, in the community’s time zone', async () => {
    expect((await asMe.get(api('/ledger/statement/totals?to=2025-06-30'))).json()).toMatchObject({ openingBalance: 0, closingBalance: 0, entries: 0 });
    expect((await asMe.get(api('/ledger/statement/totals?from=2025-07-01&to=2025-07-01'))).json()).toMatchObject({ openingBalance: 0, closingBalance: 120, minutesIn: 120, givenMinutes: 120, entries: 1 });
  });

  it('over the whole history, equals the statement’s own balance and hours given and received', async () => {
    const all = (await asMe.get(api('/ledger/statement/totals'))).json();
    const { account } = (await asMe.get(api('/ledger/statement'))).json();
    expect(all).toMatchObject({ from: null, to: null, openingBalance: 0, closingBalance: account.balance, givenMinutes: account.givenMinutes, receivedMinutes: account.receivedMinutes, entries: 5 });
    expect(all.minutesIn - all.minutesOut).toBe(account.balance);
  });

  it('is all zeros for a member with no hours yet', async () => {
    const fresh = await signInAs(ctx, await makeMember(ctx, community));
    expect((await fresh.get(api('/ledger/statement/totals?from=2026-01-01'))).json()).toMatchObject({
      openingBalance: 0, closingBalance: 0, minutesIn: 0, minutesOut: 0, givenMinutes: 0, receivedMinutes: 0, entries: 0,
    });
  });

  it('leaves the balances out in a participation-only community but still counts the hours', async () => {
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { mode: 'participation' });
    const [helper, helped] = [await makeMember(ctx, c), await makeMember(ctx, c)];
    await postedAt(helper, helped, 60, '2026-03-03T10:00:00Z', c);
    expect((await (await signInAs(ctx, helper)).get(api('/ledger/statement/totals?from=2026-03-01&to=2026-03-31', c))).json()).toMatchObject({
      mode: 'participation', openingBalance: null, closingBalance: null, givenMinutes: 60, minutesIn: 60, entries: 1,
    });
  });

  it('shows someone else’s totals only to a coordinator or to an agent of that organisation', async () => {
    const nosy = await signInAs(ctx, await makeMember(ctx, community));
    const refused = await nosy.get(api(`/ledger/statement/totals?userId=${me.id}`));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('ledger.statement_forbidden');
    expect((await coordinator.get(api(`/ledger/statement/totals?userId=${me.id}&to=2026-02-28`))).json()).toMatchObject({ userId: me.id, closingBalance: 75 });
    const agent = await makeMember(ctx, community);
    const org = await makeOrganisation(ctx, community, { agents: [agent] });
    expect((await (await signInAs(ctx, agent)).get(api(`/ledger/statement/totals?userId=${org.id}`))).json()).toMatchObject({ userId: org.id, displayName: org.displayName });
  });

  it('gives nothing about another community’s members, nor to outsiders or anonymous callers', async () => {
    const elsewhere = await makeCommunity(ctx);
    const stranger = await makeMember(ctx, elsewhere);
    const res = await coordinator.get(api(`/ledger/statement/totals?userId=${stranger.id}`));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ledger.statement_forbidden');
    const outsider = await signInAs(ctx, stranger);
    const asOutsider = await outsider.get(api('/ledger/statement/totals'));
    expect(asOutsider.statusCode).toBe(403);
    expect(asOutsider.json().error.code).toBe('community.not_member');
    // The outsider's own community answers for them, not for our member.
    expect((await outsider.get(api(`/ledger/statement/totals?userId=${me.id}`, elsewhere))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(api('/ledger/statement/totals'))).statusCode).toBe(401);
  });

  it('refuses dates that are not dates, and a period that ends before it starts', async () => {
    const bad = await asMe.get(api('/ledger/statement/totals?from=last-week'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('from');
    const reversed = await asMe.get(api('/ledger/statement/totals?from=2026-03-01&to=2026-02-01'));
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error).toMatchObject({ code: 'ledger.period_reversed', field: 'to' });
    expect((await asMe.get(api('/ledger/statement/totals?userId=nobody'))).json().error.field).toBe('userId');
  });
});
