// Organisation accounts: a users row of kind 'organisation' (no email or password, so nobody
// signs in as it), a profile, a membership with role 'organisation', and the named members
// who act for it (organisation_agents). Other features ask isOrganisationAgent before letting
// someone act on an organisation's behalf.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, organisationAgents, profiles, users } from '../../db/schema.ts';
import { conflict, invalid, notFound, isUniqueViolation } from '../../lib/errors.ts';
import type { AgentInput, NewOrganisationBody, Organisation, OrganisationAgent, OrganisationUpdate } from '../../../common/organisations.ts';

/** The people acting for one organisation in a community, by name. */
export async function listAgents(db: Db, communityId: string, organisationId: string): Promise<OrganisationAgent[]> {
  const rows = await db
    .select({ userId: organisationAgents.userId, displayName: users.displayName, title: organisationAgents.title, since: organisationAgents.createdAt })
    .from(organisationAgents)
    .innerJoin(users, eq(users.id, organisationAgents.userId))
    .where(and(eq(organisationAgents.communityId, communityId), eq(organisationAgents.organisationId, organisationId)))
    .orderBy(asc(users.displayName));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** True when `userId` acts for `organisationId` in this community. */
export async function isOrganisationAgent(db: Db, communityId: string, organisationId: string, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: organisationAgents.userId }).from(organisationAgents)
    .where(and(eq(organisationAgents.communityId, communityId), eq(organisationAgents.organisationId, organisationId), eq(organisationAgents.userId, userId)));
  return row !== undefined;
}

/** The organisations a member acts for in a community. */
export async function organisationsActedForBy(db: Db, communityId: string, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(organisationAgents)
    .innerJoin(users, eq(users.id, organisationAgents.organisationId))
    .where(and(eq(organisationAgents.communityId, communityId), eq(organisationAgents.userId, userId)))
    .orderBy(asc(users.displayName));
}

const organisationColumns = {
  id: users.id,
  name: users.displayName,
  bio: profiles.bio,
  area: profiles.area,
  status: memberships.status,
  createdAt: users.createdAt,
};

const isOrganisationHere = (communityId: string) =>
  and(eq(memberships.communityId, communityId), eq(memberships.role, 'organisation'), eq(users.kind, 'organisation'), sql`${memberships.status} <> 'left'`);

/** Every organisation in a community with the people who act for it. */
export async function listOrganisations(db: Db, communityId: string): Promise<Organisation[]> {
  const rows = await db
    .select(organisationColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(isOrganisationHere(communityId))
    .orderBy(asc(users.displayName));
  if (rows.length === 0) return [];
  const agents = await db
    .select({ organisationId: organisationAgents.organisationId, userId: organisationAgents.userId, displayName: users.displayName, title: organisationAgents.title, since: organisationAgents.createdAt })
    .from(organisationAgents)
    .innerJoin(users, eq(users.id, organisationAgents.userId))
    .where(and(eq(organisationAgents.communityId, communityId), inArray(organisationAgents.organisationId, rows.map((r) => r.id))))
    .orderBy(asc(users.displayName));
  return rows.map((row) => ({
    ...row,
    status: row.status as 'active' | 'suspended',
    createdAt: row.createdAt.toISOString(),
    agents: agents.filter((a) => a.organisationId === row.id).map(({ organisationId: _o, since, ...a }) => ({ ...a, since: since.toISOString() })),
  }));
}

/**
 * One organisation of the community, locking its membership row so that changes to its agents
 * are made one at a time (two removals at once cannot leave it with nobody); 404 otherwise.
 */
async function lockOrganisation(tx: Db, communityId: string, organisationId: string) {
  const [row] = await tx
    .select(organisationColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(and(isOrganisationHere(communityId), eq(memberships.userId, organisationId)))
    .for('update', { of: memberships });
  if (!row) throw notFound('organisation');
  return row;
}

async function getOrganisation(db: Db, communityId: string, organisationId: string): Promise<Organisation> {
  const found = (await listOrganisations(db, communityId)).find((o) => o.id === organisationId);
  if (!found) throw notFound('organisation');
  return found;
}

/** Checks that every agent is an active person in the community; 400 naming the first who is not. */
async function checkAgents(db: Db, communityId: string, agents: readonly AgentInput[], field: (index: number) => string) {
  const ids = agents.map((a) => a.userId);
  const rows = ids.length === 0 ? [] : await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), inArray(memberships.userId, ids), eq(memberships.status, 'active'), eq(users.kind, 'person'), sql`${users.deletedAt} IS NULL`));
  const ok = new Set(rows.map((r) => r.id));
  const bad = ids.findIndex((id) => !ok.has(id));
  if (bad >= 0) {
    throw invalid('organisation.agent_not_member', 'Only active members of this community can act for an organisation. Please choose someone who is.', field(bad));
  }
}

async function checkNameFree(db: Db, communityId: string, name: string, except?: string) {
  // Two coordinators naming two organisations alike at once: the second waits, then sees the first.
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`organisation:${communityId}:${name.toLowerCase()}`}))`);
  const [clash] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(isOrganisationHere(communityId), sql`lower(${users.displayName}) = lower(${name})`, except ? sql`${users.id} <> ${except}` : undefined));
  if (clash) throw conflict('organisation.name_taken', 'There is already an organisation with that name in this community.', 'name');
}

/** A coordinator creates an organisation account and names who acts for it, in one transaction. */
export async function createOrganisation(db: Db, communityId: string, input: NewOrganisationBody): Promise<Organisation> {
  // The same person named twice acts once, with the last title given.
  const agents = [...new Map(input.agents.map((a) => [a.userId, a])).values()];
  await checkAgents(db, communityId, input.agents, (i) => `agents.${i}.userId`);
  const id = await db.transaction(async (tx) => {
    await checkNameFree(tx, communityId, input.name);
    const [user] = await tx.insert(users).values({ kind: 'organisation', displayName: input.name }).returning({ id: users.id });
    await tx.insert(profiles).values({ userId: user.id, bio: input.bio, area: input.area, contactByApp: true });
    await tx.insert(memberships).values({ communityId, userId: user.id, role: 'organisation' });
    await tx.insert(organisationAgents).values(agents.map((a) => ({ communityId, organisationId: user.id, userId: a.userId, title: a.title })));
    return user.id;
  });
  return getOrganisation(db, communityId, id);
}

/** A coordinator changes an organisation's name, description or area. */
export async function updateOrganisation(db: Db, communityId: string, organisationId: string, input: OrganisationUpdate): Promise<Organisation> {
  await db.transaction(async (tx) => {
    await lockOrganisation(tx, communityId, organisationId);
    if (input.name !== undefined) {
      await checkNameFree(tx, communityId, input.name, organisationId);
      await tx.update(users).set({ displayName: input.name, updatedAt: new Date() }).where(eq(users.id, organisationId));
    }
    await tx.update(profiles).set({ bio: input.bio, area: input.area, updatedAt: new Date() }).where(eq(profiles.userId, organisationId));
  });
  return getOrganisation(db, communityId, organisationId);
}

/** Names another member who acts for the organisation; 409 if they already do. */
export async function addAgent(db: Db, communityId: string, organisationId: string, input: AgentInput): Promise<Organisation> {
  try {
    await db.transaction(async (tx) => {
      await lockOrganisation(tx, communityId, organisationId);
      await checkAgents(tx, communityId, [input], () => 'userId');
      if (await isOrganisationAgent(tx, communityId, organisationId, input.userId)) throw agentExists();
      await tx.insert(organisationAgents).values({ communityId, organisationId, userId: input.userId, title: input.title });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw agentExists();
    throw error;
  }
  return getOrganisation(db, communityId, organisationId);
}

const agentExists = () => conflict('organisation.agent_exists', 'That person already acts for this organisation.', 'userId');

/** Stops a member acting for the organisation; the last one cannot be removed. */
export async function removeAgent(db: Db, communityId: string, organisationId: string, userId: string): Promise<Organisation> {
  await db.transaction(async (tx) => {
    await lockOrganisation(tx, communityId, organisationId);
    const current = await listAgents(tx, communityId, organisationId);
    if (!current.some((a) => a.userId === userId)) throw notFound('organisation_agent');
    if (current.length === 1) {
      throw conflict('organisation.last_agent', 'An organisation needs at least one person acting for it. Add someone else first, then remove this person.');
    }
    await tx.delete(organisationAgents).where(and(eq(organisationAgents.communityId, communityId), eq(organisationAgents.organisationId, organisationId), eq(organisationAgents.userId, userId)));
  });
  return getOrganisation(db, communityId, organisationId);
}
