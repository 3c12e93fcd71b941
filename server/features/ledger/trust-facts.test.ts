// What ledger movements other than a two-person confirmation tell the trust engine: group
// activities paid by a member cannot make others appear to trust the payer, and a reversal
// withdraws exactly the trust its exchange added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph } from '../../../trust/build-graph.ts';
import { KIND_WEIGHTS } from '../../../trust/kind-weights.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { countRows, makeCommunity, makeExchange, makeMember, signInAs, skillIdOf, type TestCommunity, type TestUser } from '../../../test/factories.ts';

let ctx: TestContext;
let community: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const api = (path: string) => `/api/communities/${community.id}${path}`;
const WRITES = ['ledger_transactions', 'ledger_entries', 'group_exchanges', 'interactions', 'notifications'];

type Fact = { actorId: string; subjectId: string; kind: string; weight: number; occurredAt: Date | string };
async function factsAbout(sourceTypes: string[]): Promise<Fact[]> {
  return ctx.database.query<Fact>(
    `SELECT actor_id AS "actorId", subject_id AS "subjectId", kind, weight, occurred_at AS "occurredAt" FROM interactions
     WHERE community_id = $1 AND source_type = ANY($2) ORDER BY id`,
    [community.id, sourceTypes],
  );
}

async function groupBody(payer: TestUser, participants: TestUser[], occurredOn = '2026-06-01') {
  return {
    title: 'Street clean-up',
    skillId: await skillIdOf(ctx, 'litter-picking'),
    occurredOn,
    payer: { kind: 'member', userId: payer.id },
    participants: participants.map((p) => ({ userId: p.id, minutes: 30 })),
  };
}

describe('group activities as trust evidence', () => {
  it('a member paying ties only from themselves to the participants, never the other way', async () => {
    const [payer, ana, ben] = [await makeMember(ctx, community), await makeMember(ctx, community), await makeMember(ctx, community)];
    const res = await (await signInAs(ctx, payer)).post(api('/ledger/group-exchanges'), await groupBody(payer, [ana, ben]));
    expect(res.statusCode).toBe(201);
    const facts = (await factsAbout(['group_exchange'])).filter((f) => [f.actorId, f.subjectId].includes(payer.id));
    expect(facts.map((f) => [f.actorId, f.subjectId]).sort()).toEqual([[payer.id, ana.id], [payer.id, ben.id]].sort());
    // Dated the day the activity happened, not the day it was typed in.
    expect(new Date(facts[0].occurredAt).toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('a coordinator recording it attests it happened, so the ties run both ways', async () => {
    const [payer, ana] = [await makeMember(ctx, community), await makeMember(ctx, community)];
    const res = await (await signInAs(ctx, community.coordinator)).post(api('/ledger/group-exchanges'), await groupBody(payer, [ana]));
    expect(res.statusCode).toBe(201);
    const facts = (await factsAbout(['group_exchange'])).filter((f) => [f.actorId, f.subjectId].includes(payer.id));
    expect(facts.map((f) => [f.actorId, f.subjectId]).sort()).toEqual([[ana.id, payer.id], [payer.id, ana.id]].sort());
  });

  it('refuses activities in the future and people on either side of a block, changing nothing', async () => {
    const [payer, ana, ben] = [await makeMember(ctx, community), await makeMember(ctx, community), await makeMember(ctx, community)];
    const asPayer = await signInAs(ctx, payer);
    const before = await countRows(ctx, WRITES);
    const future = await asPayer.post(api('/ledger/group-exchanges'), await groupBody(payer, [ana], '2099-01-01'));
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'ledger.future_activity', field: 'occurredOn' });

    // Ben has blocked the payer: the payer is told only that Ben cannot be found.
    expect((await (await signInAs(ctx, ben)).post('/api/blocks', { userId: payer.id })).statusCode).toBeLessThan(300);
    const blocked = await asPayer.post(api('/ledger/group-exchanges'), await groupBody(payer, [ana, ben]));
    expect(blocked.statusCode).toBe(404);
    expect(blocked.json().error).toMatchObject({ code: 'member.not_found', field: 'participants' });
    // And the other way round: the payer blocks Ana.
    expect((await asPayer.post('/api/blocks', { userId: ana.id })).statusCode).toBeLessThan(300);
    expect((await asPayer.post(api('/ledger/group-exchanges'), await groupBody(payer, [ana]))).statusCode).toBe(404);
    expect(await countRows(ctx, WRITES)).toEqual(before);
  });
});

describe('reversals as trust evidence', () => {
  it('withdraw exactly the tie the exchange added, and the exchange takes no more references', async () => {
    const [helper, helped] = [await makeMember(ctx, community), await makeMember(ctx, community)];
    const ex = await makeExchange(ctx, community, helper, helped, { status: 'done', recordedMinutes: 60 });
    const asHelped = await signInAs(ctx, helped);
    const confirmed = await asHelped.post(api(`/exchanges/${ex.id}/confirm`));
    expect(confirmed.statusCode).toBe(200);
    const coordinator = await signInAs(ctx, community.coordinator);
    const reversal = await coordinator.post(api(`/ledger/transactions/${confirmed.json().transactionId}/reversal`), { reason: 'Recorded twice by mistake' });
    expect(reversal.statusCode).toBe(201);

    const facts = (await factsAbout(['exchange', 'reversal'])).filter((f) => [helper.id, helped.id].includes(f.actorId) && [helper.id, helped.id].includes(f.subjectId));
    expect(facts.filter((f) => f.kind === 'exchange_confirmed')).toHaveLength(2);
    const withdrawn = facts.filter((f) => f.kind === 'exchange_reversed');
    expect(withdrawn).toHaveLength(2);
    expect(KIND_WEIGHTS.exchange_reversed).toBe(-KIND_WEIGHTS.exchange_confirmed);
    // The trust engine, reading these facts, finds no tie left between the two.
    const graph = buildGraph(facts.map((f) => ({ kind: f.kind, actorId: f.actorId, subjectId: f.subjectId, weight: Math.abs(f.weight), at: new Date(f.occurredAt) })));
    expect(graph.tieCount).toBe(0);

    const reference = await asHelped.post(api(`/exchanges/${ex.id}/references`), { body: 'Lovely afternoon in the garden', wouldExchangeAgain: true });
    expect(reference.statusCode).toBe(409);
    expect(reference.json().error.code).toBe('exchange.reversed');
  });

  it('a dispute resolved with hours posted takes references, once each', async () => {
    const [helper, helped] = [await makeMember(ctx, community), await makeMember(ctx, community)];
    const ex = await makeExchange(ctx, community, helper, helped, { status: 'done', recordedMinutes: 90 });
    const asHelped = await signInAs(ctx, helped);
    expect((await asHelped.post(api(`/exchanges/${ex.id}/dispute`), { reason: 'It took an hour, not an hour and a half' })).statusCode).toBe(200);
    const coordinator = await signInAs(ctx, community.coordinator);
    const resolved = await coordinator.post(api(`/exchanges/${ex.id}/resolution`), { minutes: 60, upheldAgainst: 'neither', note: 'Both agreed an hour on the phone' });
    expect(resolved.statusCode).toBe(200);
    const body = { body: 'Sorted out kindly in the end', wouldExchangeAgain: true };
    expect((await asHelped.post(api(`/exchanges/${ex.id}/references`), body)).statusCode).toBe(201);
    expect((await asHelped.post(api(`/exchanges/${ex.id}/references`), body)).json().error.code).toBe('exchange.already_referenced');
  });

  it('a dispute resolved with no hours takes no references', async () => {
    const [helper, helped] = [await makeMember(ctx, community), await makeMember(ctx, community)];
    const ex = await makeExchange(ctx, community, helper, helped, { status: 'done', recordedMinutes: 90 });
    const asHelped = await signInAs(ctx, helped);
    await asHelped.post(api(`/exchanges/${ex.id}/dispute`), { reason: 'Nobody came round at all that day' });
    await (await signInAs(ctx, community.coordinator)).post(api(`/exchanges/${ex.id}/resolution`), { minutes: 0, upheldAgainst: 'provider', note: 'The helper did not turn up' });
    const res = await asHelped.post(api(`/exchanges/${ex.id}/references`), { body: 'Never turned up', wouldExchangeAgain: false });
    expect(res.statusCode).toBe(409);
  });
});
