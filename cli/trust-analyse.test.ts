import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { denseTrust, type Tie } from '../trust/test-support.ts';

const BIN = resolve(import.meta.dirname, '../bin/kith.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kith-cli-'));
});

async function kith(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: resolve(import.meta.dirname, '..') });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  return { code, stdout, stderr };
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

function parseScores(text: string): Map<string, number> {
  const lines = text.trim().split('\n');
  expect(lines[0]).toBe('member,trust');
  return new Map(
    lines.slice(1).map((l) => {
      const at = l.lastIndexOf(',');
      let id = l.slice(0, at);
      if (id.startsWith('"')) id = id.slice(1, -1).replace(/""/g, '"');
      return [id, Number(l.slice(at + 1))];
    }),
  );
}

describe('kith trust analyse', () => {
  it('writes weighted PageRank scores that match a dense reference, and the measures', async () => {
    const edges = await file('e1.csv', 'source,target,weight\nann,bob,2\nbob,ann,1\nbob,cy,1\ncy,ann,3\ndee,ann,1\nann,bob,1\n');
    const out = join(dir, 'out1');
    const run = await kith('trust', 'analyse', edges, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const scores = parseScores(await readFile(join(out, 'scores.csv'), 'utf8'));
    expect([...scores.keys()]).toEqual(['ann', 'bob', 'cy', 'dee']);
    const ids = ['ann', 'bob', 'cy', 'dee'];
    const ties: Tie[] = [[0, 1, 2], [1, 0, 1], [1, 2, 1], [2, 0, 3], [3, 0, 1], [0, 1, 1]];
    const reference = denseTrust(4, ties, 0.85);
    ids.forEach((id, k) => expect(Math.abs((scores.get(id) ?? -1) - reference[k])).toBeLessThan(1e-9));
    expect([...scores.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const measures = JSON.parse(await readFile(join(out, 'measures.json'), 'utf8'));
    expect(measures.input).toMatchObject({ members: 4, ties: 5, rows: 6 });
    expect(measures.isolation.singleTieMembers).toEqual(['dee']);
    expect(measures.reciprocity).toBeCloseTo(2 / 5, 12);
    expect(measures.communities.list.flatMap((c: { members: string[] }) => c.members).sort()).toEqual(ids);
    expect(typeof measures.communities.modularity).toBe('number');
  });

  it('spreads the teleport over the pre-trusted members and honours --damping', async () => {
    const edges = await file('e2.csv', 'source,target\nv1,a\na,b\nb,a\nstranger,a\nfake1,fake2\nfake2,fake1\n');
    const trusted = await file('trusted.txt', 'v1\n\n');
    const out = join(dir, 'out2');
    const run = await kith('trust', 'analyse', edges, '--out', out, '--pretrusted', trusted, '--damping', '0.7');
    expect(run.code).toBe(0);
    const scores = parseScores(await readFile(join(out, 'scores.csv'), 'utf8'));
    expect(scores.get('fake1')).toBe(0);
    expect(scores.get('stranger')).toBe(0);
    const ids = ['v1', 'a', 'b', 'stranger', 'fake1', 'fake2'];
    const reference = denseTrust(6, [[0, 1, 1], [1, 2, 1], [2, 1, 1], [3, 1, 1], [4, 5, 1], [5, 4, 1]], 0.7, [0]);
    ids.forEach((id, k) => expect(Math.abs((scores.get(id) ?? -1) - reference[k])).toBeLessThan(1e-9));
  });

  it('reads quoted ids and adds up a repeated pair', async () => {
    const repeated = await file('e3.csv', 'weight,target,source,note\n1,"Smith, J","O\'Neil ""Jo"""," x"\n2,"Smith, J","O\'Neil ""Jo""",\r\n1,b,"Smith, J",\n');
    const summed = await file('e4.csv', 'source,target,weight\n"O\'Neil ""Jo""","Smith, J",3\n"Smith, J",b,1\n');
    const a = join(dir, 'out3');
    const b = join(dir, 'out4');
    expect((await kith('trust', 'analyse', repeated, '--out', a)).code).toBe(0);
    expect((await kith('trust', 'analyse', summed, '--out', b)).code).toBe(0);
    const sa = parseScores(await readFile(join(a, 'scores.csv'), 'utf8'));
    const sb = parseScores(await readFile(join(b, 'scores.csv'), 'utf8'));
    expect([...sa.keys()].sort()).toEqual(['O\'Neil "Jo"', 'Smith, J', 'b']);
    for (const [id, s] of sa) expect(s).toBeCloseTo(sb.get(id) ?? -1, 12);
  });

  it.each([
    ['missing columns', 'from,to\na,b\n', /line 1: the header must name a source and a target column/],
    ['a negative weight', 'source,target,weight\na,b,1\nb,c,-2\n', /line 3: weight -2 is negative/],
    ['a weight that is not a number', 'source,target,weight\na,b,lots\n', /line 2: weight 'lots' is not a number/],
    ['an empty file', '', /the file is empty/],
    ['a header and no edges', 'source,target\n', /no edges/],
    ['a short row', 'source,target,weight\na,b,1\nc\n', /line 3: expected at least 3 fields/],
    ['an unclosed quote', 'source,target\n"a,b\n', /line 2: a quoted field is never closed/],
  ])('rejects %s with exit code 2 and the line', async (_, text, message) => {
    const edges = await file(`bad-${Math.random().toString(36).slice(2)}.csv`, text);
    const run = await kith('trust', 'analyse', edges, '--out', join(dir, 'bad'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('rejects pre-trusted ids that are not in the edge list, naming the line', async () => {
    const edges = await file('e5.csv', 'source,target\na,b\n');
    const trusted = await file('t5.txt', 'a\nzed\n');
    const run = await kith('trust', 'analyse', edges, '--out', join(dir, 'out5'), '--pretrusted', trusted);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/t5\.txt, line 2: member 'zed' does not appear/);
  });

  it('explains its usage when called wrongly', async () => {
    const noOut = await kith('trust', 'analyse', 'x.csv');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/missing --out DIR[\s\S]*usage: kith trust analyse/);
    const badDamping = await kith('trust', 'analyse', 'x.csv', '--out', dir, '--damping', '1.5');
    expect(badDamping.code).toBe(2);
    const missing = await kith('trust', 'analyse', join(dir, 'nope.csv'), '--out', dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv/);
  });

  it('says plainly when EDGES.csv or another input cannot be read, before creating anything', async () => {
    const out = join(dir, 'never-made');
    const missing = await kith('trust', 'analyse', join(dir, 'EDGES.csv'), '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`kith: cannot read ${join(dir, 'EDGES.csv')}: no such file\n`);
    const folder = await kith('trust', 'analyse', dir, '--out', out);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`kith: cannot read ${dir}: it is a directory\n`);
    const edges = await file('e6.csv', 'source,target\na,b\n');
    const noTrusted = await kith('trust', 'analyse', edges, '--out', out, '--pretrusted', join(dir, 'trusted-missing.txt'));
    expect(noTrusted.code).toBe(2);
    expect(noTrusted.stderr).toBe(`kith: cannot read ${join(dir, 'trusted-missing.txt')}: no such file\n`);
    const noGroups = await kith('trust', 'analyse', edges, '--out', out, '--groups', join(dir, 'groups-missing.csv'));
    expect(noGroups.code).toBe(2);
    expect(noGroups.stderr).toBe(`kith: cannot read ${join(dir, 'groups-missing.csv')}: no such file\n`);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('checks --out before any work: a file, a path through a file, or a result name taken by a directory', async () => {
    const edges = await file('e7.csv', 'source,target\na,b\nb,c\n');
    const taken = await file('taken.txt', 'not a directory\n');
    const onFile = await kith('trust', 'analyse', edges, '--out', taken);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toBe(`kith: cannot write to --out ${taken}: it is a file, not a directory\n`);
    expect(onFile.stdout).toBe('');
    expect(await readFile(taken, 'utf8')).toBe('not a directory\n');
    const through = await kith('trust', 'analyse', edges, '--out', join(taken, 'results'));
    expect(through.code).toBe(2);
    expect(through.stderr).toMatch(/^kith: cannot write to --out .*taken\.txt\/results: .*(is a file|part of the path is a file)/);
    const busy = join(dir, 'busy');
    await mkdir(join(busy, 'scores.csv'), { recursive: true });
    const clash = await kith('trust', 'analyse', edges, '--out', busy);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toBe(`kith: cannot write ${join(busy, 'scores.csv')}: it is a directory\n`);
    // A directory that does not exist yet is made, parents and all.
    const fresh = join(dir, 'new', 'deeper');
    expect((await kith('trust', 'analyse', edges, '--out', fresh)).code).toBe(0);
    expect((await stat(join(fresh, 'scores.csv'))).isFile()).toBe(true);
  });

  it('measures bonding and bridging across the communities found, and across --groups when given', async () => {
    // a–b and c–d inside groups A and B, b–c across them; e has no group; f–g is a pair apart.
    const edges = await file('e8.csv', 'source,target\na,b\nb,a\nb,c\nc,d\nd,e\nf,g\n');
    const groups = await file('g8.csv', 'group,member,note\nA,a,\nA,b,x\nB,c,\n"B",d,\n,e,no group\nA,a,again\n');
    const plain = join(dir, 'out8a');
    expect((await kith('trust', 'analyse', edges, '--out', plain)).code).toBe(0);
    const without = JSON.parse(await readFile(join(plain, 'measures.json'), 'utf8'));
    expect(Object.keys(without.bondingBridging)).toEqual(['communities']);
    const found = without.bondingBridging.communities;
    // Every pair is labelled by its community: the 5 distinct pairs split into within and across.
    expect(found.internalPairs + found.externalPairs).toBe(5);
    expect(found.internalPairs).toBeGreaterThan(found.externalPairs);
    const grouped = join(dir, 'out8b');
    const run = await kith('trust', 'analyse', edges, '--out', grouped, '--groups', groups);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const measures = JSON.parse(await readFile(join(grouped, 'measures.json'), 'utf8'));
    expect(measures.input.groupsFile).toBe(groups);
    // Pairs with both ends in a group: a–b and c–d within, b–c across; d–e and f–g are left out.
    expect(measures.bondingBridging.groups).toMatchObject({ membersLabelled: 4, internalPairs: 2, externalPairs: 1, eiIndex: -1 / 3 });
    expect(measures.bondingBridging.groups.bridgingShare).toBeCloseTo(1 / 3, 12);
    const byGroup = Object.fromEntries(measures.bondingBridging.groups.groups.map((g: { group: string }) => [g.group, g]));
    expect(byGroup.A).toMatchObject({ members: 2, internalPairs: 1, externalPairs: 1 });
    expect(byGroup.B).toMatchObject({ members: 2, internalPairs: 1, externalPairs: 1 });
  });

  it.each([
    ['missing columns', 'name,street\na,A\n', /g-bad-\w+\.csv, line 1: the header must name a member and a group column/],
    ['a member not in the edge list', 'member,group\na,A\nzed,B\n', /line 3: member 'zed' does not appear in/],
    ['a member in two groups', 'member,group\na,A\nb,B\na,B\n', /line 4: member 'a' is already in group 'A' \(line 2\)/],
    ['an empty file', '', /the file is empty; expected a header line `member,group`/],
    ['no member with a group', 'member,group\na,\n', /the file gives no member a group/],
  ])('rejects a groups file with %s, naming the line', async (_, text, message) => {
    const edges = await file('e9.csv', 'source,target\na,b\n');
    const groups = await file(`g-bad-${Math.random().toString(36).slice(2)}.csv`, text);
    const run = await kith('trust', 'analyse', edges, '--out', join(dir, 'out9'), '--groups', groups);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
