import { describe, it, expect } from 'vitest';
import { buildGraph, type Interaction } from './build-graph.ts';
import { KIND_WEIGHTS } from './kind-weights.ts';
import { MemberIndex, type MemberId } from './member-index.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const act = (kind: string, actorId: string, subjectId: string, daysAgo = 0, weight = 1): Interaction => ({ kind, actorId, subjectId, weight, at: NOW - daysAgo * DAY });

function tie(graph: ReturnType<typeof buildGraph>, from: MemberId, to: MemberId): number {
  const s = graph.nodeOf(from);
  const t = graph.nodeOf(to);
  for (let p = graph.outStart[s]; p < graph.outStart[s + 1]; p++) if (graph.outTarget[p] === t) return graph.outWeight[p];
  return 0;
}

describe('building the trust graph from interactions', () => {
  it('weights each act by its kind and adds repeated acts', () => {
    const graph = buildGraph([act('vouch', 'a', 'b'), act('exchange_confirmed', 'a', 'b'), act('event_coattended', 'b', 'a')], { now: NOW });
    expect(tie(graph, 'a', 'b')).toBeCloseTo(KIND_WEIGHTS.vouch + KIND_WEIGHTS.exchange_confirmed, 12);
    expect(tie(graph, 'b', 'a')).toBeCloseTo(KIND_WEIGHTS.event_coattended, 12);
    expect(graph.tieCount).toBe(2);
  });

  it('halves an act’s weight every half-life', () => {
    const graph = buildGraph([act('reference', 'a', 'b', 180), act('reference', 'c', 'd', 360)], { now: NOW, halfLifeDays: 180 });
    expect(tie(graph, 'a', 'b')).toBeCloseTo(KIND_WEIGHTS.reference / 2, 12);
    expect(tie(graph, 'c', 'd')).toBeCloseTo(KIND_WEIGHTS.reference / 4, 12);
  });

  it('lets upheld disputes and reports subtract, dropping a tie that falls to zero or below', () => {
    const graph = buildGraph(
      [act('exchange_confirmed', 'a', 'b'), act('exchange_confirmed', 'a', 'b'), act('dispute_upheld', 'a', 'b'), act('vouch', 'c', 'd'), act('report_upheld', 'c', 'd')],
      { now: NOW },
    );
    expect(tie(graph, 'a', 'b')).toBe(0);
    expect(tie(graph, 'c', 'd')).toBe(0);
    expect(graph.strainedTieCount).toBe(2);
    expect(graph.tieCount).toBe(0);
    expect(KIND_WEIGHTS.dispute_upheld).toBeLessThan(0);
    expect(KIND_WEIGHTS.report_upheld).toBeLessThan(0);
  });

  it('keeps members with no interactions, and numbering across rebuilds', () => {
    const members = new MemberIndex();
    const first = buildGraph([act('vouch', 'a', 'b')], { now: NOW, allMembers: ['lonely'], members });
    const second = buildGraph([act('vouch', 'c', 'a')], { now: NOW, allMembers: ['lonely'], members });
    expect(first.nodeOf('lonely')).toBeGreaterThanOrEqual(0);
    expect(members.lookup('a')).toBe(first.member[first.nodeOf('a')]);
    expect(second.member[second.nodeOf('a')]).toBe(members.lookup('a'));
  });

  it('multiplies by the act’s size and accepts Date times', () => {
    const graph = buildGraph([{ kind: 'exchange_confirmed', actorId: 1, subjectId: 2, weight: 3, at: new Date(NOW) }], { now: new Date(NOW) });
    expect(tie(graph, 1, 2)).toBeCloseTo(3 * KIND_WEIGHTS.exchange_confirmed, 12);
  });

  it('rejects unknown kinds and bad weights with a clear message', () => {
    expect(() => buildGraph([act('gossip', 'a', 'b')], { now: NOW })).toThrow(/unknown interaction kind 'gossip'/);
    expect(() => buildGraph([act('vouch', 'a', 'b', 0, -1)], { now: NOW })).toThrow(/weight/);
    const custom = buildGraph([act('gossip', 'a', 'b')], { now: NOW, kindWeights: { gossip: 0.1 } });
    expect(tie(custom, 'a', 'b')).toBeCloseTo(0.1, 12);
  });
});
