import type { TrustGraph } from './trust-graph.ts';

/** Returns the share of directed ties whose reverse tie also exists (0 for a graph with no ties). */
export function measureReciprocity(graph: TrustGraph): number {
  const { outStart, outTarget, inStart, inSource } = graph;
  let mutual = 0;
  // Out-rows are sorted by target and in-columns by source: a merge finds the members a
  // node both trusts and is trusted by.
  for (let v = 0; v < graph.nodeCount; v++) {
    let i = outStart[v];
    let j = inStart[v];
    const iEnd = outStart[v + 1];
    const jEnd = inStart[v + 1];
    while (i < iEnd && j < jEnd) {
      const a = outTarget[i];
      const b = inSource[j];
      if (a === b) {
        mutual++;
        i++;
        j++;
      } else if (a < b) i++;
      else j++;
    }
  }
  return graph.tieCount > 0 ? mutual / graph.tieCount : 0;
}
