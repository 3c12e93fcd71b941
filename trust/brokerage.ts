import type { TrustGraph } from './trust-graph.ts';
import { undirectedView } from './undirected-view.ts';

/** Burt's structural-hole measures per node. */
export interface Brokerage {
  /** Effective size: contacts minus the redundancy among them (Burt 1992, weighted form as in Borgatti 1997). */
  effectiveSize: Float64Array;
  /** Constraint: how much a member's ties are concentrated in contacts who know each other (low = broker). */
  constraint: Float64Array;
}

/**
 * Computes Burt's effective size and constraint on the undirected graph, with a tie's
 * strength the sum of both directions. Members with no contacts get effective size 0 and
 * constraint NaN, as the measure is undefined for them.
 */
export function measureBrokerage(graph: TrustGraph): Brokerage {
  const view = undirectedView(graph);
  const n = view.nodeCount;
  const { start, neighbour, weight } = view;
  const strength = new Float64Array(n);
  const maxWeight = new Float64Array(n);
  for (let v = 0; v < n; v++) {
    for (let p = start[v]; p < start[v + 1]; p++) {
      strength[v] += weight[p];
      if (weight[p] > maxWeight[v]) maxWeight[v] = weight[p];
    }
  }
  const effectiveSize = new Float64Array(n);
  const constraint = new Float64Array(n);
  // share[q] = p_iq, the proportion of i's tie strength invested in q, for q in N(i).
  const share = new Float64Array(n);
  const mark = new Int32Array(n).fill(-1);
  const indirect = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const degree = start[i + 1] - start[i];
    if (degree === 0) {
      constraint[i] = Number.NaN;
      continue;
    }
    for (let p = start[i]; p < start[i + 1]; p++) {
      const q = neighbour[p];
      mark[q] = i;
      share[q] = weight[p] / strength[i];
      indirect[q] = 0;
    }
    let redundancy = 0;
    for (let p = start[i]; p < start[i + 1]; p++) {
      const j = neighbour[p];
      // For each contact j: Σ_q p_iq·m_jq (redundancy) and, for every q tied to j, the
      // indirect investment p_ij·p_jq that constrains i through q.
      for (let r = start[j]; r < start[j + 1]; r++) {
        const q = neighbour[r];
        if (q === i || mark[q] !== i) continue;
        redundancy += share[q] * (weight[r] / maxWeight[j]);
        indirect[q] += share[j] * (weight[r] / strength[j]);
      }
    }
    effectiveSize[i] = degree - redundancy;
    let c = 0;
    for (let p = start[i]; p < start[i + 1]; p++) {
      const q = neighbour[p];
      const total = share[q] + indirect[q];
      c += total * total;
    }
    constraint[i] = c;
  }
  return { effectiveSize, constraint };
}
