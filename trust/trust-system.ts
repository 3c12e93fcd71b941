import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';

/** Options for community trust; every field has a documented default. */
export interface CommunityTrustOptions {
  /**
   * Share of trust that follows ties at each step (1 − a). 0.85 is PageRank's and
   * EigenTrust's usual value: high enough that scores reflect the web of ties several steps
   * out, low enough that a fake ring's gain stays bounded by (d/(1−d)) × what flows in.
   */
  damping?: number;
  /**
   * Members whose trust is given rather than earned (coordinator-verified members). The
   * teleport share 1 − d is spread evenly over them; when absent or empty it is spread over
   * every member, which is weighted PageRank.
   */
  preTrusted?: Iterable<MemberId>;
  /** Stop when a sweep changes the scores by less than this in L1 (default 1e-10). */
  tolerance?: number;
  /** Safety stop (default 1000 sweeps; convergence normally takes well under 100). */
  maxIterations?: number;
  /** Previous scores to start from: a previous result, or scores by member id. */
  previous?: CommunityTrust | ReadonlyMap<MemberId, number>;
}

/** Community trust scores with the evidence of how well they converged. */
export interface CommunityTrust {
  readonly graph: TrustGraph;
  /** Score of each node of `graph`; non-negative, summing to 1. */
  readonly scores: Float64Array;
  readonly teleport: 'uniform' | 'pre-trusted';
  readonly iterations: number;
  /** L1 norm of the fixed-point residual of the returned scores (before normalising). */
  readonly residual: number;
  /** Proven bound on the L1 distance to the exact fixed point: 2·residual / ((1 − d)·‖x‖₁). */
  readonly errorBound: number;
  /** Score of a member by id (0 for a member not in the graph). */
  scoreOf(id: MemberId): number;
}

/** The arrays one solve works on. */
export interface TrustSystem {
  damping: number;
  tolerance: number;
  maxIterations: number;
  teleport: 'uniform' | 'pre-trusted';
  /** (1 − d)·p per node. */
  base: Float64Array;
  /** 1 / out-strength, or 1 for a member with no out-ties. */
  scale: Float64Array;
  /** The iterate, x·scale, shared with worker threads. */
  y: Float64Array;
  /** What the sweeps read y through: y itself, or a Float32 mirror for float32 graphs. */
  gather: Float32Array | Float64Array;
}

function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

/** Sets up the linear system for community trust: teleport vector, scaling and start vector. */
export function prepareTrustSystem(graph: TrustGraph, options: CommunityTrustOptions): TrustSystem {
  const damping = options.damping ?? 0.85;
  if (!(damping >= 0 && damping < 1)) throw new RangeError(`damping must be in [0, 1), got ${damping}`);
  const n = graph.nodeCount;
  const base = sharedFloat64(n);
  const preTrusted: number[] = [];
  const unknown: MemberId[] = [];
  for (const id of options.preTrusted ?? []) {
    const node = graph.nodeOf(id);
    if (node < 0) unknown.push(id);
    else preTrusted.push(node);
  }
  if (unknown.length > 0) {
    throw new RangeError(`pre-trusted members not in the graph: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`);
  }
  let teleport: 'uniform' | 'pre-trusted' = 'uniform';
  if (preTrusted.length > 0) {
    teleport = 'pre-trusted';
    const marked = new Uint8Array(n);
    for (const node of preTrusted) marked[node] = 1;
    let count = 0;
    for (let v = 0; v < n; v++) count += marked[v];
    for (let v = 0; v < n; v++) if (marked[v]) base[v] = (1 - damping) / count;
  } else if (n > 0) {
    base.fill((1 - damping) / n);
  }
  const scale = sharedFloat64(n);
  for (let v = 0; v < n; v++) scale[v] = graph.outStrength[v] > 0 ? 1 / graph.outStrength[v] : 1;
  const y = sharedFloat64(n);
  const start = options.previous ? previousScores(graph, options.previous) : undefined;
  if (start) {
    // x = t·(1 − d)/β where β = d·(trust held by members with no out-ties) + (1 − d): the
    // exact relation between the normalised scores and the linear system's solution.
    let dangling = 0;
    for (let v = 0; v < n; v++) if (graph.outStrength[v] === 0) dangling += start[v];
    const factor = (1 - damping) / (damping * dangling + (1 - damping));
    for (let v = 0; v < n; v++) y[v] = start[v] * factor * scale[v];
  } else {
    for (let v = 0; v < n; v++) y[v] = base[v] * scale[v];
  }
  let gather: Float32Array | Float64Array = y;
  if (graph.inWeight instanceof Float32Array) {
    gather = new Float32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
    gather.set(y);
  }
  return {
    damping,
    tolerance: options.tolerance ?? 1e-10,
    maxIterations: options.maxIterations ?? 1000,
    teleport,
    base,
    scale,
    y,
    gather,
  };
}

/** Maps previous scores onto this graph's nodes, normalised to sum 1; undefined when none overlap. */
function previousScores(graph: TrustGraph, previous: CommunityTrust | ReadonlyMap<MemberId, number>): Float64Array | undefined {
  const n = graph.nodeCount;
  const start = new Float64Array(n);
  if (previous instanceof Map) {
    for (let v = 0; v < n; v++) start[v] = Math.max(0, previous.get(graph.idOf(v)) ?? 0);
  } else {
    const prev = previous as CommunityTrust;
    if (prev.graph.members === graph.members) {
      // Same append-only numbering: a typed-array gather, no hashing.
      const nodeOfMember = prev.graph.nodeOfMember;
      for (let v = 0; v < n; v++) {
        const k = graph.member[v];
        const old = k < nodeOfMember.length ? nodeOfMember[k] : -1;
        start[v] = old >= 0 ? prev.scores[old] : 0;
      }
    } else {
      for (let v = 0; v < n; v++) {
        const old = prev.graph.nodeOf(graph.idOf(v));
        start[v] = old >= 0 ? prev.scores[old] : 0;
      }
    }
  }
  let total = 0;
  for (let v = 0; v < n; v++) total += start[v];
  if (!(total > 0)) return undefined;
  // Newcomers start with an even share of what an average member holds.
  for (let v = 0; v < n; v++) start[v] /= total;
  return start;
}

/** Turns the solved iterate into normalised scores and the result object. */
export function finishTrust(graph: TrustGraph, system: TrustSystem, iterations: number, residual: number): CommunityTrust {
  const n = graph.nodeCount;
  const scores = new Float64Array(n);
  let norm = 0;
  for (let v = 0; v < n; v++) {
    const x = system.y[v] / system.scale[v];
    scores[v] = x;
    norm += x;
  }
  if (norm > 0) for (let v = 0; v < n; v++) scores[v] /= norm;
  return {
    graph,
    scores,
    teleport: system.teleport,
    iterations,
    residual,
    errorBound: norm > 0 ? (2 * residual) / ((1 - system.damping) * norm) : 0,
    scoreOf(id) {
      const node = graph.nodeOf(id);
      return node < 0 ? 0 : scores[node];
    },
  };
}
