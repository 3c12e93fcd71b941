import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Betweenness centrality per node, on the undirected graph with every tie of length 1. */
export interface Betweenness {
  /** Unnormalised betweenness (each unordered pair counted once), estimated when sampled. */
  scores: Float64Array;
  /** Number of source members the estimate is built from (all members when exact). */
  sources: number;
  exact: boolean;
  /**
   * With probability 0.95, every member's betweenness divided by (n − 1)(n − 2)/2 is within
   * this of the exact value (Hoeffding's bound with a union bound over all members; 0 when exact).
   */
  normalisedErrorBound: number;
}

/** Options for sampled betweenness. */
export interface BetweennessOptions {
  /**
   * Number of source members to sample. Default: all members (exact) up to 5,000 members;
   * above that, as many as fit a budget of about 10^8 tie visits (each source costs two passes
   * over the ties), between 16 and 512.
   */
  samples?: number;
  /** Seed for choosing the sources, so a report can be reproduced. */
  seed?: number;
}

/**
 * Brandes' algorithm over all sources, or over a uniform sample of sources scaled by n/k
 * (Brandes and Pich, 2007), which is unbiased and costs k breadth-first searches.
 */
export function measureBetweenness(graph: TrustGraph, options: BetweennessOptions = {}): Betweenness {
  const view = undirectedView(graph);
  const n = view.nodeCount;
  const budget = Math.floor(1e8 / Math.max(1, view.start[n]));
  const k = Math.min(n, options.samples ?? (n <= 5000 ? n : Math.max(16, Math.min(512, budget))));
  const exact = k === n;
  const sources = new Int32Array(n);
  for (let i = 0; i < n; i++) sources[i] = i;
  if (!exact) {
    let seed = (options.seed ?? 1) >>> 0 || 1;
    for (let i = 0; i < k; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      const j = i + ((seed >>> 0) % (n - i));
      const x = sources[i];
      sources[i] = sources[j];
      sources[j] = x;
    }
  }
  const { start, neighbour } = view;
  const scores = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const delta = new Float64Array(n);
  const stack = new Int32Array(n);
  for (let t = 0; t < k; t++) {
    const s = sources[t];
    // BFS; the stack doubles as the queue, as vertices are popped in reverse BFS order.
    let tail = 0;
    stack[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    for (let head = 0; head < tail; head++) {
      const v = stack[head];
      for (let p = start[v]; p < start[v + 1]; p++) {
        const w = neighbour[p];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          stack[tail++] = w;
        }
        if (dist[w] === dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = stack[i];
      for (let p = start[w]; p < start[w + 1]; p++) {
        const v = neighbour[p];
        if (dist[v] === dist[w] - 1) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      }
      scores[w] += delta[w];
    }
    for (let i = 0; i < tail; i++) {
      const v = stack[i];
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  // Each unordered pair was counted from both ends when exact; a sample of k sources stands
  // for n, so scale by n/k first.
  const factor = (exact ? 1 : n / k) / 2;
  for (let v = 0; v < n; v++) scores[v] *= factor;
  // Normalised betweenness is n/(n − 1) times the mean over sources of δ_s(v)/(n − 2), a
  // value in [0, 1]; Hoeffding's inequality for k sources drawn without replacement, with a
  // union bound over the n members at 95%, gives the error below.
  const normalisedErrorBound = exact || n < 3 ? 0 : (n / (n - 1)) * Math.sqrt(Math.log((2 * n) / 0.05) / (2 * k));
  return { scores, sources: k, exact, normalisedErrorBound };
}
