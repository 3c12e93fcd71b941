import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';
import { measureDegrees, type DegreeMeasures } from './degree-measures.ts';
import { measureReciprocity } from './reciprocity.ts';
import { measureClustering } from './clustering.ts';
import { measureBondingBridging, type BondingBridging } from './bonding-bridging.ts';
import { measureBrokerage } from './brokerage.ts';
import { measureBetweenness } from './betweenness.ts';
import { detectCommunities, type Communities } from './louvain.ts';

/** Options for the social-capital report. */
export interface SocialCapitalOptions {
  /** Labellings to measure bonding and bridging over, e.g. { area: id => areaOf(id) }. */
  groupings?: Readonly<Record<string, (id: MemberId) => string | undefined>>;
  /** Sources for sampled betweenness (default: exact up to 5,000 members, else a budget of about 10^8 tie visits). */
  betweennessSamples?: number;
  /** How many connectors to list (default 10). */
  topConnectors?: number;
}

/** A member who links others: high betweenness, large effective size, low constraint. */
export interface Connector {
  member: MemberId;
  betweenness: number;
  effectiveSize: number;
  constraint: number;
}

/** The social-capital measures of one community at one time. */
export interface SocialCapital {
  degrees: DegreeMeasures;
  reciprocity: number;
  clustering: { triangles: number; transitivity: number; averageLocal: number };
  bondingBridging: Record<string, BondingBridging>;
  connectors: Connector[];
  betweenness: { exact: boolean; sources: number; normalisedErrorBound: number };
  communities: Communities;
}

/** Computes every social-capital measure for a graph (isolation, degrees, reciprocity, clustering, bonding/bridging, connectors, communities). */
export function measureSocialCapital(graph: TrustGraph, options: SocialCapitalOptions = {}): SocialCapital {
  const clustering = measureClustering(graph);
  const brokerage = measureBrokerage(graph);
  const betweenness = measureBetweenness(graph, { samples: options.betweennessSamples });
  const top = options.topConnectors ?? 10;
  const nodes: number[] = [];
  for (let v = 0; v < graph.nodeCount; v++) nodes.push(v);
  nodes.sort((a, b) => betweenness.scores[b] - betweenness.scores[a] || brokerage.constraint[a] - brokerage.constraint[b] || a - b);
  const bondingBridging: Record<string, BondingBridging> = {};
  for (const [name, groupOf] of Object.entries(options.groupings ?? {})) bondingBridging[name] = measureBondingBridging(graph, groupOf);
  return {
    degrees: measureDegrees(graph),
    reciprocity: measureReciprocity(graph),
    clustering: { triangles: clustering.triangles, transitivity: clustering.transitivity, averageLocal: clustering.averageLocal },
    bondingBridging,
    connectors: nodes.slice(0, top).filter((v) => betweenness.scores[v] > 0).map((v) => ({
      member: graph.idOf(v),
      betweenness: betweenness.scores[v],
      effectiveSize: brokerage.effectiveSize[v],
      constraint: brokerage.constraint[v],
    })),
    betweenness: { exact: betweenness.exact, sources: betweenness.sources, normalisedErrorBound: betweenness.normalisedErrorBound },
    communities: detectCommunities(graph),
  };
}
