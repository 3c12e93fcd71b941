import { describe, it, expect } from 'vitest';
import { computeCommunityTrust } from './community-trust.ts';
import { makeGraph, makeNeighbourhood, seededRandom, type Tie } from './test-support.ts';

// A 1,000-member clustered neighbourhood, 30 coordinator-verified members as the pre-trusted
// set, and a ring of 100 fake accounts vouching densely for each other, joined to the real
// neighbourhood by k attack ties from real members who were fooled into trusting a fake.
const REAL = 1000;
const FAKES = 100;
const DAMPING = 0.85;
const { ties: realTies } = makeNeighbourhood(20, 50, 8, 0.1, 11);
const random = seededRandom(5);
const ringTies: Tie[] = [];
for (let f = 0; f < FAKES; f++) {
  for (let k = 0; k < 10; k++) {
    const g = REAL + Math.floor(random() * FAKES);
    if (g !== REAL + f) ringTies.push([REAL + f, g, 5]);
  }
}
const preTrusted = Array.from({ length: 30 }, (_, i) => i * 33);
const attackers = Array.from({ length: 16 }, () => Math.floor(random() * REAL)).filter((v) => !preTrusted.includes(v));

function ringShare(k: number): { share: number; bound: number } {
  const attack: Tie[] = attackers.slice(0, k).map((u, i) => [u, REAL + i * 7, 1]);
  const graph = makeGraph(REAL + FAKES, [...realTies, ...ringTies, ...attack]);
  const trust = computeCommunityTrust(graph, { preTrusted, damping: DAMPING, tolerance: 1e-14 });
  let share = 0;
  for (let f = REAL; f < REAL + FAKES; f++) share += trust.scoreOf(f);
  // Trust flowing over the attack ties: each attacker's score times the share of its
  // outgoing trust that the attack tie carries.
  let flow = 0;
  for (const [u, f, w] of attack) {
    const node = graph.nodeOf(u);
    flow += (trust.scoreOf(u) * w) / graph.outStrength[node];
    expect(graph.nodeOf(f)).toBeGreaterThanOrEqual(0);
  }
  return { share, bound: (DAMPING / (1 - DAMPING)) * flow };
}

describe('fake-account ring', () => {
  it('gets exactly nothing without attack ties', () => {
    expect(ringShare(0).share).toBe(0);
  });

  it('grows with the number of attack ties and stays within ((1 − a)/a) × the trust flowing over them', () => {
    let previous = 0;
    for (const k of [1, 2, 4, 8, 16]) {
      const { share, bound } = ringShare(k);
      expect(share).toBeGreaterThan(previous);
      expect(share).toBeLessThanOrEqual(bound + 1e-12);
      previous = share;
    }
  });

  it('stays under 5% of all trust with two attack ties', () => {
    const { share, bound } = ringShare(2);
    expect(share).toBeLessThan(0.05);
    expect(bound).toBeLessThan(0.05);
  });
});
