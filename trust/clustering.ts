import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Clustering of the undirected graph. */
export interface ClusteringMeasures {
  triangles: number;
  /** 3 × triangles / connected triples: how often two of a member's contacts know each other. */
  transitivity: number;
  /** Mean of the members' local clustering coefficients, over members with at least two contacts. */
  averageLocal: number;
  /** Local clustering coefficient of each node (0 for fewer than two contacts). */
  local: Float64Array;
}

/** Counts triangles (each once, via degree ordering) and returns global and local clustering. */
export function measureClustering(graph: TrustGraph): ClusteringMeasures {
  const view = undirectedView(graph);
  const n = view.nodeCount;
  const { start, neighbour } = view;
  const perNode = new Float64Array(n);
  const rank = (v: number): number => (start[v + 1] - start[v]) * n + v;
  const mark = new Int32Array(n).fill(-1);
  let triangles = 0;
  // Orient each edge from lower to higher (degree, id) rank: every triangle is then found
  // exactly once, from its lowest-ranked corner, and hubs never scan their long lists twice.
  for (let u = 0; u < n; u++) {
    const ru = rank(u);
    for (let p = start[u]; p < start[u + 1]; p++) {
      const v = neighbour[p];
      if (rank(v) > ru) mark[v] = u;
    }
    for (let p = start[u]; p < start[u + 1]; p++) {
      const v = neighbour[p];
      const rv = rank(v);
      if (rv <= ru) continue;
      for (let q = start[v]; q < start[v + 1]; q++) {
        const w = neighbour[q];
        if (mark[w] === u && rank(w) > rv) {
          triangles++;
          perNode[u]++;
          perNode[v]++;
          perNode[w]++;
        }
      }
    }
  }
  let triples = 0;
  let localSum = 0;
  let localCount = 0;
  for (let v = 0; v < n; v++) {
    const d = start[v + 1] - start[v];
    const pairs = (d * (d - 1)) / 2;
    triples += pairs;
    if (d >= 2) {
      perNode[v] /= pairs;
      localSum += perNode[v];
      localCount++;
    } else {
      perNode[v] = 0;
    }
  }
  return {
    triangles,
    transitivity: triples > 0 ? (3 * triangles) / triples : 0,
    averageLocal: localCount > 0 ? localSum / localCount : 0,
    local: perNode,
  };
}
