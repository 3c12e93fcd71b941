import type { TrustGraph } from './trust-graph.ts';

/** The graph with direction dropped: each pair of members with a tie either way appears once per side, weights summed. */
export interface UndirectedView {
  readonly nodeCount: number;
  /** Number of distinct pairs (undirected edges). */
  readonly edgeCount: number;
  /** CSR over both directions; each row sorted by neighbour. */
  readonly start: Int32Array;
  readonly neighbour: Int32Array;
  readonly weight: Float64Array;
}

const views = new WeakMap<TrustGraph, UndirectedView>();

/** Returns (and caches) the undirected collapsed view of a graph, merging each node's sorted out- and in-lists. */
export function undirectedView(graph: TrustGraph): UndirectedView {
  const cached = views.get(graph);
  if (cached) return cached;
  const n = graph.nodeCount;
  const { outStart, outTarget, outWeight, inStart, inSource, inWeight } = graph;
  const start = new Int32Array(n + 1);
  // Pass 1 counts the union size of each node's two sorted lists; pass 2 fills it.
  for (let pass = 0; pass < 2; pass++) {
    const neighbour = pass === 1 ? new Int32Array(start[n]) : undefined;
    const weight = pass === 1 ? new Float64Array(start[n]) : undefined;
    for (let v = 0; v < n; v++) {
      let i = outStart[v];
      const iEnd = outStart[v + 1];
      let j = inStart[v];
      const jEnd = inStart[v + 1];
      let k = pass === 1 ? start[v] : 0;
      while (i < iEnd || j < jEnd) {
        const a = i < iEnd ? outTarget[i] : n;
        const b = j < jEnd ? inSource[j] : n;
        let u: number;
        let w = 0;
        if (a <= b) {
          u = a;
          w += outWeight[i++];
        } else {
          u = b;
        }
        if (b === u) w += inWeight[j++];
        if (neighbour && weight) {
          neighbour[k] = u;
          weight[k] = w;
        }
        k++;
      }
      if (pass === 0) start[v + 1] = k;
    }
    if (pass === 0) {
      for (let v = 0; v < n; v++) start[v + 1] += start[v];
    } else if (neighbour && weight) {
      const view = { nodeCount: n, edgeCount: start[n] / 2, start, neighbour, weight };
      views.set(graph, view);
      return view;
    }
  }
  throw new Error('unreachable');
}
