// A community's recompute: community trust warm-started from the stored scores, with the
// coordinator-verified members as the pre-trusted set, and the social-capital measures of each
// month that needs them (the graph as it stood at the month's end). Computing happens before
// the write, which is one transaction, so readers never see half a recompute.
import { eq, sql } from 'drizzle-orm';
import { computeCommunityTrust, countNewTiesByMonth } from '../../../trust/index.ts';
import type { Db } from '../../db/client.ts';
import { communities, trustMeasures, trustRuns, trustScores, TRUST_RUN_REASONS } from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import { buildCommunityGraph } from './graph.ts';
import { areaGrouping, countNewTiesAcross, measureMonth, monthKey, monthStartOf, nextMonth, type StoredMeasures } from './measures.ts';
import { loadGraphMembers, loadInteractions, loadPreTrusted, loadScores, storedMonths } from './queries.ts';

export type RecomputeReason = (typeof TRUST_RUN_REASONS)[number];

/** How the solve went and what was written. */
export type RecomputeResult = { members: number; ties: number; iterations: number; residual: number; monthsMeasured: number; lastInteractionId: number; durationMs: number };

// The newest months are always measured again: late-recorded acts (an exchange confirmed with
// an earlier date) land in them. Older months are measured once, unless a full run is asked for.
const ALWAYS_REFRESH_MONTHS = 2;
// A long-running community's first recompute measures at most this many months back.
const MAX_HISTORY_MONTHS = 60;

/** Recomputes community trust and the monthly measures of one community and stores them. */
export async function recomputeCommunity(db: Db, communityId: string, options: { reason: RecomputeReason; now?: Date; full?: boolean }): Promise<RecomputeResult> {
  const started = new Date();
  const now = options.now ?? started;
  const [community] = await db.select({ createdAt: communities.createdAt }).from(communities).where(eq(communities.id, communityId));
  if (!community) throw notFound('community');
  const [members, rows, preTrusted, previous, stored] = await Promise.all([
    loadGraphMembers(db, communityId),
    loadInteractions(db, communityId),
    loadPreTrusted(db, communityId),
    loadScores(db, communityId),
    storedMonths(db, communityId),
  ]);
  const ids = members.map((m) => m.userId);
  const memberSet = new Set(ids);
  const lastInteractionId = rows.reduce((max, r) => Math.max(max, r.id), 0);

  const graph = buildCommunityGraph(rows, ids, now);
  const trust = graph.nodeCount > 0
    ? computeCommunityTrust(graph, { preTrusted: preTrusted.filter((id) => memberSet.has(id)), previous: previous.size > 0 ? previous : undefined })
    : null;

  // New ties by month over the same members, counted once over the whole history, and how
  // many of them joined people from different areas.
  const among = rows.filter((r) => memberSet.has(r.actorId) && memberSet.has(r.subjectId));
  const newTies = new Map(countNewTiesByMonth(among.map((r) => ({ actorId: r.actorId, subjectId: r.subjectId, at: r.occurredAt, weight: r.weight }))).map((m) => [m.month, m.newTies]));
  const newAcross = countNewTiesAcross(among, areaGrouping(members));
  const current = monthStartOf(now);
  let first = monthStartOf(community.createdAt);
  for (const r of rows) if (r.occurredAt < first) first = monthStartOf(r.occurredAt);
  const earliest = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - (MAX_HISTORY_MONTHS - 1), 1));
  if (first < earliest) first = earliest;
  const months: { key: string; measures: StoredMeasures }[] = [];
  const recent = new Date(Date.UTC(current.getUTCFullYear(), current.getUTCMonth() - (ALWAYS_REFRESH_MONTHS - 1), 1));
  for (let start = first; start <= current; start = nextMonth(start)) {
    const key = monthKey(start);
    if (!options.full && stored.has(key) && start < recent) continue;
    const end = start.getTime() === current.getTime() ? now : nextMonth(start);
    const present = members.filter((m) => m.joinedAt < end);
    const monthGraph = start.getTime() === current.getTime() ? graph : buildCommunityGraph(rows, present.map((m) => m.userId), new Date(end.getTime() - 1));
    months.push({ key, measures: measureMonth(monthGraph, present, { newTies: newTies.get(key.slice(0, 7)) ?? 0, newTiesAcrossAreas: newAcross.get(key.slice(0, 7)) ?? 0 }) });
  }

  const computedAt = new Date();
  const durationMs = computedAt.getTime() - started.getTime();
  await db.transaction(async (tx) => {
    // Serialises two recomputes of one community (two workers), so their writes never interleave.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`trust:${communityId}`}))`);
    await tx.delete(trustScores).where(eq(trustScores.communityId, communityId));
    if (trust) {
      const scoreRows = Array.from({ length: graph.nodeCount }, (_, v) => ({ communityId, userId: String(graph.idOf(v)), score: trust.scores[v], computedAt }));
      for (let i = 0; i < scoreRows.length; i += 1000) await tx.insert(trustScores).values(scoreRows.slice(i, i + 1000));
    }
    for (const m of months) {
      await tx.insert(trustMeasures).values({ communityId, month: m.key, measures: m.measures, computedAt })
        .onConflictDoUpdate({ target: [trustMeasures.communityId, trustMeasures.month], set: { measures: m.measures, computedAt } });
    }
    await tx.insert(trustRuns).values({
      communityId,
      reason: options.reason,
      startedAt: started,
      finishedAt: computedAt,
      iterations: trust?.iterations ?? 0,
      residual: trust?.residual ?? 0,
      members: graph.nodeCount,
      ties: graph.tieCount,
      durationMs,
      lastInteractionId,
      monthsMeasured: months.length,
    });
  });
  return { members: graph.nodeCount, ties: graph.tieCount, iterations: trust?.iterations ?? 0, residual: trust?.residual ?? 0, monthsMeasured: months.length, lastInteractionId, durationMs };
}
