// The network map for coordinators: members as nodes (coloured by area or by the community
// Louvain finds), ties as edges. Members who opted out of analytics are not nodes, and their
// ties are not edges: they count only in the dashboard's aggregates. No node carries a score.
import { detectCommunities, undirectedView } from '../../../trust/index.ts';
import type { Db } from '../../db/client.ts';
import type { Network } from '../../../common/trust.ts';
import { liveGraph } from './graph.ts';
import { loadGraphMembers } from './queries.ts';

/** Quantile of sorted values (nearest rank). */
const quantile = (sorted: readonly number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

/** Nodes and edges of the community's current network, for the coordinators' map. */
export async function communityNetwork(db: Db, communityId: string): Promise<Network> {
  const [{ graph, builtAt }, members] = await Promise.all([liveGraph(db, communityId), loadGraphMembers(db, communityId)]);
  const view = undirectedView(graph);
  const found = detectCommunities(graph);
  const shown = new Uint8Array(graph.nodeCount);
  const nodes: Network['nodes'] = [];
  const areas = new Set<string>();
  let hiddenMembers = 0;
  for (const m of members) {
    const node = graph.nodeOf(m.userId);
    if (node < 0) continue;
    if (m.analyticsOptOut) {
      hiddenMembers++;
      continue;
    }
    shown[node] = 1;
    const degree = view.start[node + 1] - view.start[node];
    const area = m.showArea && m.area.trim() ? m.area.trim() : null;
    if (area) areas.add(area);
    // A member with no ties is a community of one: shown without a community colour.
    nodes.push({ id: m.userId, label: m.displayName, area, community: degree === 0 ? -1 : found.community[node], degree });
  }
  // Edge thickness in thirds of the community's own tie strengths, so it reads the same in a
  // young neighbourhood and an old one.
  const pairs: { a: number; b: number; weight: number }[] = [];
  for (let v = 0; v < graph.nodeCount; v++) {
    if (!shown[v]) continue;
    for (let p = view.start[v]; p < view.start[v + 1]; p++) {
      const u = view.neighbour[p];
      if (u > v && shown[u]) pairs.push({ a: v, b: u, weight: view.weight[p] });
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
