import { mkdir, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { graphFromTies } from '../trust/trust-graph.ts';
import { computeCommunityTrust } from '../trust/community-trust.ts';
import { measureSocialCapital } from '../trust/social-capital.ts';
import { measureBondingBridging, type BondingBridging } from '../trust/bonding-bridging.ts';
import { InputError } from './errors.ts';
import { checkOutputDir, checkReadable } from './files.ts';
import { readEdgeList } from './read-edge-list.ts';
import { readGroups } from './read-groups.ts';
import { readIdList } from './read-id-list.ts';

/** Arguments of `kith trust analyse`. */
export interface AnalyseArgs {
  edges: string;
  out: string;
  damping: number;
  pretrusted?: string;
  /** A `member,group` CSV (street, estate, club…) to measure bonding and bridging across. */
  groups?: string;
}

/** What the command writes into the output directory. */
const [SCORES_FILE, MEASURES_FILE] = ['scores.csv', 'measures.json'] as const;

/** What the command did, for its closing message. */
export interface AnalyseSummary {
  members: number;
  ties: number;
  communities: number;
  seconds: number;
}

/** Quotes a CSV field when it needs it (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Runs `kith trust analyse`: community trust and social-capital measures for an edge list, written to DIR/scores.csv and DIR/measures.json. */
export async function analyseTrust(args: AnalyseArgs): Promise<AnalyseSummary> {
  const started = performance.now();
  // Every path is checked before any work: a long analysis never ends in a failed write.
  await checkReadable(args.edges);
  if (args.pretrusted) await checkReadable(args.pretrusted);
  if (args.groups) await checkReadable(args.groups);
  await checkOutputDir(args.out, [SCORES_FILE, MEASURES_FILE]);
  const { ties, rows, selfTies } = await readEdgeList(args.edges);
  let preTrusted: string[] | undefined;
  if (args.pretrusted) {
    const ids = await readIdList(args.pretrusted);
    for (const { id, line } of ids) {
      if (ties.members.lookup(id) < 0) throw new InputError(args.pretrusted, line, `member '${id}' does not appear in ${args.edges}`);
    }
    preTrusted = ids.map((x) => x.id);
  }
  const groupOf = new Map<string, string>();
  if (args.groups) {
    for (const [id, { group, line }] of await readGroups(args.groups)) {
      if (ties.members.lookup(id) < 0) throw new InputError(args.groups, line, `member '${id}' does not appear in ${args.edges}`);
      groupOf.set(id, group);
    }
  }
  const graph = graphFromTies(ties.toArrays(), { members: ties.members });
  // A researcher's graph is small next to a city's: converge far past print precision.
  const trust = computeCommunityTrust(graph, { damping: args.damping, preTrusted, tolerance: 1e-13 });
  const measures = measureSocialCapital(graph);
  await mkdir(args.out, { recursive: true });
  // Scores in the order members first appear in the edge list, which is the order a
  // researcher will recognise.
  const scores = createWriteStream(join(args.out, SCORES_FILE));
  let buffer = 'member,trust\n';
  for (let k = 0; k < graph.members.size; k++) {
    const node = graph.nodeOfMember[k];
    buffer += `${csvField(String(graph.members.idOf(k)))},${trust.scores[node]}\n`;
    if (buffer.length > 1 << 16) {
      if (!scores.write(buffer)) await once(scores, 'drain');
      buffer = '';
    }
  }
  scores.end(buffer);
  await once(scores, 'finish');
  const { communities } = measures;
  const groups: (string | number)[][] = Array.from({ length: communities.count }, () => []);
  for (let v = 0; v < graph.nodeCount; v++) groups[communities.community[v]].push(graph.idOf(v));
  // Bonding and bridging across the communities found (always), and across the groups given.
  const bondingBridging: Record<string, BondingBridging & { membersLabelled?: number }> = {
    communities: measureBondingBridging(graph, (id) => String(communities.community[graph.nodeOf(id)])),
  };
  if (args.groups) bondingBridging.groups = { membersLabelled: groupOf.size, ...measureBondingBridging(graph, (id) => groupOf.get(String(id))) };
  const report = {
    input: { file: args.edges, rows, selfTiesIgnored: selfTies, members: graph.nodeCount, ties: graph.tieCount, ...(args.groups ? { groupsFile: args.groups } : {}) },
    trust: {
      damping: args.damping,
      teleport: trust.teleport,
      preTrusted: preTrusted?.length ?? 0,
      iterations: trust.iterations,
      errorBound: trust.errorBound,
    },
    isolation: { isolated: measures.degrees.isolatedCount, singleTie: measures.degrees.singleTieCount, isolatedMembers: measures.degrees.isolated, singleTieMembers: measures.degrees.singleTie },
    degrees: {
      mean: measures.degrees.meanDegree,
      median: measures.degrees.medianDegree,
      max: measures.degrees.maxDegree,
      pairs: measures.degrees.pairs,
      distribution: measures.degrees.degreeDistribution,
    },
    reciprocity: measures.reciprocity,
    clustering: measures.clustering,
    bondingBridging,
    connectors: measures.connectors,
    betweenness: measures.betweenness,
    communities: {
      count: communities.count,
      modularity: communities.modularity,
      levels: communities.levels,
      list: groups.map((members, id) => ({ id, size: members.length, members })),
    },
  };
  await writeFile(join(args.out, MEASURES_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return { members: graph.nodeCount, ties: graph.tieCount, communities: communities.count, seconds: (performance.now() - started) / 1000 };
}
