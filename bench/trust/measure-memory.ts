// Peak memory of building the trust graph and computing community trust, measured in a fresh
// process so that nothing else the benchmark did is counted. Reads tie arrays from a binary
// file (int32 source, int32 target, float32 weight, one block each), records resident memory
// after loading them, builds and solves, then reads the kernel's high-water mark (VmHWM).
// Prints one JSON line.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { graphFromTies } from '../../trust/trust-graph.ts';
import { computeCommunityTrust } from '../../trust/community-trust.ts';

function statusKb(field: string): number {
  const match = readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
  if (!match) throw new Error(`no ${field} in /proc/self/status`);
  return Number(match[1]);
}

const [path, membersText] = process.argv.slice(2);
const beforeInput = statusKb('VmRSS');
const fd = openSync(path, 'r');
const m = fstatSync(fd).size / 12;
// Read each block straight into its typed array: no intermediate buffer to inflate the baseline.
const load = <T extends Int32Array | Float32Array>(array: T, block: number): T => {
  for (let done = 0; done < m * 4; ) done += readSync(fd, new Uint8Array(array.buffer, done, m * 4 - done), 0, m * 4 - done, block * m * 4 + done);
  return array;
};
const source = load(new Int32Array(m), 0);
const target = load(new Int32Array(m), 1);
const weight = load(new Float32Array(m), 2);
closeSync(fd);
const afterInput = statusKb('VmRSS');
const graph = graphFromTies({ memberCount: Number(membersText), source, target, weight }, { precision: 'float32' });
const trust = computeCommunityTrust(graph, { tolerance: 1e-7 });
const peak = statusKb('VmHWM');
console.log(
  JSON.stringify({
    ties: m,
    keptTies: graph.tieCount,
    iterations: trust.iterations,
    inputBytes: (afterInput - beforeInput) * 1024,
    peakAboveInputBytes: (peak - afterInput) * 1024,
    peakWithInputBytes: (peak - beforeInput) * 1024,
  }),
);
