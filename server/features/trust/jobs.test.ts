import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, makeTies, type TestCommunity, type TestUser } from '../../../test/factories.ts';
import { JOB_HANDLERS, SCHEDULES } from '../../jobs/index.ts';
import { startRunner } from '../../jobs/runner.ts';
import { BURST_SIZE, checkBursts } from './jobs.ts';

let ctx: TestContext;
let home: TestCommunity;
let members: TestUser[];

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.query<T>(text, params);
const queuedFor = async (communityId: string) =>
  (await q<{ payload: { reason: string } }>(`SELECT payload FROM jobs WHERE kind = 'trust.recompute' AND community_id = $1 AND status = 'queued' ORDER BY id`, [communityId])).map((r) => r.payload.reason);
const runs = async (communityId: string) => (await q<{ reason: string }>('SELECT reason FROM trust_runs WHERE community_id = $1 ORDER BY id', [communityId])).map((r) => r.reason);

beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  members = [];
  for (let i = 0; i < 8; i++) members.push(await makeMember(ctx, home, { area: i < 4 ? 'Mill Lane' : 'River Row' }));
});
afterAll(() => ctx?.close());

describe('trust recompute jobs', () => {
  it('registers the recompute and a periodic burst check', () => {
    expect(Object.keys(JOB_HANDLERS)).toEqual(expect.arrayContaining(['trust.recompute', 'trust.check_bursts']));
    expect(SCHEDULES.find((s) => s.kind === 'trust.check_bursts')?.everyMinutes).toBeLessThanOrEqual(15);
  });

  it('queues a first (daily) recompute once however often the check runs, and the runner runs it', async () => {
    await checkBursts(ctx.db);
    await checkBursts(ctx.db);
    expect(await queuedFor(home.id)).toEqual(['daily']);
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, JOB_HANDLERS, [], { autoStart: false });
    await runner.tick();
    await runner.stop();
    expect(await runs(home.id)).toEqual(['daily']);
    expect(await queuedFor(home.id)).toEqual([]);
    const [{ n }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM trust_scores WHERE community_id = $1', [home.id]);
    expect(n).toBe(9);
  });

  it('waits for a burst of new interactions before recomputing again, then queues one recompute', async () => {
    const pairs = members.slice(1).map((m, i) => [members[i], m] as const);
    await makeTies(ctx, home, pairs.slice(0, 5));
    await checkBursts(ctx.db);
    expect(await queuedFor(home.id)).toEqual([]);
    await makeTies(ctx, home, [...pairs, ...pairs]);
    const [{ fresh }] = await q<{ fresh: number }>('SELECT count(*)::int AS fresh FROM interactions WHERE community_id = $1', [home.id]);
    expect(fresh).toBeGreaterThanOrEqual(BURST_SIZE);
    await checkBursts(ctx.db);
    await checkBursts(ctx.db);
    expect(await queuedFor(home.id)).toEqual(['burst']);
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, JOB_HANDLERS, [], { autoStart: false });
    await runner.tick();
    await runner.stop();
    expect(await runs(home.id)).toEqual(['daily', 'burst']);
    const [run] = await q<{ ties: number; last_interaction_id: number }>('SELECT ties, last_interaction_id FROM trust_runs WHERE community_id = $1 ORDER BY id DESC LIMIT 1', [home.id]);
    expect(run.ties).toBe(14);
    // Nothing new since: no further recompute until the next day.
    await checkBursts(ctx.db);
    expect(await queuedFor(home.id)).toEqual([]);
    await checkBursts(ctx.db, new Date(Date.now() + 25 * 3_600_000));
    expect(await queuedFor(home.id)).toEqual(['daily']);
  });
});
