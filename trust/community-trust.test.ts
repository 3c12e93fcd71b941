import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computeCommunityTrust } from './community-trust.ts';
import { graphFromTies } from './trust-graph.ts';
import { denseTrust, makeGraph, makeNeighbourhood, type Tie } from './test-support.ts';

const tieList = (n: number) =>
  fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.01, max: 10, noNaN: true })), { maxLength: n * 4 });

const graphCase = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({ n: fc.constant(n), ties: tieList(n), preTrusted: fc.array(fc.nat(n - 1), { maxLength: 4 }), damping: fc.double({ min: 0.5, max: 0.95, noNaN: true }) }),
);

function scoresByMember(n: number, ties: Tie[], options: { preTrusted?: number[]; damping?: number }): Float64Array {
  const graph = makeGraph(n, ties);
  const result = computeCommunityTrust(graph, { ...options, tolerance: 1e-14 });
  const out = new Float64Array(n);
  for (let v = 0; v < n; v++) out[graph.member[v]] = result.scores[v];
  return out;
}

describe('community trust', () => {
  it('agrees with a dense power iteration to 1e-9', () => {
    fc.assert(
      fc.property(graphCase, ({ n, ties, preTrusted, damping }) => {
        const engine = scoresByMember(n, ties, { preTrusted, damping });
        const reference = denseTrust(n, ties, damping, preTrusted);
        for (let v = 0; v < n; v++) expect(Math.abs(engine[v] - reference[v])).toBeLessThan(1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('gives non-negative scores that sum to 1', () => {
    fc.assert(
      fc.property(graphCase, ({ n, ties, preTrusted, damping }) => {
        const scores = scoresByMember(n, ties, { preTrusted, damping });
        let sum = 0;
        for (const s of scores) {
          expect(s).toBeGreaterThanOrEqual(0);
          sum += s;
        }
        expect(sum).toBeCloseTo(1, 12);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a member with no incoming ties, outside the pre-trusted set, only the teleport share', () => {
    fc.assert(
      fc.property(graphCase, ({ n, ties, preTrusted, damping }) => {
        const scores = scoresByMember(n, ties, { preTrusted, damping });
        const hasIn = new Set(ties.filter(([s, t]) => s !== t).map(([, t]) => t));
        const trusted = new Set(preTrusted);
        // The teleport share is the (1 − d) restart plus the d·(dangling mass) that members
        // who trust nobody hand back to p; both are spread by p, which is 0 off the set.
        const outgoing = new Set(ties.filter(([s, t]) => s !== t).map(([s]) => s));
        let dangling = 0;
        for (let v = 0; v < n; v++) if (!outgoing.has(v)) dangling += scores[v];
        for (let v = 0; v < n; v++) {
          if (hasIn.has(v) || trusted.has(v)) continue;
          const p = trusted.size > 0 ? 0 : 1 / n;
          expect(scores[v]).toBeCloseTo((1 - damping + damping * dangling) * p, 12);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never lowers B when a tie from A to B is added', () => {
    fc.assert(
      fc.property(graphCase, fc.nat(), fc.nat(), fc.double({ min: 0.01, max: 5, noNaN: true }), ({ n, ties, preTrusted, damping }, a, b, w) => {
        const from = a % n;
        const to = b % n;
        fc.pre(from !== to);
        const before = scoresByMember(n, ties, { preTrusted, damping });
        const after = scoresByMember(n, [...ties, [from, to, w]], { preTrusted, damping });
        expect(after[to]).toBeGreaterThanOrEqual(before[to] - 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the same fixed point from a warm start, in fewer sweeps', () => {
    const { n, ties } = makeNeighbourhood(20, 50, 8, 0.1, 3);
    const graph = makeGraph(n, ties);
    const cold = computeCommunityTrust(graph, { tolerance: 1e-12 });
    const more = makeGraph(n, [...ties, ...ties.slice(0, 100).map(([s, t, w]): Tie => [t, (s + 7) % n, w])]);
    const coldMore = computeCommunityTrust(more, { tolerance: 1e-12 });
    const warm = computeCommunityTrust(more, { tolerance: 1e-12, previous: cold });
    const byId = new Map([...Array(n).keys()].map((id) => [id, cold.scoreOf(id)]));
    const warmFromMap = computeCommunityTrust(more, { tolerance: 1e-12, previous: byId });
    let l1 = 0;
    let l1Map = 0;
    for (let v = 0; v < n; v++) {
      l1 += Math.abs(warm.scores[v] - coldMore.scores[v]);
      l1Map += Math.abs(warmFromMap.scores[v] - coldMore.scores[v]);
    }
    expect(l1).toBeLessThan(1e-10);
    expect(l1Map).toBeLessThan(1e-10);
    expect(warm.iterations).toBeLessThan(coldMore.iterations);
    expect(warm.errorBound).toBeLessThan(1e-9);
  });

  it('gives the same scores with two threads as with one', () => {
    const { n, ties } = makeNeighbourhood(40, 50, 8, 0.1, 4);
    const graph = makeGraph(n, ties);
    const one = computeCommunityTrust(graph, { tolerance: 1e-13, threads: 1 });
    const two = computeCommunityTrust(graph, { tolerance: 1e-13, threads: 2 });
    let l1 = 0;
    for (let v = 0; v < n; v++) l1 += Math.abs(one.scores[v] - two.scores[v]);
    expect(l1).toBeLessThan(1e-10);
  });

  it('falls back to Gauss–Seidel where over-relaxation oscillates (a short cycle, d = 0.95)', () => {
    const ties: Tie[] = [[4, 6, 0.01], [6, 0, 0.01], [0, 1, 0.01], [0, 4, 0.010070682867965931]];
    const engine = scoresByMember(8, ties, { damping: 0.95 });
    const reference = denseTrust(8, ties, 0.95);
    for (let v = 0; v < 8; v++) expect(Math.abs(engine[v] - reference[v])).toBeLessThan(1e-12);
  });

  it('stays within 1e-7 of float64 scores on a float32 graph, and proves it', () => {
    const { n, ties } = makeNeighbourhood(30, 60, 8, 0.1, 5);
    const source = Int32Array.from(ties, (t) => t[0]);
    const target = Int32Array.from(ties, (t) => t[1]);
    const weight = Float32Array.from(ties, (t) => t[2]);
    const exact = computeCommunityTrust(makeGraph(n, ties), { tolerance: 1e-13 });
    const fast = computeCommunityTrust(graphFromTies({ memberCount: n, source, target, weight }, { precision: 'float32' }), { tolerance: 1e-8 });
    let l1 = 0;
    for (let id = 0; id < n; id++) l1 += Math.abs(exact.scoreOf(id) - fast.scoreOf(id));
    expect(l1).toBeLessThan(1e-7);
    expect(fast.errorBound).toBeLessThan(1e-6);
    expect(l1).toBeLessThanOrEqual(fast.errorBound + exact.errorBound);
  });

  it('rejects pre-trusted members who are not in the graph', () => {
    const graph = makeGraph(3, [[0, 1, 1]]);
    expect(() => computeCommunityTrust(graph, { preTrusted: [7] })).toThrow(/not in the graph: 7/);
  });
});
