import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';
import { takeWorkspace } from './graph-workspace.ts';

/** Options for personal trust. */
export interface PersonalTrustOptions {
  /** Share of trust that follows ties at each step; as for community trust (default 0.85). */
  damping?: number;
  /**
   * Push threshold per out-tie (default 1e-5). A member's leftover residual stays below
   * epsilon × their number of out-ties, so the work is at most 1/((1 − d)·epsilon) tie visits
   * whatever the graph's size, and the error bound below is what is left over.
   */
  epsilon?: number;
}

/** A viewer's personalised trust in the members near them. */
export interface PersonalTrust {
  readonly graph: TrustGraph;
  readonly viewer: number;
  /** Nodes with a positive estimate, and the estimates (same order). */
  readonly nodes: Int32Array;
  readonly scores: Float64Array;
  /**
   * Sum of the residual left unpushed. The exact personalised score of every member lies in
   * [estimate, estimate + errorBound], and the estimates' total L1 error equals errorBound.
   */
  readonly errorBound: number;
  /** Tie visits the push made (the query's cost). */
  readonly work: number;
  /** Estimated personalised trust of a member (0 when never reached). */
  scoreOf(id: MemberId): number;
}

/**
 * Approximates personalised PageRank from `viewer` by forward push (Andersen, Chung and Lang,
 * 2006): probability mass starts at the viewer and is pushed along out-ties wherever a
 * member's residual exceeds epsilon per out-tie; members who trust nobody send their walk back
 * to the viewer, as community trust sends it to the teleport set.
 */
export function computePersonalTrust(graph: TrustGraph, viewer: MemberId, options: PersonalTrustOptions = {}): PersonalTrust {
  const source = graph.nodeOf(viewer);
  if (source < 0) throw new RangeError(`member ${String(viewer)} is not in the graph`);
  const damping = options.damping ?? 0.85;
  const epsilon = options.epsilon ?? 1e-5;
  const { outStart, outTarget, outWeight, outStrength } = graph;
  const ws = takeWorkspace(graph);
  const { a: estimate, b: residual, mark, touched } = ws;
  const stamp = ws.stamp;
  // A FIFO ring of members whose residual is over threshold (marked by a negative stamp): a
  // member is queued at most once at a time, so n slots always suffice.
  const queue = ws.queue;
  const n = graph.nodeCount;
  let head = 0;
  let size = 0;
  const enqueue = (v: number): void => {
    mark[v] = -stamp;
    let at = head + size;
    if (at >= n) at -= n;
    queue[at] = v;
    size++;
  };
  let touchedCount = 0;
  const touch = (v: number): void => {
    if (mark[v] !== stamp && mark[v] !== -stamp) {
      mark[v] = stamp;
      touched[touchedCount++] = v;
    }
  };
  touch(source);
  enqueue(source);
  residual[source] = 1;
  let work = 0;
  while (size > 0) {
    const u = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    size--;
    mark[u] = stamp;
    const r = residual[u];
    const begin = outStart[u];
    const end = outStart[u + 1];
    if (r < epsilon * Math.max(1, end - begin)) continue;
    residual[u] = 0;
    estimate[u] += (1 - damping) * r;
    if (begin === end) {
      residual[source] += damping * r;
      if (mark[source] !== -stamp && residual[source] >= epsilon * Math.max(1, outStart[source + 1] - outStart[source])) enqueue(source);
      continue;
    }
    const share = (damping * r) / outStrength[u];
    work += end - begin;
    for (let p = begin; p < end; p++) {
      const v = outTarget[p];
      touch(v);
      const rv = (residual[v] += share * outWeight[p]);
      if (mark[v] !== -stamp && rv >= epsilon * Math.max(1, outStart[v + 1] - outStart[v])) enqueue(v);
    }
  }
  let count = 0;
  let errorBound = 0;
  for (let k = 0; k < touchedCount; k++) {
    const v = touched[k];
    errorBound += residual[v];
    if (estimate[v] > 0) count++;
  }
  const nodes = new Int32Array(count);
  const scores = new Float64Array(count);
  for (let k = 0, j = 0; k < touchedCount; k++) {
    const v = touched[k];
    if (estimate[v] > 0) {
      nodes[j] = v;
      scores[j] = estimate[v];
      j++;
    }
    estimate[v] = 0;
    residual[v] = 0;
  }
  let position: Map<number, number> | undefined;
  return {
    graph,
    viewer: source,
    nodes,
    scores,
    errorBound,
    work,
    scoreOf(id) {
      // Built on first use: most callers read the arrays and never ask by id.
      if (!position) {
        position = new Map();
        for (let j = 0; j < count; j++) position.set(nodes[j], j);
      }
      const j = position.get(graph.nodeOf(id));
      return j === undefined ? 0 : scores[j];
    },
  };
}
