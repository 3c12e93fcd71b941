import { purgeExpired } from './housekeeping.ts';
import { CHECK_BURSTS_JOB, CHECK_EVERY_MINUTES, RECOMPUTE_JOB, runCheckBurstsJob, runRecomputeJob } from '../features/trust/jobs.ts';
import type { JobHandler, Schedule } from './runner.ts';

/** Every background job kind and its handler. Features add theirs here. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  'housekeeping.purge': async (deps) => {
    const removed = await purgeExpired(deps.db);
    deps.log.info({ removed }, 'housekeeping');
  },
  [RECOMPUTE_JOB]: runRecomputeJob,
  [CHECK_BURSTS_JOB]: runCheckBurstsJob,
};

/** Jobs queued on a fixed period. */
export const SCHEDULES: Schedule[] = [{ kind: 'housekeeping.purge', everyMinutes: 24 * 60 }, { kind: CHECK_BURSTS_JOB, everyMinutes: CHECK_EVERY_MINUTES }];
