import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/context.ts';
import {
  anonymous,
  countRows,
  makeCommunity,
  makeExchange,
  makeMember,
  makeOrganisation,
  openCommunityWorld,
  setTimebank,
  signInAs,
  skillIdOf,
  type Client,
  type TestCommunity,
  type TestUser,
} from '../../../test/factories.ts';

let ctx: TestContext;
let community: TestCommunity;
let coordinator: Client;
beforeAll(async () => ({ ctx, community, coordinator } = await openCommunityWorld()));
afterAll(() => ctx?.close());

const api = (path: string, c: TestCommunity = community) => `/api/communities/${c.id}${path}`;
const LEDGER = ['ledger_transactions', 'ledger_entries', 'ledger_accounts', 'group_exchanges'];

/** Confirms an exchange through the API so that `provider` earns `minutes` from `receiver`. */
async function exchanged(provider: TestUser, receiver: TestUser, minutes: number, c: TestCommunity = community) {
  const ex = await makeExchange(ctx, c, provider, receiver, { status: 'done', recordedMinutes: minutes });
  const res = await (await signInAs(ctx, receiver)).post(api(`/exchanges/${ex.id}/confirm`, c));
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; transactionId: string };
}

describe('time-bank settings', () => {
  it('are readable by members and changed only by coordinators', async () => {
    const member = await signInAs(ctx, await makeMember(ctx, community));
    expect((await member.get(api('/timebank/settings'))).json()).toMatchObject({ mode: 'zero_sum', maxDebitMinutes: 1200, autoConfirmDays: 14, safeguardingCategories: ['care-company'] });
    expect((await member.put(api('/timebank/settings'), { maxDebitMinutes: 10 })).statusCode).toBe(403);
    const bad = await coordinator.put(api('/timebank/settings'), { autoConfirmDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('autoConfirmDays');
    expect((await coordinator.put(api('/timebank/settings'), { approvalCategories: ['not-a-category'] })).json().error.field).toBe('approvalCategories.0');
    const c = await makeCommunity(ctx);
    const changed = await (await signInAs(ctx, c.coordinator)).put(api('/timebank/settings', c), { mode: 'participation', approvalCategories: ['home-garden', 'home-garden'], autoConfirmDays: 7 });
    expect(changed.json()).toMatchObject({ mode: 'participation', approvalCategories: ['home-garden'], autoConfirmDays: 7, maxDebitMinutes: 1200 });
    const elsewhere = await makeCommunity(ctx);
    expect((await coordinator.put(api('/timebank/settings', elsewhere), { autoConfirmDays: 3 })).statusCode).toBe(403);
  });
});

describe('statements', () => {
  it('show the balance, running balance and hours given and received, page by page', async () => {
    const me = await makeMember(ctx, community);
    const other = await makeMember(ctx, community);
    await exchanged(me, other, 90);
    await exchanged(other, me, 30);
    await exchanged(me, other, 45);
    const client = await signInAs(ctx, me);
    const first = (await client.get(api('/ledger/statement?limit=2'))).json();
    expect(first.account).toMatchObject({ userId: me.id, balance: 105, givenMinutes: 135, receivedMinutes: 30, limits: { maxDebitMinutes: 1200 } });
    expect(first.entries.map((e: { amount: number; balanceAfter: number }) => [e.amount, e.balanceAfter])).toEqual([[45, 105], [-30, 60]]);
    expect(first.entries[0]).toMatchObject({ kind: 'exchange', counterparty: other.displayName, description: 'Gardening' });
    const second = (await client.get(api(`/ledger/statement?limit=2&before=${first.nextBefore}`))).json();
    expect(second.entries.map((e: { amount: number; balanceAfter: number }) => [e.amount, e.balanceAfter])).toEqual([[90, 90]]);
    expect(second.nextBefore).toBeNull();
    const none = (await client.get(api('/ledger/statement?from=2001-01-01&to=2001-12-31'))).json();
    expect(none.entries).toEqual([]);
  });

  it("are private: another member's is 403, a coordinator's view and an organisation's agent are allowed", async () => {
    const me = await makeMember(ctx, community);
    const nosy = await signInAs(ctx, await makeMember(ctx, community));
    const res = await nosy.get(api(`/ledger/statement?userId=${me.id}`));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ledger.statement_forbidden');
    expect((await coordinator.get(api(`/ledger/statement?userId=${me.id}`))).statusCode).toBe(200);
    const agent = await makeMember(ctx, community);
    const org = await makeOrganisation(ctx, community, { agents: [agent] });
    expect((await (await signInAs(ctx, agent)).get(api(`/ledger/statement?userId=${org.id}`))).json().account.displayName).toBe(org.displayName);
    expect((await anonymous(ctx).get(api('/ledger/statement'))).statusCode).toBe(401);
    expect((await nosy.get(api('/ledger/statement?from=yesterday'))).json().error.field).toBe('from');
  });

  it('export as CSV, oldest first, with a safe download name', async () => {
    const me = await makeMember(ctx, community, { displayName: 'Csv Person' });
    const other = await makeMember(ctx, community, { displayName: '=Sneaky, "Quoted"' });
    await exchanged(me, other, 90);
    await exchanged(other, me, 30);
    const res = await (await signInAs(ctx, me)).get(api('/ledger/statement.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="statement-csv-person.csv"');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('date,type,description,with,minutes_in,minutes_out,balance_after_minutes,balance_after');
    expect(lines[1]).toMatch(/,exchange,Gardening,"'=Sneaky, ""Quoted""",90,,90,1 h 30 min$/);
    expect(lines[2]).toMatch(/,exchange,Gardening,"'=Sneaky, ""Quoted""",,30,60,1 h$/);
  });

  it('hide balances in participation-only communities but still count hours', async () => {
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { mode: 'participation' });
    const me = await makeMember(ctx, c);
    const other = await makeMember(ctx, c);
    await exchanged(other, me, 1440, c);
    const statement = (await (await signInAs(ctx, me)).get(api('/ledger/statement', c))).json();
    expect(statement.account).toMatchObject({ mode: 'participation', balance: null, receivedMinutes: 1440, limits: null });
    expect(statement.entries[0].balanceAfter).toBeNull();
  });
});

describe('the community fund', () => {
  it('takes donations of hours a member has and grants them on with a reason', async () => {
    const c = await makeCommunity(ctx);
    const giver = await makeMember(ctx, c);
    const helped = await makeMember(ctx, c);
    const newcomer = await makeMember(ctx, c);
    await exchanged(giver, helped, 120, c);
    const asGiver = await signInAs(ctx, giver);
    const before = await countRows(ctx, LEDGER);
    const tooMuch = await asGiver.post(api('/ledger/donations', c), { minutes: 121 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().error).toMatchObject({ code: 'ledger.insufficient_balance', message: `${giver.displayName} has 2 h to give, which is not enough for 2 h 1 min.` });
    expect((await asGiver.post(api('/ledger/donations', c), { minutes: 0 })).json().error.field).toBe('minutes');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
    const donated = await asGiver.post(api('/ledger/donations', c), { minutes: 100, note: 'For the lunch club' });
    expect(donated.statusCode).toBe(201);
    expect(donated.json()).toMatchObject({ kind: 'donation', minutes: 100 });

    const coord = await signInAs(ctx, c.coordinator);
    expect((await asGiver.post(api('/ledger/grants', c), { userId: newcomer.id, minutes: 30, reason: 'Welcome' })).statusCode).toBe(403);
    expect((await coord.post(api('/ledger/grants', c), { userId: newcomer.id, minutes: 30, reason: '' })).json().error.field).toBe('reason');
    const broke = await coord.post(api('/ledger/grants', c), { userId: newcomer.id, minutes: 101, reason: 'Too generous' });
    expect(broke.json().error.code).toBe('ledger.fund_insufficient');
    const outsider = await makeMember(ctx, await makeCommunity(ctx));
    expect((await coord.post(api('/ledger/grants', c), { userId: outsider.id, minutes: 10, reason: 'Not ours' })).statusCode).toBe(404);
    expect((await coord.post(api('/ledger/grants', c), { userId: newcomer.id, minutes: 30, reason: 'Welcome to the time bank' })).statusCode).toBe(201);

    const fund = (await asGiver.get(api('/ledger/fund', c))).json();
    expect(fund).toMatchObject({ balance: 70, donatedMinutes: 100, grantedMinutes: 30 });
    expect(fund.recent.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([['grant', -30], ['donation', 100]]);
  });

  it('is closed in participation-only communities', async () => {
    const c = await makeCommunity(ctx);
    await setTimebank(ctx, c, { mode: 'participation' });
    const member = await signInAs(ctx, await makeMember(ctx, c));
    expect((await member.post(api('/ledger/donations', c), { minutes: 10 })).json().error.code).toBe('ledger.participation_mode');
  });

  it('takes donations from an organisation only through its agents', async () => {
    const c = await makeCommunity(ctx);
    const agent = await makeMember(ctx, c);
    const org = await makeOrganisation(ctx, c, { agents: [agent] });
    await exchanged(org, await makeMember(ctx, c), 60, c);
    const stranger = await signInAs(ctx, await makeMember(ctx, c));
    expect((await stranger.post(api('/ledger/donations', c), { minutes: 30, fromOrganisationId: org.id })).json().error.code).toBe('organisation.not_agent');
    expect((await (await signInAs(ctx, agent)).post(api('/ledger/donations', c), { minutes: 30, fromOrganisationId: org.id })).statusCode).toBe(201);
  });
});

describe('reversals', () => {
  it('correct a transaction with a mirror image, once, by a coordinator with a reason', async () => {
    const provider = await makeMember(ctx, community);
    const receiver = await makeMember(ctx, community);
    const { transactionId } = await exchanged(provider, receiver, 50);
    const url = api(`/ledger/transactions/${transactionId}/reversal`);
    expect((await (await signInAs(ctx, provider)).post(url, { reason: 'Mistake' })).statusCode).toBe(403);
    expect((await coordinator.post(url, { reason: '' })).json().error.field).toBe('reason');
    const res = await coordinator.post(url, { reason: 'Recorded against the wrong person' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'reversal', reversesId: transactionId, note: 'Recorded against the wrong person' });
    const before = await countRows(ctx, LEDGER);
    expect((await coordinator.post(url, { reason: 'Again' })).json().error.code).toBe('ledger.already_reversed');
    expect((await coordinator.post(api(`/ledger/transactions/${res.json().id}/reversal`), { reason: 'Undo' })).json().error.code).toBe('ledger.reversal_of_reversal');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
    const original = (await coordinator.get(api(`/ledger/transactions/${transactionId}`))).json();
    expect(original.reversedBy).toBe(res.json().id);
    const statement = (await (await signInAs(ctx, provider)).get(api('/ledger/statement'))).json();
    expect(statement.account).toMatchObject({ balance: 0, givenMinutes: 0 });
    expect(statement.entries[0]).toMatchObject({ kind: 'reversal', amount: -50, description: 'Reversal: Recorded against the wrong person' });
  });

  it("answer 404 for another community's transaction", async () => {
    const elsewhere = await makeCommunity(ctx);
    const { transactionId } = await exchanged(await makeMember(ctx, elsewhere), await makeMember(ctx, elsewhere), 20, elsewhere);
    expect((await coordinator.post(api(`/ledger/transactions/${transactionId}/reversal`), { reason: 'Not ours' })).statusCode).toBe(404);
    expect((await coordinator.get(api(`/ledger/transactions/${transactionId}`))).statusCode).toBe(404);
  });
});

describe('group exchanges', () => {
  it('credit several participants from the fund (coordinators) or from the payer (members)', async () => {
    const c = await makeCommunity(ctx);
    const coord = await signInAs(ctx, c.coordinator);
    const [ana, ben, cy] = [await makeMember(ctx, c), await makeMember(ctx, c), await makeMember(ctx, c)];
    const skillId = await skillIdOf(ctx, 'moving-help');
    const body = { title: 'Moving day', skillId, occurredOn: '2026-05-02', payer: { kind: 'member', userId: ana.id }, participants: [{ userId: ben.id, minutes: 120 }, { userId: cy.id, minutes: 90 }] };
    const asAna = await signInAs(ctx, ana);
    const res = await asAna.post(api('/ledger/group-exchanges', c), body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ minutes: 210, participants: [{ userId: ben.id, minutes: 120 }, { userId: cy.id, minutes: 90 }] });
    const tx = (await coord.get(api(`/ledger/transactions/${res.json().transactionId}`, c))).json();
    expect(tx.entries.map((e: { amount: number }) => e.amount).sort((a: number, b: number) => a - b)).toEqual([-210, 90, 120]);

    const before = await countRows(ctx, LEDGER);
    expect((await (await signInAs(ctx, ben)).post(api('/ledger/group-exchanges', c), body)).json().error.code).toBe('organisation.not_agent');
    expect((await asAna.post(api('/ledger/group-exchanges', c), { ...body, payer: { kind: 'fund' } })).json().error.code).toBe('ledger.fund_coordinator_only');
    expect((await asAna.post(api('/ledger/group-exchanges', c), { ...body, participants: [{ userId: ben.id, minutes: 10 }, { userId: ben.id, minutes: 10 }] })).json().error.field).toBe('participants');
    expect((await asAna.post(api('/ledger/group-exchanges', c), { ...body, participants: [{ userId: ana.id, minutes: 10 }] })).json().error.code).toBe('ledger.payer_participates');
    const outsider = await makeMember(ctx, community);
    expect((await asAna.post(api('/ledger/group-exchanges', c), { ...body, participants: [{ userId: outsider.id, minutes: 10 }] })).statusCode).toBe(404);
    expect((await asAna.post(api('/ledger/group-exchanges', c), { ...body, participants: [] })).json().error.field).toBe('participants');
    expect((await coord.post(api('/ledger/group-exchanges', c), { ...body, payer: { kind: 'fund' } })).json().error.code).toBe('ledger.fund_insufficient');
    expect(await countRows(ctx, LEDGER)).toEqual(before);
  });
});

describe('group exchanges in work that needs a check', () => {
  it('credit only participants who meet it, and name the ones who do not', async () => {
    const c = await makeCommunity(ctx);
    const coord = await signInAs(ctx, c.coordinator);
    const checked = await makeMember(ctx, c, { verified: true, dbsExpiresOn: '2099-01-01', displayName: 'Dina Checked' });
    const [ben, cy] = [await makeMember(ctx, c, { displayName: 'Ben Unchecked' }), await makeMember(ctx, c, { verified: true, displayName: 'Cy Verified' })];
    const skillId = await skillIdOf(ctx, 'reading-together');
    const body = { title: 'Story time at the library', skillId, occurredOn: '2026-05-02', payer: { kind: 'fund' } };
    await coord.post(api('/ledger/fund/donations', c), { minutes: 0 }).catch(() => undefined);
    const before = await countRows(ctx, LEDGER);
    const refused = await coord.post(api('/ledger/group-exchanges', c), { ...body, participants: [{ userId: checked.id, minutes: 60 }, { userId: ben.id, minutes: 60 }, { userId: cy.id, minutes: 60 }] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'exchange.safeguarding_required', field: 'participants' });
    expect(refused.json().error.message).toContain('Ben Unchecked and Cy Verified are not yet');
    expect(refused.json().error.message).not.toContain('Dina');
    expect(await countRows(ctx, LEDGER)).toEqual(before);

    // A member paying for the activity is held to the same rule.
    const payer = await makeMember(ctx, c);
    const asPayer = await signInAs(ctx, payer);
    const paid = await asPayer.post(api('/ledger/group-exchanges', c), { ...body, payer: { kind: 'member', userId: payer.id }, participants: [{ userId: ben.id, minutes: 30 }] });
    expect(paid.json().error.code).toBe('exchange.safeguarding_required');
    expect(await countRows(ctx, LEDGER)).toEqual(before);

    const ok = await asPayer.post(api('/ledger/group-exchanges', c), { ...body, payer: { kind: 'member', userId: payer.id }, participants: [{ userId: checked.id, minutes: 30 }] });
    expect(ok.statusCode).toBe(201);
  });
});

describe('reports', () => {
  it('total hours, members, categories and one-way members, and the totals equal the ledger', async () => {
    const c = await makeCommunity(ctx);
    const coord = await signInAs(ctx, c.coordinator);
    const [giver, taker, both] = [await makeMember(ctx, c), await makeMember(ctx, c), await makeMember(ctx, c)];
    await exchanged(giver, taker, 60, c);
    await exchanged(giver, both, 30, c);
    await exchanged(both, taker, 45, c);
    const wrong = await exchanged(giver, taker, 15, c);
    await coord.post(api(`/ledger/transactions/${wrong.transactionId}/reversal`, c), { reason: 'Double entry' });
    await coord.post(api('/ledger/group-exchanges', c), { title: 'Litter pick', skillId: await skillIdOf(ctx, 'litter-picking'), occurredOn: '2026-05-02', payer: { kind: 'member', userId: taker.id }, participants: [{ userId: giver.id, minutes: 20 }] });

    expect((await (await signInAs(ctx, giver)).get(api('/ledger/reports', c))).statusCode).toBe(403);
    const report = (await coord.get(api('/ledger/reports', c))).json();
    expect(report.totals).toMatchObject({ exchanges: 4, minutesExchanged: 155, reversals: 1, activeMembers: 3 });
    expect(report.months).toHaveLength(1);
    expect(report.months[0]).toMatchObject({ exchanges: 4, minutesExchanged: 155, activeMembers: 3, newMembersFirstExchange: 3 });
    expect(report.topCategories).toEqual([{ category: 'home-garden', exchanges: 3, minutes: 135 }, { category: 'community', exchanges: 1, minutes: 20 }]);
    expect(report.giveOnly).toEqual([{ userId: giver.id, displayName: giver.displayName, minutes: 110, exchanges: 3 }]);
    expect(report.receiveOnly).toEqual([{ userId: taker.id, displayName: taker.displayName, minutes: 125, exchanges: 3 }]);
    expect(report.ledger).toMatchObject({ balanced: true, balancesTotal: 0 });

    // The same totals straight from the entries: credits of exchange and group transactions, less what reversals took back.
    const [{ credited }] = await ctx.database.query<{ credited: number }>(
      `SELECT sum(CASE WHEN t.kind <> 'reversal' AND e.amount > 0 THEN e.amount WHEN t.kind = 'reversal' AND e.amount < 0 THEN e.amount ELSE 0 END)::int AS credited
       FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id LEFT JOIN ledger_transactions o ON o.id = t.reverses_id
       WHERE e.community_id = $1 AND coalesce(o.kind, t.kind) IN ('exchange', 'group_exchange')`, [c.id]);
    expect(report.totals.minutesExchanged).toBe(credited);
    const [{ confirmed }] = await ctx.database.query<{ confirmed: number }>(
      "SELECT sum(confirmed_minutes)::int AS confirmed FROM exchanges WHERE community_id = $1 AND status = 'confirmed'", [c.id]);
    expect(report.totals.minutesExchanged).toBe(confirmed - 15 + 20);

    const csv = await coord.get(api('/ledger/reports.csv?section=give-only', c));
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe(`user_id,name,minutes,hours,exchanges\r\n${giver.id},${giver.displayName},110,1 h 50 min,3\r\n`);
    expect((await coord.get(api('/ledger/reports.csv?section=everything', c))).json().error.field).toBe('section');
    expect((await coord.get(api('/ledger/check', c))).json()).toEqual({ balanced: true, unbalancedTransactions: [], mismatchedAccounts: [], balancesTotal: 0 });
  });

  it('counts only the period asked for', async () => {
    const c = await makeCommunity(ctx);
    await exchanged(await makeMember(ctx, c), await makeMember(ctx, c), 60, c);
    const report = (await (await signInAs(ctx, c.coordinator)).get(api('/ledger/reports?from=2001-01-01&to=2001-12-31', c))).json();
    expect(report.totals).toMatchObject({ exchanges: 0, minutesExchanged: 0, activeMembers: 0 });
    expect(report.months).toEqual([]);
    expect(report.ledger.transactions).toBe(1);
  });
});
