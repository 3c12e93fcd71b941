// Why a warm recompute after +1% ties cannot reach 1/20 of a cold solve at the accuracy the
// benchmark asks for (L1 ≤ 1e-6): this script measures, on the benchmark's own generated
// graph, the L1 distance to the exact new scores after each unit of work, for
//   - cold: the engine's over-relaxed sweeps from the teleport vector,
//   - warm: the same sweeps from the previous scores,
//   - warm + coarse: Gauss–Seidel sweeps each followed by an aggregation/disaggregation
//     correction over blocks of consecutive nodes (the locality order keeps tight-knit groups
//     contiguous), the textbook way to cut sweeps on nearly decomposable graphs,
//   - warm, block by block: each tight-knit group (the generator's own communities, the best
//     case for any grouping the engine could find) swept several times in a row while its
//     scores are in cache, then the next group; timed against the plain sweeps in the same run.
// Work is counted in sweeps over the ties; a coarse correction costs a pass over the
// member × block table, counted as its size over the number of ties.
//
// Usage: npx tsx bench/trust/warm-convergence.ts [--members 100000] [--block 32]
import { parseArgs } from 'node:util';
import { computeCommunityTrust } from '../../trust/community-trust.ts';
import { MemberIndex } from '../../trust/member-index.ts';
import { graphFromTies, type TrustGraph } from '../../trust/trust-graph.ts';
import { sweepRange, type SweepArrays } from '../../trust/trust-sweep.ts';
import { prepareTrustSystem, type CommunityTrust } from '../../trust/trust-system.ts';
import { generateExtraTies, generateNeighbourhood } from './generate-neighbourhood.ts';

const { values } = parseArgs({ options: { members: { type: 'string', default: '100000' }, block: { type: 'string', default: '32' } } });
const n = Number(values.members);
const blockSize = Number(values.block);

const base = generateNeighbourhood(n);
const extra = generateExtraTies(base, 0.01);
const m = base.source.length;
const join = <T extends Int32Array | Float32Array>(a: T, b: T, out: T): T => {
  out.set(a);
  out.set(b, m);
  return out;
};
const ties = {
  memberCount: n,
  source: join(base.source, extra.source, new Int32Array(m + extra.source.length)),
  target: join(base.target, extra.target, new Int32Array(m + extra.source.length)),
  weight: join(base.weight, extra.weight, new Float32Array(m + extra.source.length)),
};
const members = MemberIndex.numbered(n);
const before = graphFromTies({ ...ties, length: m }, { members });
const after = graphFromTies(ties, { members });
const previous = computeCommunityTrust(before, { tolerance: 1e-13, threads: 1 });
const exact = computeCommunityTrust(after, { tolerance: 1e-13, threads: 1 });

/** L1 distance of the normalised iterate to the exact new scores. */
function distance(graph: TrustGraph, a: SweepArrays): number {
  let total = 0;
  for (let v = 0; v < graph.nodeCount; v++) total += a.y[v] / a.scale[v];
  let sum = 0;
  for (let v = 0; v < graph.nodeCount; v++) sum += Math.abs(a.y[v] / a.scale[v] / total - exact.scores[v]);
  return sum;
}

function arraysFor(graph: TrustGraph, start: CommunityTrust | undefined): SweepArrays {
  const system = prepareTrustSystem(graph, { previous: start });
  return { inStart: graph.inStart, inSource: graph.inSource, inWeight: graph.inWeight, y: system.y, gather: system.gather, scale: system.scale, base: system.base, damping: system.damping };
}

/** Plain over-relaxed sweeps, as the engine runs them (omega from Young's formula), with the time spent sweeping. */
function sweeps(start: CommunityTrust | undefined, count: number): string[] {
  const a = arraysFor(after, start);
  const omega = 2 / (1 + Math.sqrt(1 - a.damping * a.damping));
  const out = [`0: ${distance(after, a).toExponential(2)}`];
  let ms = 0;
  for (let k = 1; k <= count; k++) {
    const t0 = performance.now();
    sweepRange(a, 0, after.nodeCount, omega);
    ms += performance.now() - t0;
    out.push(`${k}: ${distance(after, a).toExponential(2)} (${ms.toFixed(0)} ms)`);
  }
  return out;
}

/** Each group's node range swept `inner` times before the next group, over-relaxed; `outer` rounds. */
function blockSweeps(start: CommunityTrust | undefined, outer: number, inner: number): string[] {
  const a = arraysFor(after, start);
  const omega = 2 / (1 + Math.sqrt(1 - a.damping * a.damping));
  const bounds = [0];
  for (let v = 1; v < after.nodeCount; v++) if (base.community[after.member[v]] !== base.community[after.member[v - 1]]) bounds.push(v);
  bounds.push(after.nodeCount);
  const out = [`0: ${distance(after, a).toExponential(2)}`];
  let ms = 0;
  for (let k = 1; k <= outer; k++) {
    const t0 = performance.now();
    for (let b = 0; b + 1 < bounds.length; b++) for (let i = 0; i < inner; i++) sweepRange(a, bounds[b], bounds[b + 1], omega);
    ms += performance.now() - t0;
    out.push(`${k}: ${distance(after, a).toExponential(2)} (${ms.toFixed(0)} ms)`);
  }
  return out;
}

/**
 * Gauss–Seidel sweeps, each `smooth` of them followed by a coarse correction: the iterate is
 * rescaled block by block (x_v ← x_v·(1 + e_J/X_J)) with e solving the aggregated system
 * e = R·r + C·e, where R sums over a block and C[I][J] is the trust block J passes to block I.
 */
function twoLevel(start: CommunityTrust | undefined, cycles: number, smooth: number): string[] {
  const g = after;
  const a = arraysFor(g, start);
  const blocks = Math.ceil(g.nodeCount / blockSize);
  const blockOf = (v: number): number => Math.floor(v / blockSize);
  // Member × block table: how much weight each member sends into each block.
  const rowStart = new Int32Array(g.nodeCount + 1);
  const rowBlock: number[] = [];
  const rowWeight: number[] = [];
  for (let u = 0; u < g.nodeCount; u++) {
    for (let p = g.outStart[u]; p < g.outStart[u + 1]; p++) {
      const b = blockOf(g.outTarget[p]);
      if (rowBlock.length > rowStart[u] && rowBlock[rowBlock.length - 1] === b) rowWeight[rowWeight.length - 1] += g.outWeight[p];
      else {
        rowBlock.push(b);
        rowWeight.push(g.outWeight[p]);
      }
    }
    rowStart[u + 1] = rowBlock.length;
  }
  const tableShare = rowBlock.length / g.tieCount;
  let work = 0;
  const out = [`0 sweeps: ${distance(g, a).toExponential(2)}`];
  for (let c = 0; c < cycles; c++) {
    for (let s = 0; s < smooth; s++) sweepRange(a, 0, g.nodeCount, 1);
    const mass = new Float64Array(blocks);
    const rhs = new Float64Array(blocks);
    for (let v = 0; v < g.nodeCount; v++) {
      const x = a.y[v] / a.scale[v];
      mass[blockOf(v)] += x;
      rhs[blockOf(v)] += a.base[v] - x;
    }
    const coupling = new Map<number, number>();
    for (let u = 0; u < g.nodeCount; u++) {
      const from = blockOf(u);
      for (let p = rowStart[u]; p < rowStart[u + 1]; p++) {
        const flow = a.damping * a.y[u] * rowWeight[p];
        rhs[rowBlock[p]] += flow;
        if (mass[from] > 0) {
          const key = rowBlock[p] * blocks + from;
          coupling.set(key, (coupling.get(key) ?? 0) + flow / mass[from]);
        }
      }
    }
    const into: number[][] = Array.from({ length: blocks }, () => []);
    for (const [key, value] of coupling) into[Math.floor(key / blocks)].push(key % blocks, value);
    const e = new Float64Array(blocks);
    for (let it = 0, change = 1; it < 500 && change > 1e-16; it++) {
      change = 0;
      for (let I = 0; I < blocks; I++) {
        let s = rhs[I];
        let self = 0;
        const list = into[I];
        for (let q = 0; q < list.length; q += 2) {
          if (list[q] === I) self += list[q + 1];
          else s += list[q + 1] * e[list[q]];
        }
        const next = s / (1 - self);
        change += Math.abs(next - e[I]);
        e[I] = next;
      }
    }
    for (let v = 0; v < g.nodeCount; v++) {
      const J = blockOf(v);
      if (mass[J] > 0) {
        const y = Math.max(0, a.y[v] * (1 + e[J] / mass[J]));
        a.y[v] = y;
        a.gather[v] = y;
      }
    }
    work += smooth + tableShare;
    out.push(`${work.toFixed(1)} sweeps: ${distance(g, a).toExponential(2)}`);
  }
  return out;
}

console.log(`${n.toLocaleString('en-GB')} members, ${after.tieCount.toLocaleString('en-GB')} ties after adding ${extra.source.length.toLocaleString('en-GB')}`);
console.log('L1 distance to the exact new scores after each sweep');
console.log(`cold (teleport start), over-relaxed:  ${sweeps(undefined, 16).join('  ')}`);
console.log(`warm (previous scores), over-relaxed: ${sweeps(previous, 16).join('  ')}`);
console.log(`cold, each group swept 3 times in a row, per round: ${blockSweeps(undefined, 10, 3).join('  ')}`);
console.log(`warm, each group swept 3 times in a row (${new Set(base.community).size} groups), per round: ${blockSweeps(previous, 8, 3).join('  ')}`);
console.log(`warm, 2 Gauss–Seidel sweeps + coarse correction over blocks of ${blockSize}: ${twoLevel(previous, 6, 2).join('  ')}`);
