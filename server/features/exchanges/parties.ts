// Who takes part in the time bank and who may act for whom. An organisation has no password:
// its agents (organisation_agents) act for it, so "is this my exchange?" means "is it mine or
// an organisation's I act for?".
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, organisationAgents, users } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { organisationsActedForBy } from '../organisations/service.ts';

export type Party = {
  id: string;
  displayName: string;
  kind: 'person' | 'organisation';
  role: 'member' | 'coordinator' | 'officer' | 'organisation';
  status: 'active' | 'suspended' | 'left';
  /** The whole account is suspended or deleted (not just this membership). */
  blocked: boolean;
};

/** The members of a community among `userIds`, by id; people who are not members are absent. */
export async function loadParties(db: Db, communityId: string, userIds: readonly string[]): Promise<Map<string, Party>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, kind: users.kind, suspendedAt: users.suspendedAt, deletedAt: users.deletedAt, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), inArray(memberships.userId, ids)));
  return new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.displayName, kind: r.kind, role: r.role, status: r.status, blocked: r.suspendedAt !== null || r.deletedAt !== null }]));
}

/**
 * Members who can take part in an exchange now: 404 when one is not a member of this community
 * (so ids from elsewhere reveal nothing), 409 when one left or is suspended.
 */
export async function requireActiveParties(db: Db, communityId: string, userIds: readonly string[], field?: string): Promise<Map<string, Party>> {
  const parties = await loadParties(db, communityId, userIds);
  for (const id of userIds) {
    const party = parties.get(id);
    if (!party || party.status === 'left') throw new AppError('not_found', 'member.not_found', 'We could not find that member in this community.', field);
    if (party.status === 'suspended' || party.blocked) {
      throw new AppError('conflict', 'member.unavailable', `${party.displayName} cannot take part in exchanges at the moment. Please ask a coordinator.`, field);
    }
  }
  return parties;
}

/** Names of those among `userIds` who cannot take part now: suspended, gone from the community, or account closed. */
export async function partiesAway(db: Db, communityId: string, userIds: readonly string[]): Promise<string[]> {
  const parties = await loadParties(db, communityId, userIds);
  return userIds.flatMap((id) => {
    const party = parties.get(id);
    if (!party) return ['A former member'];
    return party.status !== 'active' || party.blocked ? [party.displayName] : [];
  });
}

/** One member who can take part in an exchange now (see requireActiveParties). */
export async function requireActiveParty(db: Db, communityId: string, userId: string, field?: string): Promise<Party> {
  return (await requireActiveParties(db, communityId, [userId], field)).get(userId)!;
}

/** The identities a person may act as in a community: themselves and the organisations they act for. */
export async function actingIdentities(db: Db, communityId: string, userId: string): Promise<string[]> {
  return [userId, ...(await organisationsActedForBy(db, communityId, userId)).map((o) => o.id)];
}

/** Resolves "act as this organisation" to the organisation's id, or the person themselves; 403 if they are not its agent. */
export async function resolveActingAs(db: Db, communityId: string, userId: string, organisationId: string | undefined, field: string): Promise<string> {
  if (!organisationId || organisationId === userId) return userId;
  const identities = await actingIdentities(db, communityId, userId);
  if (!identities.includes(organisationId)) {
    throw forbidden('organisation.not_agent', 'You can only act for an organisation when it has named you as one of its agents.');
  }
  const party = (await loadParties(db, communityId, [organisationId])).get(organisationId);
  if (!party) throw notFound('member');
  if (field && party.status !== 'active') throw new AppError('conflict', 'member.unavailable', `${party.displayName} is not active in this community.`, field);
  return organisationId;
}

/** True when the person is an active coordinator of the community. */
export async function isCoordinator(db: Db, communityId: string, userId: string): Promise<boolean> {
  const party = (await loadParties(db, communityId, [userId])).get(userId);
  return party?.role === 'coordinator' && party.status === 'active' && !party.blocked;
}

/**
 * Who reads notifications for these parties: a person themselves, an organisation its agents.
 * When the caller already knows every party is a person (`kinds`), no query is needed.
 */
export async function peopleBehind(db: Db, communityId: string, partyIds: readonly string[], kinds?: ReadonlyMap<string, 'person' | 'organisation'>): Promise<string[]> {
  const ids = [...new Set(partyIds)];
  if (ids.length === 0 || (kinds && ids.every((id) => kinds.get(id) === 'person'))) return ids;
  const agents = await db
    .select({ organisationId: organisationAgents.organisationId, userId: organisationAgents.userId })
    .from(organisationAgents)
    .where(and(eq(organisationAgents.communityId, communityId), inArray(organisationAgents.organisationId, ids)));
  const represented = new Set(agents.map((a) => a.organisationId));
  return [...new Set([...ids.filter((id) => !represented.has(id)), ...agents.map((a) => a.userId)])];
}

/** The active coordinators of a community, to tell about approvals and disputes. */
export async function coordinatorIds(db: Db, communityId: string): Promise<string[]> {
  const rows = await db.select({ userId: memberships.userId }).from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'coordinator'), eq(memberships.status, 'active')));
  return rows.map((r) => r.userId);
}
