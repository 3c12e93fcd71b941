import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { communities, invites, joinRequests, memberships, users, type Role } from '../../db/schema.ts';
import { AppError, conflict, notFound, isUniqueViolation } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { CommunityInput } from '../../../common/communities.ts';

type CommunityRow = typeof communities.$inferSelect;

/** The public face of a community. */
export function presentCommunity(row: CommunityRow) {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, centreLat: row.centreLat, centreLng: row.centreLng, radiusM: row.radiusM };
}

/** Every community on this Kith, for the join page. */
export async function listCommunities(db: Db) {
  return (await db.select().from(communities).orderBy(asc(communities.name))).map(presentCommunity);
}

/** One community by id; 404 when there is none. */
export async function getCommunity(db: Db, communityId: string) {
  const [row] = await db.select().from(communities).where(eq(communities.id, communityId));
  if (!row) throw notFound('community');
  return presentCommunity(row);
}

/** Creates a community with its creator as the first coordinator. */
export async function createCommunity(db: Db, creatorId: string, input: CommunityInput) {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(communities).values({ ...input, createdBy: creatorId }).returning();
      await tx.insert(memberships).values({ communityId: row.id, userId: creatorId, role: 'coordinator' });
      return presentCommunity(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('community.slug_taken', 'Another community already uses that short name. Please choose another.', 'slug');
    throw error;
  }
}

/** Changes a community's details. */
export async function updateCommunity(db: Db, communityId: string, input: Partial<CommunityInput>) {
  try {
    const [row] = await db.update(communities).set(input).where(eq(communities.id, communityId)).returning();
    if (!row) throw notFound('community');
    return presentCommunity(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('community.slug_taken', 'Another community already uses that short name. Please choose another.', 'slug');
    throw error;
  }
}

async function currentMembership(db: Db, communityId: string, userId: string) {
  const [row] = await db.select().from(memberships).where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
  return row;
}

/** Adds a person to a community, or brings back someone who left; 409 if already in. */
export async function addMember(db: Db, communityId: string, userId: string, role: Role = 'member') {
  const existing = await currentMembership(db, communityId, userId);
  if (existing && existing.status !== 'left') throw conflict('community.already_member', 'You are already a member of this community.');
  if (existing) {
    await db.update(memberships).set({ status: 'active', role, statusReason: '', joinedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
  } else {
    await db.insert(memberships).values({ communityId, userId, role });
  }
}

/** A person asks to join; coordinators decide. */
export async function requestToJoin(db: Db, communityId: string, userId: string, message: string) {
  const existing = await currentMembership(db, communityId, userId);
  if (existing && existing.status !== 'left') throw conflict('community.already_member', 'You are already a member of this community.');
  try {
    const [row] = await db.insert(joinRequests).values({ communityId, userId, message }).returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('community.join_pending', 'You have already asked to join. A coordinator will look at your request soon.');
    throw error;
  }
}

/** The signed-in person's own join requests, so the app can show them as pending. */
export async function listOwnJoinRequests(db: Db, userId: string) {
  return db
    .select({ id: joinRequests.id, communityId: joinRequests.communityId, status: joinRequests.status, createdAt: joinRequests.createdAt })
    .from(joinRequests)
    .where(eq(joinRequests.userId, userId))
    .orderBy(desc(joinRequests.createdAt));
}

/** Join requests of one community, newest first. */
export async function listJoinRequests(db: Db, communityId: string, status: 'pending' | 'approved' | 'declined' | 'withdrawn' = 'pending') {
  const rows = await db
    .select({ id: joinRequests.id, userId: joinRequests.userId, displayName: users.displayName, message: joinRequests.message, status: joinRequests.status, createdAt: joinRequests.createdAt })
    .from(joinRequests)
    .innerJoin(users, eq(users.id, joinRequests.userId))
    .where(and(eq(joinRequests.communityId, communityId), eq(joinRequests.status, status)))
    .orderBy(desc(joinRequests.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** A coordinator approves (the person becomes a member) or declines a pending request. */
export async function decideJoinRequest(db: Db, communityId: string, requestId: string, coordinatorId: string, decision: 'approve' | 'decline') {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .update(joinRequests)
      .set({ status: decision === 'approve' ? 'approved' : 'declined', decidedBy: coordinatorId, decidedAt: new Date() })
      .where(and(eq(joinRequests.id, requestId), eq(joinRequests.communityId, communityId), eq(joinRequests.status, 'pending')))
      .returning();
    if (!request) {
      const [any] = await tx.select({ status: joinRequests.status }).from(joinRequests).where(and(eq(joinRequests.id, requestId), eq(joinRequests.communityId, communityId)));
      if (!any) throw notFound('join_request');
      throw conflict('community.join_decided', `This request has already been ${any.status}.`);
    }
    if (decision === 'approve') await addMember(tx, communityId, request.userId);
    return request;
  });
}

function presentInvite(row: typeof invites.$inferSelect) {
  return { id: row.id, note: row.note, maxUses: row.maxUses, uses: row.uses, expiresAt: row.expiresAt.toISOString(), revoked: row.revokedAt !== null, createdAt: row.createdAt.toISOString() };
}

/** Makes an invitation link; the token is shown once and stored only as a hash. */
export async function createInvite(db: Db, communityId: string, createdBy: string, input: { note: string; maxUses: number; expiresInDays: number }, publicUrl: string) {
  const token = newToken(18);
  const [row] = await db
    .insert(invites)
    .values({ communityId, createdBy, note: input.note, maxUses: input.maxUses, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000) })
    .returning();
  return { ...presentInvite(row), token, url: `${publicUrl}/invite/${token}` };
}

/** A community's invitations, newest first. */
export async function listInvites(db: Db, communityId: string) {
  return (await db.select().from(invites).where(eq(invites.communityId, communityId)).orderBy(desc(invites.createdAt))).map(presentInvite);
}

/** Stops an invitation link from working. */
export async function revokeInvite(db: Db, communityId: string, inviteId: string) {
  const [row] = await db.update(invites).set({ revokedAt: new Date() }).where(and(eq(invites.id, inviteId), eq(invites.communityId, communityId), isNull(invites.revokedAt))).returning();
  if (!row) throw notFound('invite');
  return presentInvite(row);
}

const liveInvite = (token: string) =>
  and(eq(invites.tokenHash, hashToken(token)), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`), lt(invites.uses, invites.maxUses));

/** What an invitation link leads to, for the page that accepts it. */
export async function previewInvite(db: Db, token: string) {
  const [row] = await db.select({ invite: invites, community: communities }).from(invites).innerJoin(communities, eq(communities.id, invites.communityId)).where(liveInvite(token));
  if (!row) throw new AppError('gone', 'invite.invalid', 'This invitation has expired, been used up or been withdrawn. Please ask for a new one.');
  return { community: presentCommunity(row.community), expiresAt: row.invite.expiresAt.toISOString() };
}

/** Uses one place on an invitation and makes the person a member, atomically. */
export async function acceptInvite(db: Db, token: string, userId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(invites).set({ uses: sql`${invites.uses} + 1` }).where(liveInvite(token)).returning();
    if (!row) throw new AppError('gone', 'invite.invalid', 'This invitation has expired, been used up or been withdrawn. Please ask for a new one.');
    await addMember(tx, row.communityId, userId);
    await tx.update(joinRequests).set({ status: 'withdrawn' }).where(and(eq(joinRequests.communityId, row.communityId), eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')));
    return getCommunity(tx, row.communityId);
  });
}

/** The administrator appoints coordinators and officers. */
export async function setRole(db: Db, communityId: string, userId: string, role: Role) {
  const [row] = await db.update(memberships).set({ role, updatedAt: new Date() })
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), sql`${memberships.status} <> 'left'`)).returning();
  if (!row) throw notFound('member');
  return { userId, role: row.role, status: row.status };
}

/** A member leaves a community; their past records stay with it. */
export async function leaveCommunity(db: Db, communityId: string, userId: string) {
  await db.update(memberships).set({ status: 'left', updatedAt: new Date() }).where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
}
