import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/context.ts';
import { makeUser, signInAs } from '../../test/factories.ts';
import { refreshStatistics } from './housekeeping.ts';
import { claimJob, enqueue } from './queue.ts';
import { startRunner, type JobHandler } from './runner.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('job queue', () => {
  it('runs each queued job once, and a deduplicated enqueue only once', async () => {
    const seen: number[] = [];
    const handlers: Record<string, JobHandler> = { 'test.count': async (_deps, job) => void seen.push(job.payload.n as number) };
    expect(await enqueue(ctx.db, 'test.count', { payload: { n: 1 }, dedupeKey: 'once' })).not.toBeNull();
    expect(await enqueue(ctx.db, 'test.count', { payload: { n: 2 }, dedupeKey: 'once' })).toBeNull();
    await enqueue(ctx.db, 'test.count', { payload: { n: 3 } });
    await enqueue(ctx.db, 'test.count', { payload: { n: 4 }, runAt: new Date(Date.now() + 3_600_000) });
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, handlers, [], { autoStart: false });
    expect(await runner.tick()).toBe(2);
    expect(seen.sort()).toEqual([1, 3]);
    expect(await runner.tick()).toBe(0);
    await runner.stop();
  });

  it('retries a failing job later, then gives up after its attempts', async () => {
    const handlers: Record<string, JobHandler> = { 'test.fail': async () => { throw new Error('boom'); } };
    const id = await enqueue(ctx.db, 'test.fail', { maxAttempts: 2 });
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, handlers, [], { autoStart: false });
    await runner.tick();
    let [row] = await ctx.database.query<{ status: string; attempts: number; last_error: string }>('SELECT status, attempts, last_error FROM jobs WHERE id = $1', [id]);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom' });
    await ctx.database.query(`UPDATE jobs SET run_at = now() WHERE id = $1`, [id]);
    await runner.tick();
    [row] = await ctx.database.query('SELECT status, attempts FROM jobs WHERE id = $1', [id]);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    await runner.stop();
  });

  it('never gives the same job to two workers', async () => {
    await enqueue(ctx.db, 'test.claim');
    const [a, b] = await Promise.all([claimJob(ctx.db, 'a', ['test.claim']), claimJob(ctx.db, 'b', ['test.claim'])]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('queues a schedule once per period and housekeeping removes expired sessions', async () => {
    const user = await makeUser(ctx);
    await signInAs(ctx, user);
    await ctx.database.query(`UPDATE sessions SET expires_at = now() - interval '1 hour' WHERE user_id = $1`, [user.id]);
    const { JOB_HANDLERS, SCHEDULES } = await import('./index.ts');
    const runner = startRunner({ ...ctx.app.deps, log: pino({ level: 'silent' }) }, JOB_HANDLERS, SCHEDULES, { autoStart: false });
    expect(await runner.tick()).toBeGreaterThanOrEqual(1);
    expect(await runner.tick()).toBe(0);
    const [{ n }] = await ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [user.id]);
    expect(n).toBe(0);
    await runner.stop();
  });

  it('refreshes the planner statistics on the embedded database, which has no autovacuum to do it', async () => {
    const estimate = async () => (await ctx.database.query<{ estimate: number }>("SELECT reltuples::float8 AS estimate FROM pg_class WHERE relname = 'skills'"))[0].estimate;
    const [{ rows }] = await ctx.database.query<{ rows: number }>('SELECT count(*)::int AS rows FROM skills');
    const refreshed = await refreshStatistics(ctx.database);
    expect(refreshed).toBe(ctx.database.kind === 'pglite');
    if (refreshed) expect(await estimate()).toBe(rows);
  });
});
