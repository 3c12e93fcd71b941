// Turning the interactions table into the engine's graph, and a small cache of each community's
// live graph so that profile pages and matching do not rebuild it on every request.
import { buildGraph, kindWeight, type Interaction, type TrustGraph } from '../../../trust/index.ts';
import type { Db } from '../../db/client.ts';
import { graphFingerprint, loadGraphMembers, loadInteractions, type InteractionRow } from './queries.ts';

/**
 * Half-life of a tie's evidence: a year, the engine's documented default (a neighbour helped
 * last winter still counts for half; a tie nobody renewed in three years has faded to an eighth).
 */
export const HALF_LIFE_DAYS = 365;

// Kinds the engine's table does not know yet (a feature added a new kind of interaction) are
// still counted, at their stored signed weight, so that a recompute never fails on them.
const UNLISTED = { unlisted_positive: 1, unlisted_negative: -1 } as const;

/**
 * The engine's view of stored interactions between members of `members`. The table stores a
 * signed weight; the engine takes a size ≥ 0 and gets the sign from the kind, so the size is
 * |weight| and an unknown kind becomes one of the two unlisted kinds by its sign.
 */
export function toEngineInteractions(rows: readonly InteractionRow[], members: ReadonlySet<string>, before?: number): Interaction[] {
  const out: Interaction[] = [];
  for (const row of rows) {
    if (!members.has(row.actorId) || !members.has(row.subjectId)) continue;
    const at = row.occurredAt.getTime();
    if (before !== undefined && at >= before) continue;
    const known = kindWeight(row.kind) !== undefined;
    const kind = known ? row.kind : row.weight >= 0 ? 'unlisted_positive' : 'unlisted_negative';
    out.push({ kind, actorId: row.actorId, subjectId: row.subjectId, weight: Math.abs(row.weight), at });
  }
  return out;
}

/** Builds the directed trust graph of `members` from stored interactions, as it stood at `now`. */
export function buildCommunityGraph(rows: readonly InteractionRow[], members: readonly string[], now: Date): TrustGraph {
  const set = new Set(members);
  return buildGraph(toEngineInteractions(rows, set, now.getTime() + 1), {
    now,
    halfLifeDays: HALF_LIFE_DAYS,
    allMembers: members,
    kindWeights: UNLISTED,
  });
}

/**
 * A community's graph as it stands now. Members' privacy choices are not cached with it:
 * callers read them fresh, so an opt-out takes effect at once.
 */
export type LiveGraph = { graph: TrustGraph; builtAt: Date };

type CacheEntry = { key: string; live: LiveGraph };
const cache = new Map<string, CacheEntry>();
const MAX_CACHED = 8;
// Decay moves slowly (a year's half-life), so a graph a few minutes old is as good as new as
// long as no interaction or membership changed, which the fingerprint catches.
const MAX_AGE_MS = 10 * 60_000;

/** The community's current graph, rebuilt only when its interactions or members changed. */
export async function liveGraph(db: Db, communityId: string): Promise<LiveGraph> {
  const key = await graphFingerprint(db, communityId);
  const hit = cache.get(communityId);
  if (hit && hit.key === key && Date.now() - hit.live.builtAt.getTime() < MAX_AGE_MS) {
    // Refresh its place, so the least recently used community is the one dropped.
    cache.delete(communityId);
    cache.set(communityId, hit);
    return hit.live;
  }
  const [members, rows] = await Promise.all([loadGraphMembers(db, communityId), loadInteractions(db, communityId)]);
  const builtAt = new Date();
  const live = { graph: buildCommunityGraph(rows, members.map((m) => m.userId), builtAt), builtAt };
  cache.delete(communityId);
  cache.set(communityId, { key, live });
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return live;
}
