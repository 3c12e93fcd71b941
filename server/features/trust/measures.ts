// The social-capital measures of one month, in the form stored in trust_measures.measures.
// Member ids are kept (for the coordinator's named lists, filtered by privacy when read);
// names never are, so a member who changes their name or opts out is shown as they are now.
import { measureBondingBridging, measureSocialCapital, undirectedView, type BondingBridging, type TrustGraph } from '../../../trust/index.ts';
import type { GraphMember, InteractionRow } from './queries.ts';

type StoredBonding = Omit<BondingBridging, 'groups'> & { groups: { group: string; members: number; internalPairs: number; externalPairs: number; eiIndex: number }[] };

/** What one month's row holds. */
export type StoredMeasures = {
  members: number;
  ties: number;
  pairs: number;
  strainedTies: number;
  isolatedCount: number;
  singleTieCount: number;
  meanDegree: number;
  medianDegree: number;
  maxDegree: number;
  degreeDistribution: { from: number; to: number; members: number }[];
  reciprocity: number;
  clustering: { triangles: number; transitivity: number; averageLocal: number };
  area: StoredBonding;
  community: StoredBonding;
  newTies: number;
  /** New ties that joined people from different areas (both with an area given). */
  newTiesAcrossAreas: number;
  /** Communities of two or more members found by Louvain, and their sizes, largest first. */
  communities: { count: number; modularity: number; sizes: number[] };
  betweenness: { exact: boolean; sources: number; normalisedErrorBound: number };
  connectors: { userId: string; contacts: number; effectiveSize: number; constraint: number; betweenness: number }[];
  isolated: string[];
  singleTie: string[];
};

// Enough that the coordinator still sees ten after opted-out members are left out.
const CONNECTORS_KEPT = 25;

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/** Areas compared case-insensitively ("Mill Lane" and "mill lane " are one street), shown as first written. */
export function areaGrouping(members: readonly GraphMember[]): (id: string | number) => string | undefined {
  const labelOf = new Map<string, string>();
  const byMember = new Map<string, string>();
  for (const m of members) {
    const area = m.area.trim();
    if (!area) continue;
    const key = area.toLowerCase();
    if (!labelOf.has(key)) labelOf.set(key, area);
    byMember.set(m.userId, labelOf.get(key)!);
  }
  return (id) => byMember.get(String(id));
}

function storeBonding(b: BondingBridging): StoredBonding {
  return {
    internalPairs: b.internalPairs,
    externalPairs: b.externalPairs,
    bridgingShare: finite(b.bridgingShare),
    bridgingWeightShare: finite(b.bridgingWeightShare),
    eiIndex: finite(b.eiIndex),
    groups: b.groups.map((g) => ({ group: g.group, members: g.members, internalPairs: g.internalPairs, externalPairs: g.externalPairs, eiIndex: finite(g.eiIndex) })),
  };
}

/**
 * Measures a month's graph: isolation, degrees, reciprocity, clustering, bonding and bridging
 * across areas and across the communities Louvain finds, connectors and communities.
 */
export function measureMonth(graph: TrustGraph, members: readonly GraphMember[], formed: { newTies: number; newTiesAcrossAreas: number }): StoredMeasures {
  const byArea = areaGrouping(members);
  const capital = measureSocialCapital(graph, { groupings: { area: byArea }, topConnectors: CONNECTORS_KEPT });
  const found = capital.communities;
  const byCommunity = (id: string | number) => {
    const node = graph.nodeOf(id);
    return node < 0 ? undefined : `community-${found.community[node] + 1}`;
  };
  const view = undirectedView(graph);
  const contactsOf = (id: string | number) => {
    const node = graph.nodeOf(id);
    return node < 0 ? 0 : view.start[node + 1] - view.start[node];
  };
  const sizes = new Array<number>(found.count).fill(0);
  for (let v = 0; v < graph.nodeCount; v++) sizes[found.community[v]]++;
  // Louvain leaves each isolated member alone in a community of one: those are not groups.
  const groups = sizes.filter((s) => s >= 2).sort((a, b) => b - a);
  const d = capital.degrees;
  return {
    members: d.members,
    ties: d.ties,
    pairs: d.pairs,
    strainedTies: graph.strainedTieCount,
    isolatedCount: d.isolatedCount,
    singleTieCount: d.singleTieCount,
    meanDegree: finite(d.meanDegree),
    medianDegree: finite(d.medianDegree),
    maxDegree: d.maxDegree,
    degreeDistribution: d.degreeDistribution,
    reciprocity: finite(capital.reciprocity),
    clustering: { triangles: capital.clustering.triangles, transitivity: finite(capital.clustering.transitivity), averageLocal: finite(capital.clustering.averageLocal) },
    area: storeBonding(capital.bondingBridging.area),
    community: storeBonding(measureBondingBridging(graph, byCommunity)),
    newTies: formed.newTies,
    newTiesAcrossAreas: formed.newTiesAcrossAreas,
    communities: { count: groups.length, modularity: finite(found.modularity), sizes: groups },
    betweenness: { exact: capital.betweenness.exact, sources: capital.betweenness.sources, normalisedErrorBound: finite(capital.betweenness.normalisedErrorBound) },
    connectors: capital.connectors.map((c) => ({
      userId: String(c.member),
      contacts: contactsOf(c.member),
      effectiveSize: finite(c.effectiveSize),
      constraint: finite(c.constraint),
      betweenness: finite(c.betweenness),
    })),
    isolated: d.isolated.map(String),
    singleTie: d.singleTie.map(String),
  };
}

/**
 * Per month ('YYYY-MM'), the new ties (first positive interaction of a pair, either way) that
 * joined members of different areas, by the same rule as the engine's countNewTiesByMonth.
 */
export function countNewTiesAcross(rows: readonly InteractionRow[], areaOf: (id: string) => string | undefined): Map<string, number> {
  const first = new Map<string, { at: number; across: boolean }>();
  for (const r of rows) {
    if (!(r.weight > 0) || r.actorId === r.subjectId) continue;
    const key = r.actorId < r.subjectId ? `${r.actorId}:${r.subjectId}` : `${r.subjectId}:${r.actorId}`;
    const at = r.occurredAt.getTime();
    const seen = first.get(key);
    if (seen && seen.at <= at) continue;
    const a = areaOf(r.actorId);
    const b = areaOf(r.subjectId);
    first.set(key, { at, across: a !== undefined && b !== undefined && a !== b });
  }
  const counts = new Map<string, number>();
  for (const { at, across } of first.values()) {
    if (!across) continue;
    const month = new Date(at).toISOString().slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  return counts;
}

/** The first instant of the month after `monthStart` (UTC). */
export function nextMonth(monthStart: Date): Date {
  return new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() + 1, 1));
}

/** The first instant of the month containing `at` (UTC). */
export function monthStartOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** 'YYYY-MM-01' for a month start, as the month column stores it. */
export const monthKey = (monthStart: Date) => monthStart.toISOString().slice(0, 10);
