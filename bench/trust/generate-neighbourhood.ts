// Neighbourhood-like graph generator for the trust benchmark. Members live in clustered
// communities of 50–500 people (streets, estates, clubs); most ties stay inside a community,
// some reach nearby communities and a few go anywhere; out-degrees are heavy-tailed (Pareto,
// mean about 10) and in-degrees are skewed towards popular members; a share of ties is
// reciprocated, as exchanges usually are. Member ids are shuffled labels and edges are written
// in shuffled order, so the engine gets no locality for free from the input order.

import { seededRandom as makeRandom } from '../../trust/test-support.ts';

// The same seeded mulberry32 generator the engine's tests use: fast and reproducible across runs.
export { makeRandom };

/** A generated graph: parallel typed arrays of ties over dense member numbers. */
export interface GeneratedGraph {
  members: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float32Array;
  /** Community number of each member (the planted clusters). */
  community: Int32Array;
  /** The id label of each member as written to CSV. */
  label: (member: number) => string;
}

/** Generates a neighbourhood-like graph of about `members` people and 10 ties each. */
export function generateNeighbourhood(members: number, seed = 42): GeneratedGraph {
  const random = makeRandom(seed);
  const community = new Int32Array(members);
  const starts: number[] = [];
  const sizes: number[] = [];
  for (let placed = 0; placed < members; ) {
    // Log-uniform sizes between 50 and 500: many small streets, a few big estates.
    const size = Math.min(members - placed, Math.round(50 * Math.pow(10, random())));
    starts.push(placed);
    sizes.push(size);
    community.fill(starts.length - 1, placed, placed + size);
    placed += size;
  }
  const communities = starts.length;
  let capacity = members * 11;
  let source = new Int32Array(capacity);
  let target = new Int32Array(capacity);
  let weight = new Float32Array(capacity);
  let count = 0;
  const push = (s: number, t: number, w: number): void => {
    if (count === capacity) {
      capacity *= 2;
      const grow = <T extends Int32Array | Float32Array>(a: T, make: (n: number) => T): T => {
        const b = make(capacity);
        b.set(a);
        return b;
      };
      source = grow(source, (n) => new Int32Array(n));
      target = grow(target, (n) => new Int32Array(n));
      weight = grow(weight, (n) => new Float32Array(n));
    }
    source[count] = s;
    target[count] = t;
    weight[count] = w;
    count++;
  };
  const tieWeight = (): number => Math.round(100 * (0.5 + 1.5 * -Math.log(1 - random()))) / 100;
  for (let member = 0; member < members; member++) {
    if (random() < 0.03) continue; // isolated or receive-only members
    const c = community[member];
    // Pareto out-degree, shape 2 and scale 4: mean about 7.5 initiated ties, plus the
    // reciprocated ones below, gives about 10 ties per member; capped like a real neighbourhood.
    const degree = Math.min(1000, Math.floor(4 / Math.sqrt(1 - random())));
    for (let k = 0; k < degree; k++) {
      const roll = random();
      let tc = c;
      if (roll > 0.97) tc = Math.floor(random() * communities);
      else if (roll > 0.88) tc = Math.min(communities - 1, Math.max(0, c + Math.round((random() - 0.5) * 10)));
      // Popular members: a skewed pick inside the community gives heavy-tailed in-degrees.
      const t = starts[tc] + Math.floor(sizes[tc] * Math.pow(random(), 2.2));
      if (t === member) continue;
      const w = tieWeight();
      push(member, t, w);
      if (random() < 0.4) push(t, member, tieWeight());
    }
  }
  // Shuffle labels so that the label order carries no community information.
  const labelOf = new Int32Array(members);
  for (let i = 0; i < members; i++) labelOf[i] = i;
  for (let i = members - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const x = labelOf[i];
    labelOf[i] = labelOf[j];
    labelOf[j] = x;
  }
  // Shuffle the edge order too.
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    let x = source[i]; source[i] = source[j]; source[j] = x;
    x = target[i]; target[i] = target[j]; target[j] = x;
    const y = weight[i]; weight[i] = weight[j]; weight[j] = y;
  }
  return {
    members,
    source: source.slice(0, count),
    target: target.slice(0, count),
    weight: weight.slice(0, count),
    community,
    label: (m) => `m${labelOf[m].toString(36)}`,
  };
}

/** Adds `share` × ties new ties drawn from the same process (for the warm-recompute test). */
export function generateExtraTies(graph: GeneratedGraph, share: number, seed = 7): GeneratedGraph {
  const random = makeRandom(seed);
  const extra = Math.round(graph.source.length * share);
  const source = new Int32Array(extra);
  const target = new Int32Array(extra);
  const weight = new Float32Array(extra);
  for (let k = 0; k < extra; k++) {
    // Reuse an existing tie's source community so new ties follow the same clustering.
    const e = Math.floor(random() * graph.source.length);
    const s = graph.source[e];
    let t = graph.target[Math.floor(random() * graph.source.length)];
    if (random() < 0.85) {
      const c = graph.community[s];
      // Walk to a member of the same community near s.
      let lo = s;
      while (lo > 0 && graph.community[lo - 1] === c) lo--;
      let hi = s;
      while (hi < graph.members - 1 && graph.community[hi + 1] === c) hi++;
      t = lo + Math.floor(random() * (hi - lo + 1));
    }
    if (t === s) t = (s + 1) % graph.members;
    source[k] = s;
    target[k] = t;
    weight[k] = Math.round(100 * (0.5 + 1.5 * -Math.log(1 - random()))) / 100;
  }
  return { ...graph, source, target, weight };
}
