// The coordinators' dashboard and the council's aggregate view, both read from the stored
// monthly measures. Named lists are filtered by each member's current choices when read, so
// opting out of analytics takes effect at once, not at the next recompute.
import type { Db } from '../../db/client.ts';
import { MIN_CELL, NATIONAL_TRUST, type Council, type CouncilMonth, type Dashboard, type MonthMeasures } from '../../../common/trust.ts';
import { liveGraph } from './graph.ts';
import type { StoredMeasures } from './measures.ts';
import { latestRun, loadGraphMembers, loadMeasures, presentRun } from './queries.ts';
import { latestSurveyResults } from './surveys.ts';

const CONNECTORS_SHOWN = 10;

type StoredRow = { month: string; measures: StoredMeasures; computedAt: Date };

async function storedRows(db: Db, communityId: string): Promise<StoredRow[]> {
  return (await loadMeasures(db, communityId)).map((r) => ({ month: r.month, measures: r.measures as unknown as StoredMeasures, computedAt: r.computedAt }));
}

function presentMonth(row: StoredRow): MonthMeasures {
  const m = row.measures;
  const bonding = (b: StoredMeasures['area']) => ({ internalPairs: b.internalPairs, externalPairs: b.externalPairs, bridgingShare: b.bridgingShare, eiIndex: b.eiIndex });
  return {
    month: row.month.slice(0, 7),
    members: m.members,
    ties: m.ties,
    pairs: m.pairs,
    isolated: m.isolatedCount,
    singleTie: m.singleTieCount,
    meanDegree: m.meanDegree,
    medianDegree: m.medianDegree,
    reciprocity: m.reciprocity,
    transitivity: m.clustering.transitivity,
    averageClustering: m.clustering.averageLocal,
    area: bonding(m.area),
    community: bonding(m.community),
    newTies: m.newTies,
    newTiesAcrossAreas: m.newTiesAcrossAreas ?? 0,
    communities: m.communities.count,
    modularity: m.communities.modularity,
  };
}

/** The coordinators' view: every measure month by month, connectors and the reach-out list by name. */
export async function coordinatorDashboard(db: Db, communityId: string): Promise<Dashboard> {
  const [rows, run, members, live, survey] = await Promise.all([
    storedRows(db, communityId),
    latestRun(db, communityId),
    loadGraphMembers(db, communityId),
    liveGraph(db, communityId),
    latestSurveyResults(db, communityId),
  ]);
  const latest = rows.at(-1)?.measures ?? null;
  const byId = new Map(members.map((m) => [m.userId, m]));
  // Named only while active, in good standing and not opted out of analytics.
  const nameable = (id: string) => {
    const m = byId.get(id);
    return m && m.status === 'active' && !m.accountSuspended && !m.analyticsOptOut ? m : null;
  };
  const areaOf = (m: { area: string; showArea: boolean }) => (m.showArea && m.area.trim() ? m.area.trim() : null);

  const connectors = (latest?.connectors ?? [])
    .flatMap((c) => {
      const m = nameable(c.userId);
      return m ? [{ id: m.userId, displayName: m.displayName, area: areaOf(m), contacts: c.contacts, effectiveSize: Math.round(c.effectiveSize * 10) / 10 }] : [];
    })
    .slice(0, CONNECTORS_SHOWN);

  // Isolation from the live graph, so a member who joined since the last recompute is not missed.
  const { graph } = live;
  const reachOut = members
    .filter((m) => {
      const node = graph.nodeOf(m.userId);
      const isolated = node < 0 || (graph.outStart[node + 1] === graph.outStart[node] && graph.inStart[node + 1] === graph.inStart[node]);
      return isolated && m.reachOutOk && m.kind === 'person' && nameable(m.userId);
    })
    .map((m) => ({ id: m.userId, displayName: m.displayName, area: areaOf(m), joinedAt: m.joinedAt.toISOString() }));

  return {
    computedAt: rows.at(-1)?.computedAt.toISOString() ?? null,
    lastRun: run ? presentRun(run) : null,
    months: rows.map(presentMonth),
    degreeDistribution: latest?.degreeDistribution ?? [],
    // Streets with fewer than MIN_CELL members are left out: a coordinator sees named lists
    // elsewhere, but an area someone chose to hide should not be pinned on them here.
    areas: (latest?.area.groups ?? []).filter((g) => g.members >= MIN_CELL).map((g) => ({ group: g.group, members: g.members, internalPairs: g.internalPairs, externalPairs: g.externalPairs, eiIndex: g.eiIndex })).sort((a, b) => b.members - a.members),
    communitySizes: latest?.communities.sizes ?? [],
    betweenness: latest ? { exact: latest.betweenness.exact, sources: latest.betweenness.sources, errorBound: latest.betweenness.normalisedErrorBound } : null,
    connectors,
    reachOut,
    survey,
    national: { ...NATIONAL_TRUST },
  };
}

const cell = (n: number): number | null => (n < MIN_CELL ? null : n);
/** A ratio over fewer than MIN_CELL people or pairs says too much about each of them. */
const ratio = (value: number, over: number): number | null => (over < MIN_CELL ? null : value);

function councilMonth(row: StoredRow): CouncilMonth {
  const m = row.measures;
  const areaPairs = m.area.internalPairs + m.area.externalPairs;
  const communityPairs = m.community.internalPairs + m.community.externalPairs;
  return {
    month: row.month.slice(0, 7),
    members: cell(m.members),
    pairs: cell(m.pairs),
    isolated: cell(m.isolatedCount),
    singleTie: cell(m.singleTieCount),
    newTies: cell(m.newTies),
    newTiesAcrossAreas: cell(m.newTiesAcrossAreas ?? 0),
    communities: cell(m.communities.count),
    meanDegree: ratio(m.meanDegree, m.members),
    reciprocity: ratio(m.reciprocity, m.ties),
    transitivity: ratio(m.clustering.transitivity, m.pairs),
    averageClustering: ratio(m.clustering.averageLocal, m.members),
    areaBridgingShare: ratio(m.area.bridgingShare, areaPairs),
    areaEiIndex: ratio(m.area.eiIndex, areaPairs),
    communityBridgingShare: ratio(m.community.bridgingShare, communityPairs),
    communityEiIndex: ratio(m.community.eiIndex, communityPairs),
    modularity: ratio(m.communities.modularity, m.pairs),
  };
}

/** The council's view: the same measures as aggregates, no names or ids, no cell under MIN_CELL. */
export async function councilView(db: Db, communityId: string): Promise<Council> {
  const [rows, survey] = await Promise.all([storedRows(db, communityId), latestSurveyResults(db, communityId)]);
  const latest = rows.at(-1)?.measures ?? null;
  const binLabel = (b: { from: number; to: number }) => (b.from === b.to ? String(b.from) : `${b.from}–${b.to}`);
  return {
    computedAt: rows.at(-1)?.computedAt.toISOString() ?? null,
    months: rows.map(councilMonth),
    degreeDistribution: (latest?.degreeDistribution ?? []).map((b) => ({ label: binLabel(b), members: cell(b.members) })),
    areas: (latest?.area.groups ?? [])
      .filter((g) => g.members >= MIN_CELL)
      .sort((a, b) => b.members - a.members)
      .map((g) => {
        const pairs = g.internalPairs + g.externalPairs;
        return { group: g.group, members: cell(g.members), bridgingShare: ratio(pairs > 0 ? g.externalPairs / pairs : 0, pairs), eiIndex: ratio(g.eiIndex, pairs) };
      }),
    communitySizes: (latest?.communities.sizes ?? []).map(cell),
    survey,
    national: { ...NATIONAL_TRUST },
  };
}
