import { purgeExpired, refreshStatistics } from './housekeeping.ts';
import { CHECK_BURSTS_JOB, CHECK_EVERY_MINUTES, RECOMPUTE_JOB, runCheckBurstsJob, runRecomputeJob } from '../features/trust/jobs.ts';
import { autoConfirmDue } from '../features/exchanges/confirm.ts';
import { remindBeforeAutoConfirm } from '../features/exchanges/reminders.ts';
import { sendExchangeEmails } from '../features/offers/exchange-emails.ts';
import type { JobHandler, Schedule } from './runner.ts';

/** Every background job kind and its handler. Features add theirs here. */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  'housekeeping.purge': async (deps) => {
    const removed = await purgeExpired(deps.db);
    deps.log.info({ removed }, 'housekeeping');
  },
  'housekeeping.statistics': async (deps) => {
    if (await refreshStatistics(deps.database)) deps.log.info('planner statistics refreshed');
  },
  // Exchanges whose receiver has not answered within the community's days are confirmed as recorded.
  'exchanges.auto_confirm': async (deps) => {
    const result = await autoConfirmDue(deps.db);
    // Then a last word to whoever must answer an exchange that confirms itself within two days.
    const reminded = await remindBeforeAutoConfirm(deps.db);
    deps.log.info({ confirmed: result.confirmed, skipped: result.skipped.length, reminded }, 'auto-confirm');
  },
  // Exchange notifications still unread after a few minutes, by email to those who asked for it.
  'notifications.exchange_emails': async (deps) => {
    const sent = await sendExchangeEmails(deps.db, deps.mailer, deps.config.publicUrl);
    if (sent > 0) deps.log.info({ sent }, 'exchange emails');
  },
  [RECOMPUTE_JOB]: runRecomputeJob,
  [CHECK_BURSTS_JOB]: runCheckBurstsJob,
};

/** Jobs queued on a fixed period. */
export const SCHEDULES: Schedule[] = [
  { kind: 'housekeeping.purge', everyMinutes: 24 * 60 },
  { kind: 'housekeeping.statistics', everyMinutes: 6 * 60 },
  { kind: 'exchanges.auto_confirm', everyMinutes: 60 },
  { kind: 'notifications.exchange_emails', everyMinutes: 5 },
  { kind: CHECK_BURSTS_JOB, everyMinutes: CHECK_EVERY_MINUTES },
];
