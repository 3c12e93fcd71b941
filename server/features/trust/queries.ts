// What the trust feature reads and writes, always filtered by community. The graph's members
// are the community's current members (suspended ones included: their ties are real) apart
// from council officers, who are staff rather than residents.
import { and, asc, desc, eq, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { interactions, memberships, profiles, trustMeasures, trustRuns, trustScores, users, verifications } from '../../db/schema.ts';

/** A member as the trust feature needs them: for the graph, for naming and for grouping. */
export type GraphMember = {
  userId: string;
  displayName: string;
  kind: 'person' | 'organisation';
  role: 'member' | 'coordinator' | 'officer' | 'organisation';
  status: 'active' | 'suspended' | 'left';
  joinedAt: Date;
  accountSuspended: boolean;
  area: string;
  showArea: boolean;
  showInDirectory: boolean;
  analyticsOptOut: boolean;
  reachOutOk: boolean;
};

/** One row of the interactions table, as the graph builder takes it. */
export type InteractionRow = { id: number; actorId: string; subjectId: string; kind: string; weight: number; occurredAt: Date };

/** Runs hand-written SQL; both drivers answer with `{ rows }`, which the shared Db type cannot say. */
export async function rowsOf<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const graphMembership = (communityId: string) =>
  and(eq(memberships.communityId, communityId), ne(memberships.status, 'left'), ne(memberships.role, 'officer'), isNull(users.deletedAt));

/** The community's graph members with their privacy choices. */
export async function loadGraphMembers(db: Db, communityId: string): Promise<GraphMember[]> {
  const rows = await db
    .select({
      userId: memberships.userId,
      displayName: users.displayName,
      kind: users.kind,
      role: memberships.role,
      status: memberships.status,
      joinedAt: memberships.joinedAt,
      suspendedAt: users.suspendedAt,
      area: profiles.area,
      showArea: profiles.showArea,
      showInDirectory: profiles.showInDirectory,
      analyticsOptOut: profiles.analyticsOptOut,
      reachOutOk: profiles.reachOutOk,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(profiles, eq(profiles.userId, memberships.userId))
    .where(graphMembership(communityId))
    .orderBy(asc(memberships.joinedAt), asc(memberships.userId));
  return rows.map(({ suspendedAt, ...r }) => ({
    ...r,
    accountSuspended: suspendedAt !== null,
    area: r.area ?? '',
    showArea: r.showArea ?? false,
    showInDirectory: r.showInDirectory ?? false,
    // A member without a profile row has made no choice; keep them out of named lists.
    analyticsOptOut: r.analyticsOptOut ?? true,
    reachOutOk: r.reachOutOk ?? false,
  }));
}

/** Every interaction of the community, oldest id first. */
export async function loadInteractions(db: Db, communityId: string): Promise<InteractionRow[]> {
  return db
    .select({ id: interactions.id, actorId: interactions.actorId, subjectId: interactions.subjectId, kind: interactions.kind, weight: interactions.weight, occurredAt: interactions.occurredAt })
    .from(interactions)
    .where(eq(interactions.communityId, communityId))
    .orderBy(asc(interactions.id));
}

/**
 * Members a coordinator has checked in person (identity and address): the pre-trusted set.
 * Only those in good standing now: a verification vouches for the person, not for a membership
 * that was suspended or ended, or an account suspended or deleted since; teleport spread over
 * them would keep pouring trust into whoever they tie to.
 */
export async function loadPreTrusted(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: verifications.subjectId })
    .from(verifications)
    .innerJoin(memberships, and(eq(memberships.communityId, verifications.communityId), eq(memberships.userId, verifications.subjectId)))
    .innerJoin(users, eq(users.id, verifications.subjectId))
    .where(and(
      eq(verifications.communityId, communityId),
      eq(verifications.kind, 'identity_address'),
      eq(memberships.status, 'active'),
      isNull(users.suspendedAt),
      isNull(users.deletedAt),
    ));
  return rows.map((r) => r.userId);
}

/** The stored community trust scores, by member, for a warm start. */
export async function loadScores(db: Db, communityId: string): Promise<Map<string, number>> {
  const rows = await db.select({ userId: trustScores.userId, score: trustScores.score }).from(trustScores).where(eq(trustScores.communityId, communityId));
  return new Map(rows.map((r) => [r.userId, r.score]));
}

/** What changes the live graph: the newest interaction and the membership list. */
export async function graphFingerprint(db: Db, communityId: string): Promise<string> {
  const [row] = await rowsOf<{ last_id: number; members: number; changed: string }>(db, sql`SELECT
      (SELECT coalesce(max(i.id), 0) FROM interactions i WHERE i.community_id = ${communityId}) AS last_id,
      (SELECT count(*) FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.community_id = ${communityId} AND m.status <> 'left' AND m.role <> 'officer' AND u.deleted_at IS NULL) AS members,
      (SELECT coalesce(max(m.updated_at)::text, '') FROM memberships m WHERE m.community_id = ${communityId}) AS changed`);
  return `${Number(row.last_id)}:${Number(row.members)}:${row.changed}`;
}

/** The most recent recompute of a community, if any. */
export async function latestRun(db: Db, communityId: string) {
  const [row] = await db.select().from(trustRuns).where(eq(trustRuns.communityId, communityId)).orderBy(desc(trustRuns.id)).limit(1);
  return row ?? null;
}

/** A recompute as the dashboard and its status show it. */
export function presentRun(run: typeof trustRuns.$inferSelect) {
  return { finishedAt: run.finishedAt.toISOString(), reason: run.reason, iterations: run.iterations, members: run.members, ties: run.ties, durationMs: run.durationMs };
}

/** The stored monthly measures, oldest month first. */
export async function loadMeasures(db: Db, communityId: string) {
  return db.select().from(trustMeasures).where(eq(trustMeasures.communityId, communityId)).orderBy(asc(trustMeasures.month));
}

/** Which months already have stored measures ('YYYY-MM-01'). */
export async function storedMonths(db: Db, communityId: string): Promise<Set<string>> {
  const rows = await db.select({ month: trustMeasures.month }).from(trustMeasures).where(eq(trustMeasures.communityId, communityId));
  return new Set(rows.map((r) => r.month));
}

/**
 * Members the viewer may see named: active, account in good standing, listed in the
 * directory, not opted out of analytics, and not blocked by or blocking the viewer.
 */
export async function nameableFor(db: Db, communityId: string, viewerId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(and(
      eq(memberships.communityId, communityId),
      eq(memberships.status, 'active'),
      isNull(users.deletedAt),
      isNull(users.suspendedAt),
      eq(profiles.showInDirectory, true),
      eq(profiles.analyticsOptOut, false),
      sql`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${viewerId}::uuid AND b.blocked_id = ${users.id}) OR (b.blocker_id = ${users.id} AND b.blocked_id = ${viewerId}::uuid))`,
    ));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

/** A current member of the community (any role, not left, account not deleted), or null. */
export async function findCurrentMember(db: Db, communityId: string, userId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, displayName: users.displayName, role: memberships.role, status: memberships.status, kind: users.kind, analyticsOptOut: profiles.analyticsOptOut })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), ne(memberships.status, 'left'), isNull(users.deletedAt)));
  return row ?? null;
}
