import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Isolation and degree figures for a graph. */
export interface DegreeMeasures {
  members: number;
  /** Directed ties and distinct connected pairs. */
  ties: number;
  pairs: number;
  /** Members with no tie in either direction, and with exactly one person. */
  isolatedCount: number;
  singleTieCount: number;
  isolated: MemberId[];
  singleTie: MemberId[];
  meanDegree: number;
  medianDegree: number;
  maxDegree: number;
  /** Members by number of people they have a tie with: bins 0, 1, 2, 3–4, 5–8, 9–16, … */
  degreeDistribution: { from: number; to: number; members: number }[];
}

/** Counts isolated and single-tie members and bins the degree distribution (degree = distinct people tied to). */
export function measureDegrees(graph: TrustGraph): DegreeMeasures {
  const view = undirectedView(graph);
  const n = graph.nodeCount;
  const degree = new Int32Array(n);
  let maxDegree = 0;
  const isolated: MemberId[] = [];
  const singleTie: MemberId[] = [];
  for (let v = 0; v < n; v++) {
    const d = view.start[v + 1] - view.start[v];
    degree[v] = d;
    if (d > maxDegree) maxDegree = d;
    if (d === 0) isolated.push(graph.idOf(v));
    else if (d === 1) singleTie.push(graph.idOf(v));
  }
  const bins: { from: number; to: number; members: number }[] = [
    { from: 0, to: 0, members: 0 },
    { from: 1, to: 1, members: 0 },
    { from: 2, to: 2, members: 0 },
  ];
  for (let from = 3; from <= Math.max(3, maxDegree); from = (from - 1) * 2 + 1) bins.push({ from, to: (from - 1) * 2, members: 0 });
  for (let v = 0; v < n; v++) {
    const d = degree[v];
    const bin = d <= 2 ? d : 3 + Math.floor(Math.log2((d - 1) / 2));
    bins[bin].members++;
  }
  const sorted = degree.slice().sort();
  return {
    members: n,
    ties: graph.tieCount,
    pairs: view.edgeCount,
    isolatedCount: isolated.length,
    singleTieCount: singleTie.length,
    isolated,
    singleTie,
    meanDegree: n > 0 ? (2 * view.edgeCount) / n : 0,
    medianDegree: n > 0 ? (n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2) : 0,
    maxDegree,
    degreeDistribution: bins.filter((b) => b.from <= Math.max(maxDegree, 2)),
  };
}
