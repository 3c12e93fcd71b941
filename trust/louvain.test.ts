import { describe, it, expect } from 'vitest';
import { detectCommunities } from './louvain.ts';
import { makeGraph, makeNamedGraph, makeNeighbourhood } from './test-support.ts';

describe('Louvain communities', () => {
  it('finds planted communities', () => {
    const { n, ties, group } = makeNeighbourhood(12, 60, 8, 0.05, 8);
    const graph = makeGraph(n, ties);
    const found = detectCommunities(graph);
    // Each planted group should sit almost entirely in one found community, and no found
    // community should merge two planted groups.
    let agree = 0;
    const owner = new Map<number, number>();
    for (let g = 0; g < 12; g++) {
      const counts = new Map<number, number>();
      for (let v = 0; v < graph.nodeCount; v++) {
        if (group[graph.member[v]] === g) counts.set(found.community[v], (counts.get(found.community[v]) ?? 0) + 1);
      }
      const [best, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      agree += count;
      expect(owner.has(best)).toBe(false);
      owner.set(best, g);
    }
    expect(agree / n).toBeGreaterThan(0.95);
    expect(found.count).toBe(12);
    expect(found.modularity).toBeGreaterThan(0.8);
  });

  it('computes modularity by its definition', () => {
    // Two triangles joined by one tie: the obvious split has Q = 5/14.
    const graph = makeNamedGraph([['a', 'b'], ['b', 'c'], ['c', 'a'], ['d', 'e'], ['e', 'f'], ['f', 'd'], ['c', 'd']]);
    const found = detectCommunities(graph);
    expect(found.count).toBe(2);
    expect(found.modularity).toBeCloseTo(5 / 14, 12);
    const side = (id: string) => found.community[graph.nodeOf(id)];
    expect(side('a')).toBe(side('b'));
    expect(side('a')).not.toBe(side('f'));
  });

  it('handles a graph with no ties', () => {
    const found = detectCommunities(makeNamedGraph([], ['a', 'b']));
    expect(found.count).toBe(2);
    expect(found.modularity).toBe(0);
  });
});
