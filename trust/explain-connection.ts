import type { MemberId } from './member-index.ts';
import type { TrustGraph } from './trust-graph.ts';
import { takeWorkspace } from './graph-workspace.ts';

/** Options for explaining a connection. */
export interface ExplainOptions {
  /** How many of the strongest paths to return (default 3). */
  maxPaths?: number;
  /** How many mutual contacts to name (default 10). */
  maxContacts?: number;
  /**
   * Whether a member may be named to this viewer (false for members who opted out of
   * analytics or who blocked or are blocked by the viewer). Paths through a member who may
   * not be named are left out, and mutual contacts who may not be named are only counted.
   */
  canName?: (id: MemberId) => boolean;
}

/** One chain of ties from the viewer to the target. */
export interface TrustPath {
  /** Members along the path, viewer first and target last. */
  members: MemberId[];
  /** Product of the tie shares along the path: the chance a walk of trust follows it. */
  strength: number;
}

/** How a viewer is connected to a target, in terms a profile page can put into words. */
export interface ConnectionExplanation {
  /** The viewer has a tie to the target. */
  direct: boolean;
  /** The target has a tie to the viewer. */
  reciprocated: boolean;
  /** Strongest paths of length at most 3, strongest first. */
  paths: TrustPath[];
  /** Paths of length ≤ 3 left out because they pass through someone who may not be named. */
  hiddenPathCount: number;
  /** People both the viewer and the target have a tie with (either direction), strongest first. */
  mutualContacts: MemberId[];
  /** Further mutual contacts not listed: beyond maxContacts, or not to be named to this viewer. */
  otherMutualCount: number;
}

/**
 * Explains how `viewer` is connected to `target`: the strongest trust paths of up to three
 * ties (meet-in-the-middle over the target's in-ties, so a query costs the viewer's two-step
 * neighbourhood) and the people both have ties with.
 */
export function explainConnection(graph: TrustGraph, viewer: MemberId, target: MemberId, options: ExplainOptions = {}): ConnectionExplanation {
  const s = graph.nodeOf(viewer);
  const t = graph.nodeOf(target);
  if (s < 0) throw new RangeError(`member ${String(viewer)} is not in the graph`);
  if (t < 0) throw new RangeError(`member ${String(target)} is not in the graph`);
  const maxPaths = options.maxPaths ?? 3;
  const maxContacts = options.maxContacts ?? 10;
  const canName = options.canName ?? (() => true);
  const { outStart, outTarget, outWeight, outStrength, inStart, inSource, inWeight } = graph;
  const ws = takeWorkspace(graph);
  const { a: shareToTarget, mark, stamp } = ws;
  // Mark every member with a tie into the target, remembering that tie's share of their trust.
  for (let p = inStart[t]; p < inStart[t + 1]; p++) {
    const u = inSource[p];
    mark[u] = stamp;
    shareToTarget[u] = inWeight[p] / outStrength[u];
  }
  const share = (p: number, u: number): number => outWeight[p] / outStrength[u];
  const nameable = new Map<number, boolean>();
  const named = (v: number): boolean => {
    let ok = nameable.get(v);
    if (ok === undefined) {
      ok = canName(graph.idOf(v));
      nameable.set(v, ok);
    }
    return ok;
  };
  const best: { nodes: number[]; strength: number }[] = [];
  let hiddenPathCount = 0;
  const offer = (nodes: number[], strength: number): void => {
    for (let k = 1; k < nodes.length - 1; k++) {
      if (!named(nodes[k])) {
        hiddenPathCount++;
        return;
      }
    }
    if (best.length === maxPaths && strength <= best[best.length - 1].strength) return;
    let at = best.length;
    while (at > 0 && best[at - 1].strength < strength) at--;
    best.splice(at, 0, { nodes, strength });
    if (best.length > maxPaths) best.pop();
  };
  let direct = false;
  for (let p = outStart[s]; p < outStart[s + 1]; p++) {
    const x = outTarget[p];
    const sx = share(p, s);
    if (x === t) {
      direct = true;
      offer([s, t], sx);
      continue;
    }
    if (mark[x] === stamp) offer([s, x, t], sx * shareToTarget[x]);
    for (let q = outStart[x]; q < outStart[x + 1]; q++) {
      const y = outTarget[q];
      if (y !== s && y !== t && mark[y] === stamp) offer([s, x, y, t], sx * share(q, x) * shareToTarget[y]);
    }
  }
  // Clean the marks on the target's in-neighbours before reusing the workspace below.
  for (let p = inStart[t]; p < inStart[t + 1]; p++) {
    const u = inSource[p];
    mark[u] = 0;
    shareToTarget[u] = 0;
  }
  let reciprocated = false;
  for (let p = outStart[t]; p < outStart[t + 1]; p++) if (outTarget[p] === s) reciprocated = true;
  const { mutualContacts, otherMutualCount } = findMutualContacts(graph, s, t, maxContacts, named);
  return {
    direct,
    reciprocated,
    paths: best.map((b) => ({ members: b.nodes.map((v) => graph.idOf(v)), strength: b.strength })),
    hiddenPathCount,
    mutualContacts,
    otherMutualCount,
  };
}

/** Tie weights between `v` and each neighbour in either direction, summed. */
function neighbourWeights(graph: TrustGraph, v: number): Map<number, number> {
  const weights = new Map<number, number>();
  for (let p = graph.outStart[v]; p < graph.outStart[v + 1]; p++) {
    const u = graph.outTarget[p];
    weights.set(u, (weights.get(u) ?? 0) + graph.outWeight[p]);
  }
  for (let p = graph.inStart[v]; p < graph.inStart[v + 1]; p++) {
    const u = graph.inSource[p];
    weights.set(u, (weights.get(u) ?? 0) + graph.inWeight[p]);
  }
  return weights;
}

function findMutualContacts(
  graph: TrustGraph,
  s: number,
  t: number,
  maxContacts: number,
  named: (v: number) => boolean,
): { mutualContacts: MemberId[]; otherMutualCount: number } {
  const fromViewer = neighbourWeights(graph, s);
  const fromTarget = neighbourWeights(graph, t);
  const mutual: { v: number; strength: number }[] = [];
  let otherMutualCount = 0;
  for (const [v, w] of fromViewer) {
    if (v === t) continue;
    const w2 = fromTarget.get(v);
    if (w2 === undefined) continue;
    if (named(v)) mutual.push({ v, strength: Math.min(w, w2) });
    else otherMutualCount++;
  }
  // The weaker of the two ties is what the contact can vouch for.
  mutual.sort((a, b) => b.strength - a.strength || a.v - b.v);
  return {
    mutualContacts: mutual.slice(0, maxContacts).map((m) => graph.idOf(m.v)),
    otherMutualCount: otherMutualCount + Math.max(0, mutual.length - maxContacts),
  };
}
