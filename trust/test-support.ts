// Graph factories and reference computations for the trust engine's tests.
import { TieBuffer } from './tie-buffer.ts';
import { graphFromTies, type TrustGraph } from './trust-graph.ts';

/** A tie as tests write it. */
export type Tie = [source: number, target: number, weight: number];

/** Builds a float64 graph over members 0..n-1 from a tie list (ids are the numbers). */
export function makeGraph(n: number, ties: readonly Tie[], order: 'locality' | 'input' = 'locality'): TrustGraph {
  const source = new Int32Array(ties.length);
  const target = new Int32Array(ties.length);
  const weight = new Float64Array(ties.length);
  ties.forEach(([s, t, w], e) => {
    source[e] = s;
    target[e] = t;
    weight[e] = w;
  });
  return graphFromTies({ memberCount: n, source, target, weight }, { order });
}

/** Builds a graph with string ids from named ties. */
export function makeNamedGraph(ties: readonly [string, string, number?][], isolated: string[] = []): TrustGraph {
  const buffer = new TieBuffer();
  for (const id of isolated) buffer.members.intern(id);
  for (const [a, b, w] of ties) buffer.add(a, b, w ?? 1);
  return graphFromTies(buffer.toArrays(), { members: buffer.members });
}

/** Seeded PRNG for reproducible test graphs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A clustered neighbourhood: `groups` groups of `size` members, each member with about
 * `degree` ties, a share `outside` of them to other groups, some reciprocated.
 */
export function makeNeighbourhood(groups: number, size: number, degree: number, outside: number, seed: number): { n: number; ties: Tie[]; group: Int32Array } {
  const random = seededRandom(seed);
  const n = groups * size;
  const ties: Tie[] = [];
  const group = new Int32Array(n);
  for (let v = 0; v < n; v++) group[v] = Math.floor(v / size);
  for (let v = 0; v < n; v++) {
    for (let k = 0; k < degree; k++) {
      const g = random() < outside ? Math.floor(random() * groups) : group[v];
      const u = g * size + Math.floor(random() * size);
      if (u === v) continue;
      const w = 1 + Math.floor(random() * 4);
      ties.push([v, u, w]);
      if (random() < 0.3) ties.push([u, v, w]);
    }
  }
  return { n, ties, group };
}

/**
 * Dense reference: plain power iteration of t = d·Cᵀt + d·(dangling mass)·p + (1 − d)·p over
 * member numbers, with C the row-normalised positive tie matrix (repeated pairs summed,
 * self-ties dropped, non-positive pairs dropped).
 */
export function denseTrust(n: number, ties: readonly Tie[], damping: number, preTrusted: readonly number[] = []): Float64Array {
  const w = Array.from({ length: n }, () => new Float64Array(n));
  for (const [s, t, x] of ties) if (s !== t) w[s][t] += x;
  const c = w.map((row) => {
    const pos = row.map((x) => (x > 0 ? x : 0));
    const sum = pos.reduce((a, b) => a + b, 0);
    return sum > 0 ? pos.map((x) => x / sum) : undefined;
  });
  const p = new Float64Array(n);
  if (preTrusted.length > 0) for (const v of new Set(preTrusted)) p[v] = 1 / new Set(preTrusted).size;
  else p.fill(1 / n);
  let t = Float64Array.from(p);
  for (let it = 0; it < 5000; it++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let u = 0; u < n; u++) {
      const row = c[u];
      if (!row) {
        dangling += t[u];
        continue;
      }
      for (let v = 0; v < n; v++) next[v] += damping * t[u] * row[v];
    }
    let change = 0;
    for (let v = 0; v < n; v++) {
      next[v] += (damping * dangling + (1 - damping)) * p[v];
      change += Math.abs(next[v] - t[v]);
    }
    t = next;
    if (change < 1e-15) break;
  }
  return t;
}

/** Exact personalised PageRank from `viewer` (dangling walks restart at the viewer). */
export function densePersonal(n: number, ties: readonly Tie[], damping: number, viewer: number): Float64Array {
  return denseTrust(n, ties, damping, [viewer]);
}
