import { MemberIndex, type MemberId } from './member-index.ts';
import { localityOrder } from './locality-order.ts';

/** Directed ties over dense member numbers, as parallel typed arrays (one entry per act or per pair). */
export interface TieArrays {
  /** Number of members; member numbers run 0..memberCount-1. */
  memberCount: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array | Float64Array;
  /** Number of ties used from the arrays (defaults to source.length). */
  length?: number;
}

/** How a graph is laid out in memory. */
export interface GraphLayoutOptions {
  /**
   * `float64` (default) keeps tie weights exact, so scores match a reference to 1e-9;
   * `float32` halves the weight arrays for million-member graphs (relative weight error
   * below 6e-8, which moves scores by well under 1e-6 in L1).
   */
  precision?: 'float64' | 'float32';
  /**
   * `locality` (default) renumbers members so that tight-knit groups sit next to each other
   * in memory, which is what makes the iterations cache-friendly; `input` keeps member order.
   */
  order?: 'locality' | 'input';
  /** The id mapping the member numbers come from; a plain 0..n-1 numbering when absent. */
  members?: MemberIndex;
}

/**
 * A directed weighted trust graph. Nodes are numbered 0..nodeCount-1 in a locality order;
 * `member[node]` gives the member number in `members` and `idOf(node)` the member id.
 * Only ties with positive net weight are kept: negative evidence can cancel a tie but never
 * turns into "negative trust" flowing through the graph (EigenTrust clamps at zero too).
 */
export interface TrustGraph {
  readonly nodeCount: number;
  readonly tieCount: number;
  /** Pairs whose negative evidence outweighed the positive (dropped from the graph). */
  readonly strainedTieCount: number;
  readonly members: MemberIndex;
  /** Member number of each node. */
  readonly member: Int32Array;
  /** Node of each member number (-1 for none). */
  readonly nodeOfMember: Int32Array;
  /** Out-ties (CSR), rows sorted by target node. */
  readonly outStart: Int32Array;
  readonly outTarget: Int32Array;
  readonly outWeight: Float32Array | Float64Array;
  /** Sum of each node's outgoing weights (float64 even in float32 mode). */
  readonly outStrength: Float64Array;
  /** In-ties (CSC), columns sorted by source node. */
  readonly inStart: Int32Array;
  readonly inSource: Int32Array;
  readonly inWeight: Float32Array | Float64Array;
  /** Member id of a node. */
  idOf(node: number): MemberId;
  /** Node of a member id, or -1 when the member has no place in this graph. */
  nodeOf(id: MemberId): number;
}

function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

function sharedFloat(length: number, precision: 'float64' | 'float32'): Float32Array | Float64Array {
  return precision === 'float32'
    ? new Float32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length)
    : new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

/** Builds a trust graph from tie arrays: merges repeated pairs, drops self-ties and non-positive pairs, lays out CSR and CSC. */
export function graphFromTies(ties: TieArrays, options: GraphLayoutOptions = {}): TrustGraph {
  const precision = options.precision ?? 'float64';
  const n = ties.memberCount;
  const count = ties.length ?? ties.source.length;
  const { source, target, weight } = ties;
  // Pass 1: count ties per source. Self-ties say nothing about trust in others: dropped.
  let rowStart = new Int32Array(n + 1);
  for (let e = 0; e < count; e++) {
    const s = source[e];
    const t = target[e];
    if (!(s >= 0 && s < n && t >= 0 && t < n)) throw new RangeError(`tie ${e} joins ${s} to ${t}, outside 0..${n - 1}`);
    if (!Number.isFinite(weight[e])) throw new RangeError(`tie ${e} has weight ${weight[e]}`);
    if (s !== t) rowStart[s + 1]++;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  // These two buffers are reused for the final out-rows, which saves allocating (and, on a
  // virtual machine, faulting in) another 8 bytes per tie.
  const rowTarget = sharedInt32(rowStart[n]);
  const rowWeight = sharedFloat(rowStart[n], precision);
  let cursor = rowStart.slice(0, n);
  for (let e = 0; e < count; e++) {
    const s = source[e];
    if (s === target[e]) continue;
    const p = cursor[s]++;
    rowTarget[p] = target[e];
    rowWeight[p] = weight[e];
  }
  // Merge repeated pairs (a repeated pair adds weight), then drop pairs whose net weight is
  // not positive. `slot` remembers where each neighbour sits in the current row.
  const slot = cursor.fill(-1);
  let write = 0;
  let strained = 0;
  for (let r = 0; r < n; r++) {
    const rowBegin = write;
    for (let p = rowStart[r], end = rowStart[r + 1]; p < end; p++) {
      const o = rowTarget[p];
      const at = slot[o];
      if (at >= rowBegin) {
        rowWeight[at] += rowWeight[p];
      } else {
        slot[o] = write;
        rowTarget[write] = o;
        rowWeight[write] = rowWeight[p];
        write++;
      }
    }
    rowStart[r] = rowBegin;
    let keep = rowBegin;
    for (let p = rowBegin; p < write; p++) {
      if (rowWeight[p] > 0) {
        rowTarget[keep] = rowTarget[p];
        rowWeight[keep] = rowWeight[p];
        keep++;
      } else {
        strained++;
      }
    }
    write = keep;
  }
  rowStart[n] = write;
  const m = write;
  const order = options.order === 'input' ? identityOrder(n) : localityOrder(n, rowStart, rowTarget);
  // order[node] = member number; rank[member] = node.
  const rank = slot;
  for (let i = 0; i < n; i++) rank[order[i]] = i;
  // Pass 2: in-ties by renumbered target. Scanning sources in node order leaves every
  // column sorted by source, so the iterations read scores in increasing address order.
  const inStart = sharedInt32(n + 1);
  for (let p = 0; p < m; p++) inStart[rank[rowTarget[p]] + 1]++;
  for (let i = 0; i < n; i++) inStart[i + 1] += inStart[i];
  cursor = inStart.slice(0, n);
  const inSource = sharedInt32(m);
  const inWeight = sharedFloat(m, precision);
  for (let node = 0; node < n; node++) {
    const r = order[node];
    for (let p = rowStart[r], end = rowStart[r + 1]; p < end; p++) {
      const c = cursor[rank[rowTarget[p]]]++;
      inSource[c] = node;
      inWeight[c] = rowWeight[p];
    }
  }
  rowStart = new Int32Array(0);
  // Pass 3: out-rows by transposing the in-ties, which leaves each row sorted by target.
  const outStart = sharedInt32(n + 1);
  const outStrength = new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
  for (let p = 0; p < m; p++) outStart[inSource[p] + 1]++;
  for (let i = 0; i < n; i++) outStart[i + 1] += outStart[i];
  cursor.set(outStart.subarray(0, n));
  const outTarget = rowTarget.subarray(0, m);
  const outWeight = rowWeight.subarray(0, m);
  for (let node = 0; node < n; node++) {
    for (let p = inStart[node], end = inStart[node + 1]; p < end; p++) {
      const s = inSource[p];
      const c = cursor[s]++;
      outTarget[c] = node;
      outWeight[c] = inWeight[p];
      outStrength[s] += inWeight[p];
    }
  }
  const members = options.members ?? MemberIndex.numbered(n);
  const nodeOfMember = new Int32Array(Math.max(n, members.size)).fill(-1);
  nodeOfMember.set(rank);
  const member = order;
  return {
    nodeCount: n,
    tieCount: m,
    strainedTieCount: strained,
    members,
    member,
    nodeOfMember,
    outStart,
    outTarget,
    outWeight,
    outStrength,
    inStart,
    inSource,
    inWeight,
    idOf: (node) => members.idOf(member[node]),
    nodeOf: (id) => {
      const k = members.lookup(id);
      return k < 0 || k >= n ? -1 : nodeOfMember[k];
    },
  };
}

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

