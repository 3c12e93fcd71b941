import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';

export type Job = typeof jobs.$inferSelect;

/** Queues a job; with a dedupe key, a second enqueue of the same key is ignored. Returns the id or null. */
export async function enqueue(
  db: Db,
  kind: string,
  options: { payload?: Record<string, unknown>; communityId?: string; runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<number | null> {
  const rows = await db
    .insert(jobs)
    .values({
      kind,
      payload: options.payload ?? {},
      communityId: options.communityId ?? null,
      runAt: options.runAt ?? new Date(),
      dedupeKey: options.dedupeKey ?? null,
      maxAttempts: options.maxAttempts ?? 5,
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/**
 * Takes the oldest due job of the given kinds for this worker. SKIP LOCKED lets several
 * workers share the queue without taking the same job.
 */
export async function claimJob(db: Db, workerId: string, kinds: string[]): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const result = await db.execute(sql`
    UPDATE jobs SET status = 'running', locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM jobs
      WHERE status = 'queued' AND run_at <= now() AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
      ORDER BY run_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`);
  const id = (result as unknown as { rows: { id: number }[] }).rows[0]?.id;
  if (id === undefined) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, Number(id)));
  return job;
}

/** Marks a job done. */
export async function completeJob(db: Db, id: number): Promise<void> {
  await db.update(jobs).set({ status: 'done', finishedAt: new Date(), lockedBy: null, lastError: null }).where(eq(jobs.id, id));
}

/** Records a failure: retried later with exponential backoff, or failed for good after max attempts. */
export async function failJob(db: Db, job: Job, error: Error): Promise<void> {
  const final = job.attempts >= job.maxAttempts;
  const backoffSeconds = Math.min(3600, 2 ** job.attempts * 15);
  await db
    .update(jobs)
    .set({
      status: final ? 'failed' : 'queued',
      runAt: final ? job.runAt : new Date(Date.now() + backoffSeconds * 1000),
      lastError: error.message.slice(0, 2000),
      lockedBy: null,
      finishedAt: final ? new Date() : null,
    })
    .where(eq(jobs.id, job.id));
}

/** Puts back jobs whose worker died mid-run (running for longer than `staleMinutes`). */
export async function requeueStale(db: Db, staleMinutes = 15): Promise<number> {
  const rows = await db
    .update(jobs)
    .set({ status: 'queued', lockedBy: null })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, sql`now() - make_interval(mins => ${staleMinutes})`)))
    .returning({ id: jobs.id });
  return rows.length;
}
