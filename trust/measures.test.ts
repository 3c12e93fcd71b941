import { describe, it, expect } from 'vitest';
import { measureDegrees } from './degree-measures.ts';
import { measureReciprocity } from './reciprocity.ts';
import { measureClustering } from './clustering.ts';
import { measureBondingBridging } from './bonding-bridging.ts';
import { measureBrokerage } from './brokerage.ts';
import { measureBetweenness } from './betweenness.ts';
import { countNewTiesByMonth } from './new-ties-by-month.ts';
import { suppressSmallCells } from './suppress-small-cells.ts';
import { measureSocialCapital } from './social-capital.ts';
import { makeGraph, makeNamedGraph, makeNeighbourhood } from './test-support.ts';

const byId = (graph: ReturnType<typeof makeNamedGraph>, values: ArrayLike<number>) =>
  Object.fromEntries(Array.from({ length: graph.nodeCount }, (_, v) => [graph.idOf(v), values[v]]));

describe('isolation and degrees', () => {
  it('finds members with no ties and with one tie', () => {
    const graph = makeNamedGraph([['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'd'], ['d', 'b']], ['e', 'f']);
    const d = measureDegrees(graph);
    expect(d.isolated.sort()).toEqual(['e', 'f']);
    expect(d.singleTie).toEqual(['a']);
    expect(d.pairs).toBe(4);
    expect(d.ties).toBe(5);
    expect(d.maxDegree).toBe(3);
    expect(d.degreeDistribution.slice(0, 4)).toEqual([
      { from: 0, to: 0, members: 2 },
      { from: 1, to: 1, members: 1 },
      { from: 2, to: 2, members: 2 },
      { from: 3, to: 4, members: 1 },
    ]);
  });
});

describe('reciprocity', () => {
  it('is the share of ties returned', () => {
    expect(measureReciprocity(makeNamedGraph([['a', 'b'], ['b', 'a'], ['a', 'c']]))).toBeCloseTo(2 / 3, 12);
    expect(measureReciprocity(makeNamedGraph([['a', 'b'], ['b', 'c']]))).toBe(0);
  });
});

describe('clustering', () => {
  it('counts a triangle with a pendant member', () => {
    const graph = makeNamedGraph([['a', 'b'], ['b', 'c'], ['c', 'a'], ['a', 'c'], ['c', 'd']]);
    const c = measureClustering(graph);
    expect(c.triangles).toBe(1);
    // Triples: a 1, b 1, c 3, d 0.
    expect(c.transitivity).toBeCloseTo(3 / 5, 12);
    expect(c.averageLocal).toBeCloseTo((1 + 1 + 1 / 3) / 3, 12);
    expect(byId(graph, c.local)).toEqual({ a: 1, b: 1, c: 1 / 3, d: 0 });
  });

  it('finds every triangle of a complete graph', () => {
    const ties: [number, number, number][] = [];
    for (let a = 0; a < 6; a++) for (let b = 0; b < 6; b++) if (a !== b) ties.push([a, b, 1]);
    const c = measureClustering(makeGraph(6, ties));
    expect(c.triangles).toBe(20);
    expect(c.transitivity).toBe(1);
  });
});

describe('bonding and bridging', () => {
  it('splits ties within and across streets and computes the E-I index', () => {
    const graph = makeNamedGraph([['a1', 'a2', 1], ['a2', 'a3', 1], ['a1', 'b1', 2], ['b1', 'b2', 1], ['b2', 'b1', 1], ['x', 'a1', 1]]);
    const street = (id: string | number) => (String(id) === 'x' ? undefined : String(id)[0]);
    const b = measureBondingBridging(graph, street);
    expect(b.internalPairs).toBe(3);
    expect(b.externalPairs).toBe(1);
    expect(b.bridgingShare).toBeCloseTo(1 / 4, 12);
    expect(b.bridgingWeightShare).toBeCloseTo(2 / 6, 12);
    expect(b.eiIndex).toBeCloseTo((1 - 3) / 4, 12);
    const a = b.groups.find((g) => g.group === 'a');
    expect(a).toMatchObject({ members: 3, internalPairs: 2, externalPairs: 1 });
    expect(a?.eiIndex).toBeCloseTo(-1 / 3, 12);
  });
});

describe("Burt's brokerage", () => {
  it('gives a star its full effective size and low constraint', () => {
    const graph = makeNamedGraph([['hub', 'a'], ['hub', 'b'], ['hub', 'c']]);
    const b = measureBrokerage(graph);
    expect(byId(graph, b.effectiveSize).hub).toBeCloseTo(3, 12);
    expect(byId(graph, b.constraint).hub).toBeCloseTo(1 / 3, 12);
    expect(byId(graph, b.constraint).a).toBeCloseTo(1, 12);
  });

  it('gives a triangle member effective size 1 and constraint 1.125', () => {
    const graph = makeNamedGraph([['a', 'b'], ['b', 'c'], ['c', 'a']]);
    const b = measureBrokerage(graph);
    expect(byId(graph, b.effectiveSize).a).toBeCloseTo(1, 12);
    expect(byId(graph, b.constraint).a).toBeCloseTo(1.125, 12);
  });
});

describe('betweenness', () => {
  it('is exact on a path and a star', () => {
    const path = makeNamedGraph([['a', 'b'], ['b', 'c'], ['c', 'd']]);
    expect(byId(path, measureBetweenness(path).scores)).toEqual({ a: 0, b: 2, c: 2, d: 0 });
    const star = makeNamedGraph([['h', 'a'], ['b', 'h'], ['h', 'c'], ['h', 'd']]);
    expect(byId(star, measureBetweenness(star).scores).h).toBe(6);
  });

  it('ranks members by sampled betweenness as exact betweenness does (Spearman ≥ 0.9 on 2,000 members)', () => {
    const { n, ties } = makeNeighbourhood(40, 50, 5, 0.08, 21);
    const graph = makeGraph(n, ties);
    const exact = measureBetweenness(graph);
    const sampled = measureBetweenness(graph, { samples: 200, seed: 9 });
    expect(exact.exact).toBe(true);
    expect(sampled.exact).toBe(false);
    expect(sampled.normalisedErrorBound).toBeGreaterThan(0);
    expect(spearman(exact.scores, sampled.scores)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('new ties per month', () => {
  it('dates each pair by its first positive interaction, either direction, with empty months listed', () => {
    const t = (s: string) => Date.parse(s);
    const months = countNewTiesByMonth([
      { actorId: 'a', subjectId: 'b', at: t('2026-01-05') },
      { actorId: 'b', subjectId: 'a', at: t('2025-12-30') },
      { actorId: 'a', subjectId: 'c', at: new Date('2026-01-20') },
      { actorId: 'c', subjectId: 'd', at: t('2026-03-01'), weight: -4 },
      { actorId: 'd', subjectId: 'e', at: t('2026-03-02'), weight: 2 },
    ]);
    expect(months).toEqual([
      { month: '2025-12', newTies: 1 },
      { month: '2026-01', newTies: 1 },
      { month: '2026-02', newTies: 0 },
      { month: '2026-03', newTies: 1 },
    ]);
  });
});

describe('small-cell suppression', () => {
  it('replaces counts under 5 with null', () => {
    expect(suppressSmallCells([0, 4, 5, 12])).toEqual([null, null, 5, 12]);
    expect(suppressSmallCells({ isolated: 3, connected: 40 })).toEqual({ isolated: null, connected: 40 });
    expect(suppressSmallCells([9, 10], 10)).toEqual([null, 10]);
  });
});

describe('the social-capital report', () => {
  it('brings the measures together and lists connectors', () => {
    const graph = makeNamedGraph([['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'd'], ['d', 'e']], ['z']);
    const report = measureSocialCapital(graph, { groupings: { street: (id) => (String(id) < 'c' ? 'north' : 'south') } });
    expect(report.degrees.isolatedCount).toBe(1);
    expect(report.connectors[0].member).toBe('c');
    expect(report.bondingBridging.street.externalPairs).toBe(1);
    expect(report.communities.count).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(JSON.stringify(report.degrees))).toEqual(report.degrees);
  });
});

function ranks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const rank = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) rank[order[k]] = (i + j) / 2;
    i = j + 1;
  }
  return rank;
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const mean = (n - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - mean) * (rb[i] - mean);
    saa += (ra[i] - mean) ** 2;
    sbb += (rb[i] - mean) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
