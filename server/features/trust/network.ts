// The network map for coordinators: members as nodes (coloured by area or by the community
// Louvain finds), ties as edges. Members who opted out of analytics are not nodes, and their
// ties are not edges: they count only in the dashboard's aggregates. No node carries a score.
//
// Everything said about a node is worked out on the visible subgraph alone (the shown members
// and the ties between them): its degree, its community and the strength bands of its edges.
// Computed on the whole graph, a dot sized for two ties with one line drawn, or a colour shared
// with a far-off group, would tell the coordinator that the member is tied to someone hidden.
import { detectCommunities, graphFromTies, MemberIndex, TieBuffer, undirectedView, type TrustGraph } from '../../../trust/index.ts';
import type { Db } from '../../db/client.ts';
import type { Network } from '../../../common/trust.ts';
import { liveGraph } from './graph.ts';
import { loadGraphMembers } from './queries.ts';

/** Quantile of sorted values (nearest rank). */
const quantile = (sorted: readonly number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

/**
 * The graph restricted to `shown` member ids (in that order): the same tie weights, with every
 * tie that has a hidden end left out, so that nothing computed on it depends on hidden members.
 */
export function visibleSubgraph(graph: TrustGraph, shown: readonly string[]): TrustGraph {
  const members = new MemberIndex();
  for (const id of shown) members.intern(id);
  const ties = new TieBuffer(members);
  for (const id of shown) {
    const v = graph.nodeOf(id);
    if (v < 0) continue;
    for (let p = graph.outStart[v]; p < graph.outStart[v + 1]; p++) {
      const target = String(graph.idOf(graph.outTarget[p]));
      if (members.lookup(target) >= 0) ties.add(id, target, graph.outWeight[p]);
    }
  }
  return graphFromTies(ties.toArrays(), { members });
}

/** Nodes and edges of the community's current network, for the coordinators' map. */
export async function communityNetwork(db: Db, communityId: string): Promise<Network> {
  const [{ graph: whole, builtAt }, members] = await Promise.all([liveGraph(db, communityId), loadGraphMembers(db, communityId)]);
  const shownMembers = members.filter((m) => !m.analyticsOptOut && whole.nodeOf(m.userId) >= 0);
  const hiddenMembers = members.filter((m) => m.analyticsOptOut && whole.nodeOf(m.userId) >= 0).length;
  const graph = visibleSubgraph(whole, shownMembers.map((m) => m.userId));
  const view = undirectedView(graph);
  const found = detectCommunities(graph);
  const nodes: Network['nodes'] = [];
  const areas = new Set<string>();
  for (const m of shownMembers) {
    const node = graph.nodeOf(m.userId);
    const degree = view.start[node + 1] - view.start[node];
    const area = m.showArea && m.area.trim() ? m.area.trim() : null;
    if (area) areas.add(area);
    // A member with no visible ties is a community of one: shown without a community colour.
    nodes.push({ id: m.userId, label: m.displayName, area, community: degree === 0 ? -1 : found.community[node], degree });
  }
  // Edge thickness in thirds of the visible ties' own strengths, so it reads the same in a
  // young neighbourhood and an old one.
  const pairs: { a: number; b: number; weight: number }[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    for (let p = view.start[v]; p < view.start[v + 1]; p++) {
      const u = view.neighbour[p];
      if (u > v) pairs.push({ a: v, b: u, weight: view.weight[p] });
    }
  }
  const sorted = pairs.map((p) => p.weight).sort((x, y) => x - y);
  const low = quantile(sorted, 1 / 3);
  const high = quantile(sorted, 2 / 3);
  const hasTie = (from: number, to: number) => {
    for (let p = graph.outStart[from]; p < graph.outStart[from + 1]; p++) if (graph.outTarget[p] === to) return true;
    return false;
  };
  const edges = pairs.map(({ a, b, weight }) => ({
    source: String(graph.idOf(a)),
    target: String(graph.idOf(b)),
    mutual: hasTie(a, b) && hasTie(b, a),
    strength: weight > high ? 3 : weight > low ? 2 : 1,
  }));
  const communityCount = new Set(nodes.filter((n) => n.community >= 0).map((n) => n.community)).size;
  return { asOf: builtAt.toISOString(), nodes, edges, areas: [...areas].sort((x, y) => x.localeCompare(y)), communityCount, hiddenMembers };
}
