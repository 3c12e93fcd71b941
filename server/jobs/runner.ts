import { hostname } from 'node:os';
import type { Deps } from '../lib/deps.ts';
import { claimJob, completeJob, enqueue, failJob, requeueStale, type Job } from './queue.ts';

/** A job kind's work. It must be safe to run again: a job can be retried after a crash. */
export type JobHandler = (deps: Deps, job: Job) => Promise<void>;

/** A job queued on a fixed period; each period's slot is queued once however many processes run. */
export type Schedule = { kind: string; everyMinutes: number };

export type Runner = { stop(): Promise<void>; tick(): Promise<number> };

/**
 * Runs queued jobs with the given handlers, polling every `pollMs`, and queues the scheduled
 * kinds once per period. Used in-process on the embedded database and by `server/worker.ts`.
 */
export function startRunner(deps: Deps, handlers: Record<string, JobHandler>, schedules: Schedule[], options: { pollMs?: number; autoStart?: boolean } = {}): Runner {
  const workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const kinds = Object.keys(handlers);
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function queueSchedules(now: number) {
    for (const schedule of schedules) {
      const period = schedule.everyMinutes * 60_000;
      const slot = Math.floor(now / period);
      await enqueue(deps.db, schedule.kind, { dedupeKey: `${schedule.kind}@${slot}`, runAt: new Date(slot * period) });
    }
  }

  /** Runs every due job once; returns how many ran. */
  async function tick(): Promise<number> {
    await requeueStale(deps.db);
    await queueSchedules(Date.now());
    let ran = 0;
    while (!stopped) {
      const job = await claimJob(deps.db, workerId, kinds);
      if (!job) break;
      ran++;
      try {
        await handlers[job.kind](deps, job);
        await completeJob(deps.db, job.id);
        deps.log.info({ jobId: job.id, kind: job.kind }, 'job done');
      } catch (error) {
        deps.log.error({ err: error, jobId: job.id, kind: job.kind, attempt: job.attempts }, 'job failed');
        await failJob(deps.db, job, error as Error);
      }
    }
    return ran;
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error) => deps.log.error({ err: error }, 'job runner tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, options.pollMs ?? 5000);
      });
  };
  if (options.autoStart !== false) timer = setTimeout(loop, 1000);

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
