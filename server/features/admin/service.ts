import { and, asc, count, desc, eq, ilike, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { communities, memberships, moderationActions, outbox, users, type Role } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import type { PageQuery } from '../../../common/admin.ts';

/** Serialises every change that could leave the instance without an administrator. */
export const ADMIN_LOCK = 4_242_003;

/** A LIKE pattern that matches `text` literally anywhere. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const pageOf = <T>(items: T[], total: number, query: PageQuery) => ({ items, total, page: query.page, pageSize: query.pageSize });

function presentMail(row: typeof outbox.$inferSelect) {
  return {
    id: row.id,
    toAddress: row.toAddress,
    subject: row.subject,
    transport: row.transport,
    sentAt: row.sentAt?.toISOString() ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The mail Kith has sent or kept, newest first; optionally only mail to one address. */
export async function listOutbox(db: Db, query: PageQuery & { to?: string }) {
  const where = query.to ? sql`lower(${outbox.toAddress}) = lower(${query.to})` : undefined;
  const [{ total }] = await db.select({ total: count() }).from(outbox).where(where);
  const rows = await db.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return pageOf(rows.map(presentMail), total, query);
}

/** One mail with its body, so an administrator can follow a link in development. */
export async function getMail(db: Db, mailId: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, mailId));
  if (!row) throw notFound('mail');
  return { ...presentMail(row), body: row.body };
}

// Drizzle leaves columns unqualified in a one-table select, so these correlated subqueries
// name their tables outright.
// The reason given for the latest account suspension, read from the moderation record.
const suspensionReason = sql<string | null>`(
  SELECT ma.reason FROM moderation_actions ma
  WHERE ma.subject_id = "users"."id" AND ma.action = 'suspend_account'
  ORDER BY ma.created_at DESC LIMIT 1)`;
const communityCount = sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.user_id = "users"."id" AND m.status <> 'left')`;

const userColumns = {
  id: users.id,
  kind: users.kind,
  displayName: users.displayName,
  email: users.email,
  isAdmin: users.isAdmin,
  suspendedAt: users.suspendedAt,
  suspensionReason,
  communityCount,
  createdAt: users.createdAt,
};

type UserRow = { id: string; kind: 'person' | 'organisation'; displayName: string; email: string | null; isAdmin: boolean; suspendedAt: Date | null; suspensionReason: string | null; communityCount: number; createdAt: Date };

function presentUser(row: UserRow) {
  return {
    ...row,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    suspensionReason: row.suspendedAt ? (row.suspensionReason ?? '') : null,
    communityCount: Number(row.communityCount),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Accounts on this Kith (deleted ones are anonymised and left out), searched by name or email. */
export async function listUsers(db: Db, query: PageQuery & { q: string; filter: 'all' | 'admins' | 'suspended' }) {
  const filters: (SQL | undefined)[] = [isNull(users.deletedAt)];
  if (query.q) filters.push(or(ilike(users.displayName, containing(query.q)), ilike(users.email, containing(query.q))));
  if (query.filter === 'admins') filters.push(eq(users.isAdmin, true));
  if (query.filter === 'suspended') filters.push(isNotNull(users.suspendedAt));
  const where = and(...filters);
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db.select(userColumns).from(users).where(where).orderBy(asc(users.displayName), asc(users.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize);
  return pageOf(rows.map(presentUser), total, query);
}

/** One account as the administrator sees it; 404 for unknown or deleted accounts. */
export async function getUser(db: Db, userId: string) {
  const [row] = await db.select(userColumns).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!row) throw notFound('account');
  return presentUser(row);
}

/**
 * Suspends an account everywhere: the person can still sign in, read, and download or delete
 * their data, but cannot change anything (server/lib/access.ts).
 */
export async function suspendAccount(db: Db, adminId: string, userId: string, reason: string) {
  if (adminId === userId) throw forbidden('admin.suspend_self', 'You cannot suspend your own account.');
  return db.transaction(async (tx) => {
    const current = await getUser(tx, userId);
    if (current.suspendedAt) throw conflict('account.already_suspended', 'This account is already suspended.');
    await tx.update(users).set({ suspendedAt: new Date(), updatedAt: new Date() }).where(and(eq(users.id, userId), isNull(users.suspendedAt)));
    await tx.insert(moderationActions).values({ actorId: adminId, subjectId: userId, action: 'suspend_account', reason });
    return getUser(tx, userId);
  });
}

/** Lifts an account suspension; 409 when the account is not suspended. */
export async function reinstateAccount(db: Db, adminId: string, userId: string, reason: string) {
  return db.transaction(async (tx) => {
    const current = await getUser(tx, userId);
    if (!current.suspendedAt) throw conflict('account.not_suspended', 'This account is not suspended.');
    await tx.update(users).set({ suspendedAt: null, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.insert(moderationActions).values({ actorId: adminId, subjectId: userId, action: 'reinstate_account', reason });
    return getUser(tx, userId);
  });
}

/** Administrators who can still act: not deleted, not suspended. */
export async function countActiveAdmins(db: Db, except?: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.deletedAt), isNull(users.suspendedAt), except ? ne(users.id, except) : undefined));
  return n;
}

/**
 * Grants or removes administrator rights. Unchanged when already so. Removing the last active
 * administrator is refused (409), under a lock so two administrators removing each other at
 * once cannot both succeed.
 */
export async function setAdmin(db: Db, adminId: string, userId: string, isAdmin: boolean, reason: string) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`);
    const current = await getUser(tx, userId);
    if (current.isAdmin === isAdmin) return current;
    if (isAdmin && current.kind === 'organisation') {
      throw conflict('admin.organisation', 'An organisation account cannot be an administrator. Choose a person who acts for it.');
    }
    if (!isAdmin && (await countActiveAdmins(tx, userId)) === 0) {
      throw conflict('admin.last_admin', 'This is the last administrator. Make someone else an administrator first.');
    }
    await tx.update(users).set({ isAdmin, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.insert(moderationActions).values({ actorId: adminId, subjectId: userId, action: isAdmin ? 'grant_admin' : 'revoke_admin', reason });
    return getUser(tx, userId);
  });
}

const roleCount = (role: Role) =>
  sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.community_id = "communities"."id" AND m.status <> 'left' AND m.role = ${role})`;

/** Every community with how many members, coordinators and officers it has. */
export async function listCommunitiesForAdmin(db: Db) {
  const rows = await db
    .select({
      id: communities.id,
      slug: communities.slug,
      name: communities.name,
      memberCount: sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.community_id = "communities"."id" AND m.status <> 'left')`,
      coordinatorCount: roleCount('coordinator'),
      officerCount: roleCount('officer'),
      createdAt: communities.createdAt,
    })
    .from(communities)
    .orderBy(asc(communities.name));
  return rows.map((r) => ({
    ...r,
    memberCount: Number(r.memberCount),
    coordinatorCount: Number(r.coordinatorCount),
    officerCount: Number(r.officerCount),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A community's current members with their roles, for appointing coordinators and officers. */
export async function listCommunityMembers(db: Db, communityId: string, query: PageQuery & { q: string; role?: Role }) {
  const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId));
  if (!community) throw notFound('community');
  const filters: (SQL | undefined)[] = [eq(memberships.communityId, communityId), ne(memberships.status, 'left'), isNull(users.deletedAt)];
  if (query.q) filters.push(or(ilike(users.displayName, containing(query.q)), ilike(users.email, containing(query.q))));
  if (query.role) filters.push(eq(memberships.role, query.role));
  const where = and(...filters);
  const [{ total }] = await db.select({ total: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where);
  const rows = await db
    .select({
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      kind: users.kind,
      role: memberships.role,
      status: memberships.status,
      statusReason: memberships.statusReason,
      joinedAt: memberships.joinedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    // Coordinators and officers first: they are who the administrator is usually looking for.
    .orderBy(sql`CASE ${memberships.role} WHEN 'coordinator' THEN 0 WHEN 'officer' THEN 1 WHEN 'organisation' THEN 2 ELSE 3 END`, asc(users.displayName), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = rows.map((r) => ({ ...r, status: r.status as 'active' | 'suspended', joinedAt: r.joinedAt.toISOString() }));
  return pageOf(items, total, query);
}
