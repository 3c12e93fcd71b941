import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCommunityTrust } from '../../../trust/index.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { makeCommunity, makeMember, makeTies } from '../../../test/factories.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { DEMO_ACCOUNTS } from '../../demo/data.ts';
import { generateNeighbourhood, type NeighbourhoodSummary } from '../../demo/generate.ts';
import { buildCommunityGraph } from './graph.ts';
import { loadGraphMembers, loadInteractions, loadPreTrusted } from './queries.ts';
import { recomputeCommunity } from './recompute.ts';

const now = new Date();
let ctx: TestContext;
let summary: NeighbourhoodSummary;
let communityId: string;
let ring: string[];

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => ctx.database.query<T>(text, params);

beforeAll(async () => {
  ctx = await createTestContext();
  const passwordHashes = { admin: await hashPassword(DEMO_ACCOUNTS.admin.password), member: await hashPassword(DEMO_ACCOUNTS.password) };
  summary = await generateNeighbourhood(ctx.db, { seed: 11, members: 120, now, passwordHashes });
  communityId = summary.communities[0].id;
  ring = (await q<{ id: string }>(`SELECT u.id FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.community_id = $1 AND u.email LIKE 'ring.%'`, [communityId])).map((r) => r.id);
});
afterAll(() => ctx?.close());

describe('recomputing trust on a generated neighbourhood', () => {
  it('stores a score for every member of the graph, summing to 1', async () => {
    const members = await loadGraphMembers(ctx.db, communityId);
    const scores = await q<{ user_id: string; score: number }>('SELECT user_id, score FROM trust_scores WHERE community_id = $1', [communityId]);
    expect(scores.length).toBe(members.length);
    expect(new Set(scores.map((s) => s.user_id))).toEqual(new Set(members.map((m) => m.userId)));
    expect(scores.every((s) => s.score >= 0)).toBe(true);
    expect(Math.abs(scores.reduce((sum, s) => sum + s.score, 0) - 1)).toBeLessThan(1e-9);
    const [run] = await q<{ reason: string; members: number; last_interaction_id: number; months_measured: number }>('SELECT * FROM trust_runs WHERE community_id = $1 ORDER BY id DESC LIMIT 1', [communityId]);
    expect(run).toMatchObject({ reason: 'demo', members: members.length });
    expect(run.months_measured).toBeGreaterThanOrEqual(6);
    const [{ max }] = await q<{ max: number }>('SELECT max(id)::int AS max FROM interactions WHERE community_id = $1', [communityId]);
    expect(Number(run.last_interaction_id)).toBe(max);
  });

  it('contains the fake ring: it holds less than its head-count share, and no more than the attack ties can carry', async () => {
    expect(ring).toHaveLength(10);
    const scores = new Map((await q<{ user_id: string; score: number }>('SELECT user_id, score FROM trust_scores WHERE community_id = $1', [communityId])).map((r) => [r.user_id, r.score]));
    const ringShare = ring.reduce((sum, id) => sum + scores.get(id)!, 0);
    expect(ringShare).toBeGreaterThan(0);
    expect(ringShare).toBeLessThan(ring.length / scores.size / 2);
    // The engine's bound: with damping d, the ring holds at most d/(1 − d) times the trust
    // that flows into it over the attack ties (members outside the ring tied to it).
    const members = await loadGraphMembers(ctx.db, communityId);
    const graph = buildCommunityGraph(await loadInteractions(ctx.db, communityId), members.map((m) => m.userId), now);
    const trust = computeCommunityTrust(graph, { preTrusted: (await loadPreTrusted(ctx.db, communityId)).filter((id) => graph.nodeOf(id) >= 0) });
    const inRing = new Set(ring.map((id) => graph.nodeOf(id)));
    let inflow = 0;
    for (let u = 0; u < graph.nodeCount; u++) {
      if (inRing.has(u)) continue;
      for (let p = graph.outStart[u]; p < graph.outStart[u + 1]; p++) if (inRing.has(graph.outTarget[p])) inflow += trust.scores[u] * (graph.outWeight[p] / graph.outStrength[u]);
    }
    expect(inflow).toBeGreaterThan(0);
    expect(ringShare).toBeLessThanOrEqual((0.85 / 0.15) * inflow * (1 + 1e-6) + 1e-9);
  });

  it('measures every month, with new ties across streets growing as the months pass', async () => {
    const rows = await q<{ month: string; measures: { members: number; pairs: number; isolatedCount: number; newTies: number; newTiesAcrossAreas: number; communities: { count: number } } }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, measures FROM trust_measures WHERE community_id = $1 ORDER BY month`, [communityId]);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const first = rows[1].measures;
    const last = rows.at(-1)!.measures;
    expect(last.pairs).toBeGreaterThan(first.pairs);
    expect(last.members).toBeGreaterThan(first.members);
    expect(last.isolatedCount).toBeGreaterThanOrEqual(3);
    expect(last.communities.count).toBeGreaterThanOrEqual(2);
    const across = rows.map((r) => r.measures.newTiesAcrossAreas);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(across.slice(-3))).toBeGreaterThan(2 * sum(across.slice(0, 3)));
    expect(rows.every((r) => r.measures.newTiesAcrossAreas <= r.measures.newTies)).toBe(true);
    expect(sum(rows.map((r) => r.measures.newTies))).toBeGreaterThan(100);
  });

  it('warm-starts: a recompute after a few new ties takes fewer sweeps than a cold one', async () => {
    const members = (await loadGraphMembers(ctx.db, communityId)).filter((m) => m.status === 'active');
    const ids = members.map((m) => m.userId);
    const values = ids.slice(0, 6).map((a, i) => `('${communityId}', '${a}', '${ids[ids.length - 1 - i]}', 'vouch', 1, now(), 'test', 'warm-${i}')`).join(', ');
    await q(`INSERT INTO interactions (community_id, actor_id, subject_id, kind, weight, occurred_at, source_type, source_id) VALUES ${values}`);
    const warm = await recomputeCommunity(ctx.db, communityId, { reason: 'manual' });
    await q('DELETE FROM trust_scores WHERE community_id = $1', [communityId]);
    const cold = await recomputeCommunity(ctx.db, communityId, { reason: 'manual' });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    // Only the newest months are measured again after the first run.
    expect(warm.monthsMeasured).toBe(2);
  });

  it('counts a kind of interaction the engine does not know at its stored weight instead of failing', async () => {
    const [a, b] = (await loadGraphMembers(ctx.db, communityId)).filter((m) => m.status === 'active');
    await q(`INSERT INTO interactions (community_id, actor_id, subject_id, kind, weight, source_type, source_id) VALUES ($1, $2, $3, 'seed_swap', 1.5, 'test', 'x'), ($1, $3, $2, 'noise_complaint', -1, 'test', 'y')`, [communityId, a.userId, b.userId]);
    const result = await recomputeCommunity(ctx.db, communityId, { reason: 'manual' });
    expect(result.members).toBeGreaterThan(100);
  });

  it('answers 404 for a community that does not exist', async () => {
    await expect(recomputeCommunity(ctx.db, '00000000-0000-4000-8000-000000000000', { reason: 'manual' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('the pre-trusted set', () => {
  it('holds only verified members in good standing: not suspended, not left, account not suspended or deleted', async () => {
    const place = await makeCommunity(ctx, { name: 'Verified Row' });
    const good = await makeMember(ctx, place, { verified: true });
    const suspendedHere = await makeMember(ctx, place, { verified: true, status: 'suspended' });
    const left = await makeMember(ctx, place, { verified: true, status: 'left' });
    const accountSuspended = await makeMember(ctx, place, { verified: true });
    const deleted = await makeMember(ctx, place, { verified: true });
    const unverified = await makeMember(ctx, place);
    await q('UPDATE users SET suspended_at = now() WHERE id = $1', [accountSuspended.id]);
    await q('UPDATE users SET deleted_at = now() WHERE id = $1', [deleted.id]);
    expect(new Set(await loadPreTrusted(ctx.db, place.id))).toEqual(new Set([place.coordinator.id, good.id]));

    // In a recompute the excluded members get no teleport share: with nobody trusting them,
    // their community trust is zero, while the verified member in good standing keeps theirs.
    await makeTies(ctx, place, [[good, unverified], [suspendedHere, unverified], [accountSuspended, unverified]], { oneWay: true });
    await recomputeCommunity(ctx.db, place.id, { reason: 'manual' });
    const scores = new Map((await q<{ user_id: string; score: number }>('SELECT user_id, score FROM trust_scores WHERE community_id = $1', [place.id])).map((r) => [r.user_id, r.score]));
    expect(scores.get(suspendedHere.id)).toBe(0);
    expect(scores.get(accountSuspended.id)).toBe(0);
    expect(scores.get(good.id)).toBeGreaterThan(0);
    expect(scores.get(place.coordinator.id)).toBeGreaterThan(0);
    expect(scores.has(left.id)).toBe(false);
  });
});
