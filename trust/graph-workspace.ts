import type { TrustGraph } from './trust-graph.ts';

/**
 * Per-graph scratch arrays for per-viewer queries. Allocating (and zeroing) two arrays of a
 * million entries costs more than a whole query, so each graph keeps one set and every query
 * leaves it clean for the next by resetting only the entries it touched.
 */
export interface GraphWorkspace {
  /** Float scratch, all zero between queries. */
  a: Float64Array;
  /** Float scratch, all zero between queries. */
  b: Float64Array;
  /** Stamp per node: equal to `stamp` when touched by the current query. */
  mark: Int32Array;
  stamp: number;
  /** Nodes touched by the current query. */
  touched: Int32Array;
  /** Queue space for graph walks. */
  queue: Int32Array;
}

const workspaces = new WeakMap<TrustGraph, GraphWorkspace>();

/** Returns the graph's scratch arrays with a fresh stamp. Not re-entrant: queries run one at a time per thread. */
export function takeWorkspace(graph: TrustGraph): GraphWorkspace {
  let ws = workspaces.get(graph);
  if (!ws) {
    const n = graph.nodeCount;
    ws = { a: new Float64Array(n), b: new Float64Array(n), mark: new Int32Array(n), stamp: 0, touched: new Int32Array(n), queue: new Int32Array(n) };
    workspaces.set(graph, ws);
  }
  ws.stamp++;
  if (ws.stamp === 0x7fffffff) {
    ws.mark.fill(0);
    ws.stamp = 1;
  }
  return ws;
}
