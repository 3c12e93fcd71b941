// Background recomputes: daily for every community, sooner after a burst of new interactions,
// and when a coordinator asks. Each trigger has a dedupe key tied to the last run, so a burst
// check every few minutes queues at most one recompute per reason until that one has run.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Job } from '../../jobs/queue.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Deps } from '../../lib/deps.ts';
import { recomputeCommunity, type RecomputeReason } from './recompute.ts';
import { latestRun, presentRun, rowsOf } from './queries.ts';
import type { RecomputeStatus } from '../../../common/trust.ts';

export const RECOMPUTE_JOB = 'trust.recompute';
export const CHECK_BURSTS_JOB = 'trust.check_bursts';

/** New interactions since the last run that call for a recompute before the daily one. */
export const BURST_SIZE = 25;
/** How often the burst check runs. */
export const CHECK_EVERY_MINUTES = 5;
const DAY_MS = 86_400_000;

/** Queues a recompute of one community; false when one for the same reason is already waiting. */
export async function queueRecompute(db: Db, communityId: string, reason: RecomputeReason, key: string): Promise<boolean> {
  const id = await enqueue(db, RECOMPUTE_JOB, { communityId, payload: { communityId, reason }, dedupeKey: `${RECOMPUTE_JOB}:${communityId}:${key}`, maxAttempts: 3 });
  return id !== null;
}

/** A coordinator's "recompute now": at most one waiting per community until it has run. */
export async function requestRecompute(db: Db, communityId: string): Promise<boolean> {
  const [last] = await rowsOf<{ id: number }>(db, sql`SELECT coalesce(max(id), 0) AS id FROM trust_runs WHERE community_id = ${communityId}`);
  return queueRecompute(db, communityId, 'manual', `manual:${Number(last?.id ?? 0)}`);
}

/**
 * Where the community's recompute stands, for the dashboard to poll while one is on its way:
 * the newest recompute job that is waiting or running, else whether the newest one failed for
 * good after the last finished run, and that run.
 */
export async function getRecomputeStatus(db: Db, communityId: string): Promise<RecomputeStatus> {
  const [[job], run] = await Promise.all([
    rowsOf<{ status: string; finished_at: Date | string | null }>(db, sql`
      SELECT status, finished_at FROM jobs
      WHERE kind = ${RECOMPUTE_JOB} AND community_id = ${communityId}
      ORDER BY (status IN ('queued', 'running')) DESC, id DESC LIMIT 1`),
    latestRun(db, communityId),
  ]);
  const lastRun = run ? presentRun(run) : null;
  let state: RecomputeStatus['state'] = 'idle';
  if (job?.status === 'queued' || job?.status === 'running') state = job.status;
  else if (job?.status === 'failed' && job.finished_at !== null && (!run || new Date(job.finished_at) > run.finishedAt)) state = 'failed';
  return { state, lastRun };
}

/**
 * Looks at every community: queues a recompute where at least BURST_SIZE interactions arrived
 * since the last run, or where the last run is a day old (or there has been none).
 */
export async function checkBursts(db: Db, now: Date = new Date()): Promise<{ queued: number }> {
  const rows = await rowsOf<{ id: string; last_id: number | null; finished_at: Date | string | null; fresh: number }>(db, sql`
    SELECT c.id, r.last_interaction_id AS last_id, r.finished_at,
      (SELECT count(*) FROM (SELECT 1 FROM interactions i
         WHERE i.community_id = c.id AND i.id > coalesce(r.last_interaction_id, 0) LIMIT ${BURST_SIZE}) AS newer) AS fresh
    FROM communities c
    LEFT JOIN LATERAL (SELECT last_interaction_id, finished_at FROM trust_runs t WHERE t.community_id = c.id ORDER BY t.id DESC LIMIT 1) r ON true`);
  let queued = 0;
  for (const row of rows) {
    const lastId = Number(row.last_id ?? 0);
    if (Number(row.fresh) >= BURST_SIZE && (await queueRecompute(db, row.id, 'burst', `after:${lastId}`))) queued++;
    const finished = row.finished_at === null ? null : new Date(row.finished_at);
    if ((!finished || now.getTime() - finished.getTime() >= DAY_MS) && (await queueRecompute(db, row.id, 'daily', `day:${now.toISOString().slice(0, 10)}`))) queued++;
  }
  return { queued };
}

/** Runs a queued recompute. */
export async function runRecomputeJob(deps: Deps, job: Job): Promise<void> {
  const communityId = String(job.payload.communityId ?? job.communityId ?? '');
  const reason = (['daily', 'burst', 'manual', 'demo'] as const).find((r) => r === job.payload.reason) ?? 'daily';
  const result = await recomputeCommunity(deps.db, communityId, { reason });
  deps.log.info({ communityId, reason, ...result }, 'trust recomputed');
}

/** Runs the periodic burst check. */
export async function runCheckBurstsJob(deps: Deps): Promise<void> {
  const { queued } = await checkBursts(deps.db);
  if (queued > 0) deps.log.info({ queued }, 'trust recomputes queued');
}
