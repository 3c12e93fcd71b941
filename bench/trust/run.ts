// Trust engine benchmark: Kith against python3-igraph on the same neighbourhood-like edge
// lists. Usage: npx tsx bench/trust/run.ts [--sizes 10000,100000,1000000] [--keep]
//
// For each size the generator's ties are written twice from the same arrays: as CSV (what
// igraph and the CLI read) and as binary tie arrays numbered by CSV id (what the engine's
// timing process reads). igraph, the engine, and a peak-memory probe then run one after the
// other, each in its own fresh process, so they never share the CPU or each other's heap.
// Times are wall-clock and CPU seconds; on a shared machine, CPU seconds are the steadier.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateNeighbourhood, generateExtraTies, type GeneratedGraph } from './generate-neighbourhood.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const DAMPING = 0.85;
// Stopping tolerance on the L1 change of a sweep, chosen from the accuracy target (L1 ≤ 1e-6
// to igraph): at 1e-7 the engine's returned error bound, 2·residual/((1 − d)‖x‖), proves an
// L1 distance of a few 1e-7 to the exact fixed point, and solving further buys nothing the
// comparison asks for.
const TOLERANCE = 1e-7;

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' }, keep: { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number);
const fmt = (x: number | undefined, digits = 3): string => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const exp = (x: number | undefined): string => (x !== undefined && Number.isFinite(x) ? x.toExponential(2) : 'n/a');

function writeCsv(path: string, g: GeneratedGraph): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'source,target,weight\n');
  let buffer = '';
  for (let e = 0; e < g.source.length; e++) {
    buffer += `${g.label(g.source[e])},${g.label(g.target[e])},${Math.round(g.weight[e] * 100) / 100}\n`;
    if (buffer.length > 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

/** Same ties, same order, members numbered by their CSV id ('m' + number in base 36). */
function writeBinary(path: string, g: GeneratedGraph): void {
  const number = (m: number): number => parseInt(g.label(m).slice(1), 36);
  const fd = openSync(path, 'w');
  writeSync(fd, g.source.map(number));
  writeSync(fd, g.target.map(number));
  // Rounded exactly as the CSV prints them, so both sides see identical weights.
  writeSync(fd, g.weight.map((w) => Math.round(w * 100) / 100));
  closeSync(fd);
}

function runJson(label: string, command: string, args: string[]): Record<string, any> | undefined {
  const load = loadavg()[0];
  const child = spawnSync(command, args, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  if (child.status !== 0) {
    console.log(`${label} failed: ${(child.stderr || child.error?.message || '').trim().split('\n').slice(-3).join(' | ')}`);
    return undefined;
  }
  const out = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}');
  out.loadBefore = load;
  return out;
}

interface Row {
  metric: string;
  kith: string;
  igraph: string;
  ratio: string;
  target: string;
  met: string;
}
const tables = new Map<number, Row[]>();

for (const size of sizes) {
  const rows: Row[] = [];
  tables.set(size, rows);
  const row = (metric: string, kith: string, igraph = '', ratio = '', target = '', met = ''): void => {
    rows.push({ metric, kith, igraph, ratio, target, met });
  };
  const dir = mkdtempSync(join(tmpdir(), `kith-bench-${size}-`));
  console.log(`\n== ${size.toLocaleString('en-GB')} members (files in ${dir})`);
  const generated = generateNeighbourhood(size);
  const extra = generateExtraTies(generated, 0.01);
  writeCsv(join(dir, 'edges.csv'), generated);
  writeCsv(join(dir, 'extra.csv'), extra);
  writeBinary(join(dir, 'ties.bin'), generated);
  writeBinary(join(dir, 'extra.bin'), extra);
  console.log(`generated ${generated.source.length.toLocaleString('en-GB')} ties, +${extra.source.length.toLocaleString('en-GB')} for the warm run`);

  const ig = runJson('igraph', '/usr/bin/python3', [
    join(here, 'igraph_reference.py'),
    join(dir, 'edges.csv'),
    join(dir, 'igraph-scores.csv'),
    String(DAMPING),
    join(dir, 'extra.csv'),
    join(dir, 'igraph-extra-scores.csv'),
  ]);
  if (ig) console.log(`igraph: ${JSON.stringify(ig)}`);
  const k = runJson('kith', process.execPath, [
    '--import',
    'tsx',
    join(here, 'kith-run.ts'),
    join(dir, 'ties.bin'),
    join(dir, 'extra.bin'),
    String(size),
    ig ? join(dir, 'igraph-scores.csv') : '',
    ig ? join(dir, 'igraph-extra-scores.csv') : '',
    String(DAMPING),
    String(TOLERANCE),
  ]);
  if (k) console.log(`kith: ${JSON.stringify(k)}`);
  const mem = runJson('memory', process.execPath, ['--import', 'tsx', join(here, 'measure-memory.ts'), join(dir, 'ties.bin'), String(size)]);
  if (mem) console.log(`memory: ${JSON.stringify(mem)}`);
  // The CLI end to end on the CSV, for the smaller sizes (it also computes every measure).
  let cliSeconds: number | undefined;
  let cliL1: number | undefined;
  if (size <= 100_000 && ig) {
    const t0 = performance.now();
    const cli = spawnSync(process.execPath, [join(root, 'bin/kith.mjs'), 'trust', 'analyse', join(dir, 'edges.csv'), '--out', join(dir, 'cli')], { encoding: 'utf8' });
    cliSeconds = (performance.now() - t0) / 1000;
    if (cli.status === 0) {
      const read = (p: string) => new Map(readFileSync(p, 'utf8').trim().split('\n').slice(1).map((l) => [l.slice(0, l.lastIndexOf(',')), Number(l.slice(l.lastIndexOf(',') + 1))]));
      const mine = read(join(dir, 'cli/scores.csv'));
      const theirs = read(join(dir, 'igraph-scores.csv'));
      cliL1 = 0;
      for (const [id, s] of theirs) cliL1 += Math.abs(s - (mine.get(id) ?? Number.NaN));
    }
  }

  const cap = size >= 1_000_000;
  const ratio = (a?: number, b?: number): number => (a !== undefined && b !== undefined ? a / b : Number.NaN);
  const check = (x: number, limit: number): string => (Number.isFinite(x) ? (x <= limit ? 'yes' : 'no') : 'n/a');
  const trustWall = ratio(k?.solveSeconds, ig?.pagerankSeconds);
  const trustCpu = ratio(k?.solveCpuSeconds, ig?.pagerankCpuSeconds);
  row('community trust, wall (s)', fmt(k?.solveSeconds), fmt(ig?.pagerankSeconds), fmt(trustWall), cap ? '≤ 0.333' : '', cap ? check(trustWall, 1 / 3) : '');
  row('community trust, CPU (s)', fmt(k?.solveCpuSeconds), fmt(ig?.pagerankCpuSeconds), fmt(trustCpu));
  row('  sweeps / error bound', `${k?.sweeps ?? 'n/a'} / ${exp(k?.errorBound)}`);
  row('  L1 distance to igraph', exp(k?.l1), '', '', '≤ 1e-6', check(k?.l1, 1e-6));
  const warmWall = ratio(k?.warmSeconds, ig?.pagerankSeconds);
  row('warm, +1% ties, wall (s)', fmt(k?.warmSeconds), fmt(ig?.pagerankSeconds), fmt(warmWall), cap ? '≤ 0.05' : '', cap ? check(warmWall, 0.05) : '');
  row('warm, +1% ties, CPU (s)', fmt(k?.warmCpuSeconds), fmt(ig?.pagerankCpuSeconds), fmt(ratio(k?.warmCpuSeconds, ig?.pagerankCpuSeconds)));
  row('  sweeps warm / cold', `${k?.warmSweeps ?? 'n/a'} / ${k?.grownColdSweeps ?? 'n/a'}`);
  row('  L1 to igraph on grown graph', exp(k?.warmL1), '', '', '≤ 1e-6', check(k?.warmL1, 1e-6));
  row('graph build (s)', fmt(k?.buildSeconds), fmt(ig?.buildSeconds), fmt(ratio(k?.buildSeconds, ig?.buildSeconds)));
  row('  rebuild with +1% ties (s)', fmt(k?.rebuildSeconds));
  const louvainWall = ratio(k?.louvainSeconds, ig?.louvainSeconds);
  // One cold run per process, JIT warm-up included: at 10k members that is most of it.
  row('Louvain, wall (s)', fmt(k?.louvainSeconds), fmt(ig?.louvainSeconds), fmt(louvainWall), cap ? '≤ 1' : '', cap ? check(louvainWall, 1) : '');
  row('Louvain, CPU (s)', fmt(k?.louvainCpuSeconds), fmt(ig?.louvainCpuSeconds), fmt(ratio(k?.louvainCpuSeconds, ig?.louvainCpuSeconds)));
  row('  modularity / communities', `${fmt(k?.modularity, 4)} / ${k?.communities ?? 'n/a'}`, `${fmt(ig?.louvainModularity, 4)} / ${ig?.louvainCommunities ?? 'n/a'}`);
  row('  collapse to undirected (s)', fmt(k?.collapseSeconds), fmt(ig?.collapseSeconds));
  const p = k?.personal ?? {};
  row('personal trust p50 / p99 (ms)', `${fmt(p.pushP50, 2)} / ${fmt(p.pushP99, 2)}`, '', '', cap ? 'p99 ≤ 20' : '', cap ? check(p.pushP99, 20) : '');
  row('  + explanation p50 / p99 (ms)', `${fmt(p.explainP50, 2)} / ${fmt(p.explainP99, 2)}`);
  row('  both together p99 (ms)', fmt(p.bothP99, 2));
  row('  worst L1 error bound', exp(p.worstBound));
  const perTie = mem ? mem.peakAboveInputBytes / mem.ties : Number.NaN;
  row('peak memory per tie (B)', fmt(perTie, 1), '', '', cap ? '≤ 40' : '', cap ? check(perTie, 40) : '');
  row('  counting the 12 B/tie input', fmt(mem ? mem.peakWithInputBytes / mem.ties : Number.NaN, 1));
  if (cliSeconds !== undefined) row('CLI end to end on the CSV (s)', fmt(cliSeconds, 1), '', '', '', `L1 ${exp(cliL1)}`);
  row('load average at start', `${fmt(k?.loadBefore, 1)}`, `${fmt(ig?.loadBefore, 1)}`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

console.log(`\n## Summary: node ${process.version}, damping ${DAMPING}, tolerance ${TOLERANCE}`);
const header: Row = { metric: 'metric', kith: 'kith', igraph: 'igraph', ratio: 'kith/igraph', target: 'target', met: 'met' };
const keys = Object.keys(header) as (keyof Row)[];
for (const [size, rows] of tables) {
  const widths = keys.map((key) => Math.max(header[key].length, ...rows.map((r) => r[key].length)));
  const line = (r: Row): string => `| ${keys.map((key, i) => r[key].padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n### ${size.toLocaleString('en-GB')} members\n`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
