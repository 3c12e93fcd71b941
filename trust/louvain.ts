import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Communities found by Louvain. */
export interface Communities {
  /** Community of each node, numbered 0..count-1 by size, largest first. */
  community: Int32Array;
  count: number;
  /** Newman–Girvan modularity of the partition on the weighted undirected graph. */
  modularity: number;
  /** Number of aggregation levels run. */
  levels: number;
}

interface Level {
  n: number;
  start: Int32Array;
  neighbour: Int32Array;
  weight: Float64Array;
  /** Weight of each node's self-loop (ties inside a community aggregated into a node). */
  self: Float64Array;
}

/**
 * Finds communities by the Louvain method (Blondel et al., 2008) on the undirected graph with
 * tie strengths summed over both directions. Local moving only revisits members whose
 * neighbourhood changed (a work queue), which gives the same kind of result in a fraction of
 * the sweeps; levels repeat until no member moves.
 */
export function detectCommunities(graph: TrustGraph): Communities {
  const view = undirectedView(graph);
  const n0 = view.nodeCount;
  let level: Level = { n: n0, start: view.start, neighbour: view.neighbour, weight: view.weight, self: new Float64Array(n0) };
  const assignment = new Int32Array(n0);
  for (let v = 0; v < n0; v++) assignment[v] = v;
  let m2 = 0;
  for (let p = 0; p < view.weight.length; p++) m2 += view.weight[p];
  let levels = 0;
  if (m2 > 0) {
    for (;;) {
      const { community, count, moved } = moveNodes(level, m2);
      if (!moved) break;
      levels++;
      for (let v = 0; v < n0; v++) assignment[v] = community[assignment[v]];
      if (count === level.n) break;
      level = aggregate(level, community, count);
    }
  }
  return finish(view, assignment, m2, levels);
}

/** One Louvain local-moving phase; returns the renumbered community of each node. */
function moveNodes(level: Level, m2: number): { community: Int32Array; count: number; moved: boolean } {
  const { n, start, neighbour, weight, self } = level;
  const community = new Int32Array(n);
  const k = new Float64Array(n);
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    community[v] = v;
    let s = 2 * self[v];
    for (let p = start[v]; p < start[v + 1]; p++) s += weight[p];
    k[v] = s;
    total[v] = s;
  }
  const toCommunity = new Float64Array(n);
  const seen = new Int32Array(n);
  const queue = new Int32Array(n);
  const queued = new Uint8Array(n).fill(1);
  for (let v = 0; v < n; v++) queue[v] = v;
  let head = 0;
  let size = n;
  let moved = false;
  // Stop after a bounded amount of work: late moves add little modularity.
  let budget = 20 * n;
  while (size > 0 && budget-- > 0) {
    const v = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    size--;
    queued[v] = 0;
    const own = community[v];
    let used = 0;
    for (let p = start[v]; p < start[v + 1]; p++) {
      const c = community[neighbour[p]];
      if (toCommunity[c] === 0) seen[used++] = c;
      toCommunity[c] += weight[p];
    }
    const kv = k[v];
    total[own] -= kv;
    // Gain of joining c, up to constants shared by all c: w(v, c) − k_v·tot_c / 2m.
    let best = own;
    let bestGain = toCommunity[own] - (kv * total[own]) / m2;
    for (let q = 0; q < used; q++) {
      const c = seen[q];
      const gain = toCommunity[c] - (kv * total[c]) / m2;
      // Strictly better only: on a tie the member stays, so the phase cannot cycle.
      if (gain > bestGain + 1e-12 * kv) {
        best = c;
        bestGain = gain;
      }
    }
    for (let q = 0; q < used; q++) toCommunity[seen[q]] = 0;
    total[best] += kv;
    if (best !== own) {
      community[v] = best;
      moved = true;
      for (let p = start[v]; p < start[v + 1]; p++) {
        const u = neighbour[p];
        if (!queued[u] && community[u] !== best) {
          queued[u] = 1;
          let tail = head + size;
          if (tail >= n) tail -= n;
          queue[tail] = u;
          size++;
        }
      }
    }
  }
  // Renumber communities densely.
  const id = new Int32Array(n).fill(-1);
  let count = 0;
  for (let v = 0; v < n; v++) {
    const c = community[v];
    if (id[c] < 0) id[c] = count++;
    community[v] = id[c];
  }
  return { community, count, moved };
}

/** Collapses each community into one node, summing the weights between communities. */
function aggregate(level: Level, community: Int32Array, count: number): Level {
  const { n, start, neighbour, weight, self } = level;
  // Bucket nodes by community, then merge their rows with a per-community accumulator.
  const memberStart = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) memberStart[community[v] + 1]++;
  for (let c = 0; c < count; c++) memberStart[c + 1] += memberStart[c];
  const fill = memberStart.slice(0, count);
  const members = new Int32Array(n);
  for (let v = 0; v < n; v++) members[fill[community[v]]++] = v;
  const newSelf = new Float64Array(count);
  const newStart = new Int32Array(count + 1);
  const acc = new Float64Array(count);
  const seen = new Int32Array(count);
  let nb = new Int32Array(Math.max(16, neighbour.length >> 1));
  let wt = new Float64Array(nb.length);
  let write = 0;
  for (let c = 0; c < count; c++) {
    let used = 0;
    for (let i = memberStart[c]; i < memberStart[c + 1]; i++) {
      const v = members[i];
      newSelf[c] += self[v];
      for (let p = start[v]; p < start[v + 1]; p++) {
        const d = community[neighbour[p]];
        if (d === c) {
          newSelf[c] += weight[p] / 2; // each inside pair is seen from both ends
          continue;
        }
        if (acc[d] === 0) seen[used++] = d;
        acc[d] += weight[p];
      }
    }
    if (write + used > nb.length) {
      const size = Math.max(write + used, nb.length * 2);
      const nb2 = new Int32Array(size);
      nb2.set(nb);
      nb = nb2;
      const wt2 = new Float64Array(size);
      wt2.set(wt);
      wt = wt2;
    }
    for (let q = 0; q < used; q++) {
      const d = seen[q];
      nb[write] = d;
      wt[write] = acc[d];
      write++;
      acc[d] = 0;
    }
    newStart[c + 1] = write;
  }
  return { n: count, start: newStart, neighbour: nb.subarray(0, write), weight: wt.subarray(0, write), self: newSelf };
}

function finish(view: { start: Int32Array; neighbour: Int32Array; weight: Float64Array }, assignment: Int32Array, m2: number, levels: number): Communities {
  const n = assignment.length;
  // Renumber by size, largest first, so community 0 is the biggest.
  const sizes = new Map<number, number>();
  for (let v = 0; v < n; v++) sizes.set(assignment[v], (sizes.get(assignment[v]) ?? 0) + 1);
  const ranked = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const rank = new Map(ranked.map(([c], i) => [c, i]));
  const community = new Int32Array(n);
  for (let v = 0; v < n; v++) community[v] = rank.get(assignment[v]) ?? 0;
  const count = ranked.length;
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  for (let v = 0; v < n; v++) {
    const c = community[v];
    for (let p = view.start[v]; p < view.start[v + 1]; p++) {
      total[c] += view.weight[p];
      if (community[view.neighbour[p]] === c) inside[c] += view.weight[p];
    }
  }
  let modularity = 0;
  if (m2 > 0) for (let c = 0; c < count; c++) modularity += inside[c] / m2 - (total[c] / m2) ** 2;
  return { community, count, modularity, levels };
}
