// "How you're connected": personal trust from the viewer, put into words, with the strongest
// short paths and the people both know, naming only people the viewer may see. Also the one
// place other features ask how strongly two members are connected (connectionStrength).
import { computePersonalTrust, explainConnection, type PersonalTrust } from '../../../trust/index.ts';
import type { Db } from '../../db/client.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import type { Connection, ConnectionBand } from '../../../common/trust.ts';
import { liveGraph } from './graph.ts';
import { blockedEitherWay } from '../moderation/blocks.ts';
import { findCurrentMember, nameableFor } from './queries.ts';

const MAX_PATHS = 3;
const MAX_CONTACTS_LISTED = 6;

/**
 * Strength of the viewer's personal trust in each member, relative to the member they trust
 * most: 1 for their closest contact, near 0 for people their ties barely reach. Relative,
 * because raw personalised scores shrink as a neighbourhood grows.
 */
function relativeStrength(personal: PersonalTrust): (node: number) => number {
  let best = 0;
  const byNode = new Map<number, number>();
  for (let j = 0; j < personal.nodes.length; j++) {
    const node = personal.nodes[j];
    if (node === personal.viewer) continue;
    byNode.set(node, personal.scores[j]);
    if (personal.scores[j] > best) best = personal.scores[j];
  }
  return (node) => (best > 0 ? Math.min(1, (byNode.get(node) ?? 0) / best) : 0);
}

/**
 * The words for a strength. Close: among the people the viewer trusts most, or a two-way tie
 * of some weight. Connected: a tie either way, or someone both know and a fair share of trust.
 * Distant: reached only through longer chains, or only faintly.
 */
export function bandFor(strength: number, tie: { direct: boolean; reciprocated: boolean; paths: number; sharedContacts: number }): Exclude<ConnectionBand, 'private'> {
  if (strength >= 0.5 || (tie.direct && tie.reciprocated && strength >= 0.25)) return 'close';
  if (tie.direct || tie.reciprocated || (tie.sharedContacts > 0 && strength >= 0.1)) return 'connected';
  if (strength > 0 || tie.paths > 0) return 'distant';
  return 'not_connected';
}

/** How the viewer is connected to another member of the community, in words and names. */
export async function describeConnection(db: Db, communityId: string, viewerId: string, targetId: string): Promise<Connection> {
  if (targetId === viewerId) throw invalid('connection.self', 'This is your own profile: choose someone else to see how you are connected.', 'userId');
  const target = await findCurrentMember(db, communityId, targetId);
  if (!target || (await blockedEitherWay(db, viewerId, targetId))) throw notFound('member');
  const { graph, builtAt } = await liveGraph(db, communityId);
  const asOf = builtAt.toISOString();
  const about = { id: target.userId, displayName: target.displayName };
  const empty = { person: about, direct: false, reciprocated: false, paths: [], mutualContacts: [], moreMutualContacts: 0, asOf };
  // Their choice to stay out of analysis covers being explained to others, too.
  if (target.analyticsOptOut !== false) return { band: 'private', ...empty };
  if (graph.nodeOf(viewerId) < 0 || graph.nodeOf(targetId) < 0) return { band: 'not_connected', ...empty };

  const names = await nameableFor(db, communityId, viewerId);
  const explanation = explainConnection(graph, viewerId, targetId, {
    maxPaths: MAX_PATHS,
    maxContacts: Number.MAX_SAFE_INTEGER,
    canName: (id) => names.has(String(id)),
  });
  const strength = relativeStrength(computePersonalTrust(graph, viewerId))(graph.nodeOf(targetId));
  const person = (id: string | number) => ({ id: String(id), displayName: names.get(String(id))! });
  // Mutual contacts the viewer may not see are only counted by the engine: never reported.
  const visibleContacts = explanation.mutualContacts.filter((id) => names.has(String(id)));
  return {
    person: about,
    band: bandFor(strength, {
      direct: explanation.direct,
      reciprocated: explanation.reciprocated,
      paths: explanation.paths.length + explanation.hiddenPathCount,
      sharedContacts: explanation.mutualContacts.length + explanation.otherMutualCount,
    }),
    direct: explanation.direct,
    reciprocated: explanation.reciprocated,
    paths: explanation.paths.map((p) => ({ via: p.members.slice(1, -1).map(person) })),
    mutualContacts: visibleContacts.slice(0, MAX_CONTACTS_LISTED).map(person),
    moreMutualContacts: Math.max(0, visibleContacts.length - MAX_CONTACTS_LISTED),
    asOf,
  };
}

/**
 * How strongly `viewerId` is connected to each of `otherIds`, from 0 (no connection through
 * anyone) to 1 (their closest contact), from personal trust on the community's live graph.
 * For ranking and gating inside the server only: never show the number to anyone.
 */
export async function connectionStrength(db: Db, communityId: string, viewerId: string, otherIds: readonly string[]): Promise<Map<string, number>> {
  const result = new Map(otherIds.map((id) => [id, 0]));
  if (otherIds.length === 0) return result;
  const { graph } = await liveGraph(db, communityId);
  if (graph.nodeOf(viewerId) < 0) return result;
  const strength = relativeStrength(computePersonalTrust(graph, viewerId));
  for (const id of result.keys()) {
    const node = graph.nodeOf(id);
    if (node >= 0 && id !== viewerId) result.set(id, strength(node));
  }
  return result;
}
