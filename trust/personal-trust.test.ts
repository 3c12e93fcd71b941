import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { computePersonalTrust } from './personal-trust.ts';
import { explainConnection } from './explain-connection.ts';
import { densePersonal, makeGraph, makeNamedGraph, makeNeighbourhood } from './test-support.ts';

describe('personal trust', () => {
  it('stays within its error bound of exact personalised PageRank', () => {
    const graphs = fc.integer({ min: 2, max: 30 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        ties: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.1, max: 5, noNaN: true })), { maxLength: n * 4 }),
        viewer: fc.nat(n - 1),
        epsilon: fc.constantFrom(1e-2, 1e-3, 1e-4, 1e-6),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ n, ties, viewer, epsilon }) => {
        const graph = makeGraph(n, ties);
        const personal = computePersonalTrust(graph, viewer, { epsilon });
        const exact = densePersonal(n, ties, 0.85, viewer);
        let l1 = 0;
        for (let id = 0; id < n; id++) {
          const estimate = personal.scoreOf(id);
          // Forward push never overestimates, and misses at most the unpushed residual.
          expect(estimate).toBeLessThanOrEqual(exact[id] + 1e-12);
          expect(exact[id] - estimate).toBeLessThanOrEqual(personal.errorBound + 1e-12);
          l1 += exact[id] - estimate;
        }
        expect(l1).toBeCloseTo(personal.errorBound, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves its workspace clean between queries', () => {
    const { n, ties } = makeNeighbourhood(10, 50, 6, 0.1, 2);
    const graph = makeGraph(n, ties);
    const first = computePersonalTrust(graph, 3, { epsilon: 1e-6 });
    computePersonalTrust(graph, 200, { epsilon: 1e-6 });
    const again = computePersonalTrust(graph, 3, { epsilon: 1e-6 });
    expect(Array.from(again.scores)).toEqual(Array.from(first.scores));
  });
});

describe('explaining a connection', () => {
  const graph = makeNamedGraph([
    ['ana', 'ben', 2],
    ['ben', 'cat', 1],
    ['ana', 'dev', 1],
    ['dev', 'eli', 1],
    ['eli', 'cat', 1],
    ['ana', 'fay', 1],
    ['fay', 'cat', 3],
    ['fay', 'ben', 1],
    ['cat', 'fay', 1],
    ['cat', 'ana', 1],
  ]);

  it('names the strongest paths of up to three ties, strongest first', () => {
    const why = explainConnection(graph, 'ana', 'cat');
    expect(why.direct).toBe(false);
    expect(why.reciprocated).toBe(true);
    // ana splits trust 2:1:1 over ben, dev, fay; ben and eli give all theirs to cat, fay 3/4.
    expect(why.paths.map((p) => p.members)).toEqual([
      ['ana', 'ben', 'cat'],
      ['ana', 'dev', 'eli', 'cat'],
      ['ana', 'fay', 'cat'],
    ]);
    expect(why.paths[0].strength).toBeCloseTo(0.5, 12);
    expect(why.paths[1].strength).toBeCloseTo(0.25, 12);
    expect(why.paths[2].strength).toBeCloseTo(0.1875, 12);
  });

  it('names as mutual contacts the people both have ties with', () => {
    const why = explainConnection(graph, 'ana', 'cat');
    expect(why.mutualContacts.sort()).toEqual(['ben', 'fay']);
  });

  it('never names a member the viewer may not see, only counts them', () => {
    const why = explainConnection(graph, 'ana', 'cat', { canName: (id) => id !== 'fay' && id !== 'eli' });
    expect(why.paths.map((p) => p.members)).toEqual([['ana', 'ben', 'cat']]);
    expect(why.hiddenPathCount).toBe(3);
    expect(why.mutualContacts).toEqual(['ben']);
    expect(why.otherMutualCount).toBe(1);
    expect(JSON.stringify(why)).not.toMatch(/fay|eli/);
  });
});
