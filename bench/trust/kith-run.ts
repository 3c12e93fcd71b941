// The Kith side of the trust benchmark, run in a fresh process so that nothing the driver did
// (generating, writing CSV, holding id maps) weighs on the engine's timings. Reads tie arrays
// from binary files (int32 source, int32 target, float32 weight; member number n is the member
// with CSV id 'm' + n in base 36), compares scores with igraph's, and prints one JSON line.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { MemberIndex } from '../../trust/member-index.ts';
import { graphFromTies, type TrustGraph } from '../../trust/trust-graph.ts';
import { computeCommunityTrust } from '../../trust/community-trust.ts';
import { computePersonalTrust } from '../../trust/personal-trust.ts';
import { explainConnection } from '../../trust/explain-connection.ts';
import { detectCommunities } from '../../trust/louvain.ts';
import { undirectedView } from '../../trust/undirected-view.ts';
import type { CommunityTrust } from '../../trust/trust-system.ts';
import { makeRandom } from './generate-neighbourhood.ts';

const [tiesPath, extraPath, membersText, igraphScores, igraphExtraScores, dampingText, toleranceText] = process.argv.slice(2);
const members = Number(membersText);
const damping = Number(dampingText);
const tolerance = Number(toleranceText);

function loadTies(path: string, extraRoom = 0): { source: Int32Array; target: Int32Array; weight: Float32Array; length: number } {
  const fd = openSync(path, 'r');
  const m = fstatSync(fd).size / 12;
  const read = (array: Int32Array | Float32Array, block: number): void => {
    const bytes = new Uint8Array(array.buffer, 0, m * 4);
    for (let done = 0; done < m * 4; ) done += readSync(fd, bytes, done, m * 4 - done, block * m * 4 + done);
  };
  const source = new Int32Array(m + extraRoom);
  const target = new Int32Array(m + extraRoom);
  const weight = new Float32Array(m + extraRoom);
  read(source, 0);
  read(target, 1);
  read(weight, 2);
  closeSync(fd);
  return { source, target, weight, length: m };
}

function readScores(path: string): Float64Array {
  const scores = new Float64Array(members).fill(Number.NaN);
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const at = lines[i].lastIndexOf(',');
    if (at > 0) scores[parseInt(lines[i].slice(1, at), 36)] = Number(lines[i].slice(at + 1));
  }
  return scores;
}

function l1(trust: CommunityTrust, reference: Float64Array): number {
  let sum = 0;
  for (let v = 0; v < trust.graph.nodeCount; v++) {
    const id = trust.graph.idOf(v) as number;
    const other = reference[id];
    if (Number.isNaN(other)) throw new Error(`igraph has no score for member ${id}`);
    sum += Math.abs(trust.scores[v] - other);
  }
  return sum;
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;
// CPU seconds of the whole process (all threads), which a busy shared machine disturbs far
// less than wall-clock time.
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const extra = loadTies(extraPath);
const ties = loadTies(tiesPath, extra.length);
// Members are those that appear in the edge list, as for igraph and the CLI, numbered in
// order of first appearance; the index maps them back to their CSV numbers.
const numbering = new MemberIndex();
const dense = new Int32Array(members).fill(-1);
function renumber(list: { source: Int32Array; target: Int32Array; length: number }): void {
  for (const array of [list.source, list.target]) {
    for (let e = 0; e < list.length; e++) {
      const id = array[e];
      if (dense[id] < 0) dense[id] = numbering.intern(id);
      array[e] = dense[id];
    }
  }
}
renumber(ties);
const baseMembers = numbering.size;
let t0 = performance.now();
const graph = graphFromTies({ memberCount: baseMembers, ...ties }, { members: numbering, precision: 'float32' });
const buildSeconds = seconds(t0);
// The first solve lets V8 compile the sweep (igraph's C code needs no warming up); both are reported.
t0 = performance.now();
computeCommunityTrust(graph, { damping, tolerance });
const firstSolveSeconds = seconds(t0);
t0 = performance.now();
let c0 = cpuNow();
const trust = computeCommunityTrust(graph, { damping, tolerance });
const solveSeconds = seconds(t0);
const solveCpuSeconds = cpuNow() - c0;
const result: Record<string, unknown> = {
  ties: ties.length,
  keptTies: graph.tieCount,
  buildSeconds,
  firstSolveSeconds,
  solveSeconds,
  solveCpuSeconds,
  sweeps: trust.iterations,
  errorBound: trust.errorBound,
  l1: igraphScores ? l1(trust, readScores(igraphScores)) : null,
};

// Warm recompute after adding the extra ties, same numbering.
renumber(extra);
ties.source.set(extra.source, ties.length);
ties.target.set(extra.target, ties.length);
ties.weight.set(extra.weight, ties.length);
t0 = performance.now();
const grown = graphFromTies({ memberCount: numbering.size, source: ties.source, target: ties.target, weight: ties.weight }, { members: numbering, precision: 'float32' });
result.rebuildSeconds = seconds(t0);
t0 = performance.now();
c0 = cpuNow();
const warm = computeCommunityTrust(grown, { damping, tolerance, previous: trust });
result.warmSeconds = seconds(t0);
result.warmCpuSeconds = cpuNow() - c0;
result.warmSweeps = warm.iterations;
result.warmL1 = igraphExtraScores ? l1(warm, readScores(igraphExtraScores)) : null;
t0 = performance.now();
const cold = computeCommunityTrust(grown, { damping, tolerance });
result.grownColdSeconds = seconds(t0);
result.grownColdSweeps = cold.iterations;

// Louvain on the undirected collapsed graph.
t0 = performance.now();
undirectedView(graph);
result.collapseSeconds = seconds(t0);
t0 = performance.now();
c0 = cpuNow();
const communities = detectCommunities(graph);
result.louvainSeconds = seconds(t0);
result.louvainCpuSeconds = cpuNow() - c0;
result.modularity = communities.modularity;
result.communities = communities.count;

// Personal trust for random viewers, each followed by an explanation for someone near them.
function personalQueries(g: TrustGraph): Record<string, number> {
  const random = makeRandom(17);
  const push: number[] = [];
  const explain: number[] = [];
  const both: number[] = [];
  let worstBound = 0;
  for (let q = 0; q < 220; q++) {
    const viewer = g.idOf(Math.floor(random() * g.nodeCount));
    let t = performance.now();
    const personal = computePersonalTrust(g, viewer, { damping });
    const pushMs = performance.now() - t;
    const target = personal.nodes.length > 1 ? g.idOf(personal.nodes[Math.floor(random() * personal.nodes.length)]) : viewer;
    t = performance.now();
    if (target !== viewer) explainConnection(g, viewer, target);
    const explainMs = performance.now() - t;
    if (q < 20) continue; // JIT warm-up
    push.push(pushMs);
    explain.push(explainMs);
    both.push(pushMs + explainMs);
    worstBound = Math.max(worstBound, personal.errorBound);
  }
  const pct = (xs: number[], p: number): number => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { pushP50: pct(push, 0.5), pushP99: pct(push, 0.99), explainP50: pct(explain, 0.5), explainP99: pct(explain, 0.99), bothP99: pct(both, 0.99), worstBound };
}
result.personal = personalQueries(grown);
console.log(JSON.stringify(result));
