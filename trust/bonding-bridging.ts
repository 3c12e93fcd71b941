import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Bonding (within-group) and bridging (across-group) ties for one labelling, e.g. street or area. */
export interface BondingBridging {
  /** Pairs of members in the same group, and in different groups. */
  internalPairs: number;
  externalPairs: number;
  /** Share of pairs that bridge groups (0 when no pair has both ends labelled). */
  bridgingShare: number;
  /** Same, weighting each pair by its tie strength. */
  bridgingWeightShare: number;
  /** Krackhardt and Stern's E-I index, (E − I)/(E + I): −1 all bonding, +1 all bridging. */
  eiIndex: number;
  /** E-I index of each group, from the pairs that touch it. */
  groups: { group: string; members: number; internalPairs: number; externalPairs: number; eiIndex: number }[];
}

/**
 * Splits ties into bonding and bridging for a labelling of members. Members without a label
 * (`groupOf` returns undefined) and their ties are left out, as are pairs counted twice.
 */
export function measureBondingBridging(graph: TrustGraph, groupOf: (id: MemberId) => string | undefined): BondingBridging {
  const view = undirectedView(graph);
  const n = graph.nodeCount;
  const names: string[] = [];
  const byName = new Map<string, number>();
  const group = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const name = groupOf(graph.idOf(v));
    if (name === undefined) continue;
    let g = byName.get(name);
    if (g === undefined) {
      g = names.length;
      byName.set(name, g);
      names.push(name);
    }
    group[v] = g;
  }
  const members = new Int32Array(names.length);
  const internal = new Float64Array(names.length);
  const external = new Float64Array(names.length);
  let I = 0;
  let E = 0;
  let wI = 0;
  let wE = 0;
  for (let v = 0; v < n; v++) {
    const gv = group[v];
    if (gv < 0) continue;
    members[gv]++;
    for (let p = view.start[v]; p < view.start[v + 1]; p++) {
      const u = view.neighbour[p];
      const gu = group[u];
      if (gu < 0) continue;
      if (gu === gv) {
        internal[gv] += 0.5; // seen from both ends
        if (u > v) {
          I++;
          wI += view.weight[p];
        }
      } else {
        external[gv]++;
        if (u > v) {
          E++;
          wE += view.weight[p];
        }
      }
    }
  }
  const ei = (e: number, i: number): number => (e + i > 0 ? (e - i) / (e + i) : 0);
  return {
    internalPairs: I,
    externalPairs: E,
    bridgingShare: I + E > 0 ? E / (I + E) : 0,
    bridgingWeightShare: wI + wE > 0 ? wE / (wI + wE) : 0,
    eiIndex: ei(E, I),
    groups: names.map((name, g) => ({
      group: name,
      members: members[g],
      internalPairs: internal[g],
      externalPairs: external[g],
      eiIndex: ei(external[g], internal[g]),
    })),
  };
}
