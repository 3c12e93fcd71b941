import { purgeExpired } from './housekeeping.ts';
import type { JobHandler, Schedule } from './runner.ts';

/** Every background job kind and its handler. Features add theirs here. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  'housekeeping.purge': async (deps) => {
    const removed = await purgeExpired(deps.db);
    deps.log.info({ removed }, 'housekeeping');
  },
};

/** Jobs queued on a fixed period. */
export const SCHEDULES: Schedule[] = [{ kind: 'housekeeping.purge', everyMinutes: 24 * 60 }];
