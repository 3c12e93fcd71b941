// Vouching and the checks coordinators record. Levels are derived by the pure rules in
// levels.ts from the facts stored here; other features ask for them through
// getVerificationLevel / getVerificationLevels (the time bank gates safeguarding work on them).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { interactions, memberships, users, verifications, vouches, type Role } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound, isUniqueViolation } from '../../lib/errors.ts';
import { DBS_WARNING_DAYS, type CheckBody, type VerificationLevel, type VerificationList, type VerificationSummary } from '../../../common/verification.ts';
import { addDays, formatDate, todayIn } from './dates.ts';
import { computeLevel, describeNextStep, mayVouch, type LevelResult } from './levels.ts';
import { findMember, latestDbsSql, levelSql, listChecks, listVouches, loadFacts, qualifyingVouchesSql } from './queries.ts';

export { levelSql } from './queries.ts';
export { levelAtLeast } from './levels.ts';
export type { LevelResult } from './levels.ts';

/** How strongly each verification act ties two people, for the trust engine. */
// The size of one act; how much each kind counts is the trust engine's KIND_WEIGHTS, in one place.
export const INTERACTION_WEIGHTS = { vouch: 1, verification: 1 } as const;

/** A member's level in a community as of `today` (YYYY-MM-DD, London by default). */
export async function getVerificationLevel(db: Db, communityId: string, userId: string, today: string = todayIn()): Promise<LevelResult> {
  return (await getVerificationLevels(db, communityId, [userId], today)).get(userId)!;
}

/** Levels of many members at once (two queries), for lists. */
export async function getVerificationLevels(db: Db, communityId: string, userIds: readonly string[], today: string = todayIn()): Promise<Map<string, LevelResult>> {
  const facts = await loadFacts(db, communityId, userIds);
  return new Map([...facts].map(([id, f]) => [id, computeLevel(f, today)]));
}

/** Who is looking: their id and standing in the community. */
export type Viewer = { userId: string; role: Role; status: 'active' | 'suspended' | 'left' };

async function requireCurrentMember(db: Db, communityId: string, userId: string) {
  const member = await findMember(db, communityId, userId);
  if (!member || member.status === 'left' || member.deletedAt) throw notFound('member');
  return member;
}

/** A member's verification as `viewer` may see it; 404 for someone not in the community. */
export async function describeVerification(db: Db, communityId: string, subjectId: string, viewer: Viewer, today: string = todayIn()): Promise<VerificationSummary> {
  const subject = await requireCurrentMember(db, communityId, subjectId);
  const isSelf = viewer.userId === subjectId;
  const isCoordinator = viewer.role === 'coordinator' && viewer.status === 'active';
  const [result, viewerResult, vouchRows] = await Promise.all([
    getVerificationLevel(db, communityId, subjectId, today),
    isSelf ? null : getVerificationLevel(db, communityId, viewer.userId, today),
    listVouches(db, communityId, subjectId),
  ]);
  const vouchedByViewer = vouchRows.some((v) => v.voucherId === viewer.userId);
  const viewerCanVouch = !isSelf && viewer.status === 'active' && subject.status === 'active' && !vouchedByViewer && viewerResult !== null && mayVouch(viewerResult.level);
  const seesDetail = isSelf || isCoordinator;
  return {
    userId: subjectId,
    level: result.level,
    vouchCount: result.vouchCount,
    qualifyingVouchCount: result.qualifyingVouchCount,
    vouchedByViewer,
    viewerCanVouch,
    dbsExpiresOn: seesDetail ? result.dbsExpiresOn : null,
    nextStep: seesDetail ? result.nextStep : null,
    vouches: seesDetail
      ? vouchRows.map((v) => ({ id: v.id, voucher: { id: v.voucherId, displayName: v.voucherName }, voucherLevel: v.voucherLevel, note: v.note, createdAt: v.createdAt.toISOString() }))
      : null,
    checks: isCoordinator ? (await listChecks(db, communityId, subjectId)).map((row) => presentCheck(row.check, row.recordedByName, today)) : null,
  };
}

function presentCheck(check: typeof verifications.$inferSelect, recordedByName: string, today: string) {
  return {
    id: check.id,
    kind: check.kind,
    checkedOn: check.checkedOn,
    expiresOn: check.expiresOn,
    reference: check.reference,
    note: check.note,
    current: check.kind !== 'dbs' || (check.expiresOn !== null && check.expiresOn > today),
    recordedBy: { id: check.coordinatorId, displayName: recordedByName },
    createdAt: check.createdAt.toISOString(),
  };
}

/**
 * A verified member vouches for another member of the same community. The vouch records the
 * voucher's level at that moment, and is added to `interactions` in the same transaction.
 */
export async function vouchFor(db: Db, communityId: string, voucherId: string, subjectId: string, note: string, today: string = todayIn()) {
  if (voucherId === subjectId) throw invalid('vouch.self', 'You cannot vouch for yourself. Ask neighbours who know you to vouch for you.', 'userId');
  try {
    return await db.transaction(async (tx) => {
      const subject = await requireCurrentMember(tx, communityId, subjectId);
      const voucher = await getVerificationLevel(tx, communityId, voucherId, today);
      if (!mayVouch(voucher.level)) {
        throw forbidden('vouch.not_verified', 'You can vouch for neighbours once a coordinator has checked your identity and address. Ask a coordinator to arrange it.');
      }
      if (subject.status !== 'active') throw conflict('vouch.subject_suspended', `${subject.displayName}'s membership is suspended, so nobody can vouch for them at the moment.`);
      const [existing] = await tx.select({ id: vouches.id }).from(vouches)
        .where(and(eq(vouches.communityId, communityId), eq(vouches.voucherId, voucherId), eq(vouches.subjectId, subjectId)));
      if (existing) throw duplicateVouch(subject.displayName);
      const [row] = await tx.insert(vouches).values({ communityId, voucherId, subjectId, voucherLevel: voucher.level, note }).returning();
      await tx.insert(interactions).values({
        communityId, actorId: voucherId, subjectId, kind: 'vouch', weight: INTERACTION_WEIGHTS.vouch, occurredAt: row.createdAt, sourceType: 'vouch', sourceId: row.id,
      });
      const after = await getVerificationLevel(tx, communityId, subjectId, today);
      return { id: row.id, subjectId, createdAt: row.createdAt.toISOString(), level: after.level, vouchCount: after.vouchCount, qualifyingVouchCount: after.qualifyingVouchCount };
    });
  } catch (error) {
    // Two vouches racing: the unique constraint decides, and the loser hears why.
    if (isUniqueViolation(error)) throw duplicateVouch('this member');
    throw error;
  }
}

const duplicateVouch = (name: string) => conflict('vouch.duplicate', `You have already vouched for ${name}. A vouch counts once.`);

/**
 * A coordinator records an identity and address check or a DBS check for a member, appended to
 * the check history and to `interactions` in one transaction.
 */
export async function recordCheck(db: Db, communityId: string, coordinatorId: string, subjectId: string, input: CheckBody, today: string = todayIn()) {
  if (coordinatorId === subjectId) throw invalid('verification.self', 'Another coordinator needs to record your own checks.', 'userId');
  if (input.checkedOn > today) throw invalid('verification.future_date', 'The date of the check cannot be in the future.', 'checkedOn');
  if (input.kind === 'dbs') {
    if (input.expiresOn <= input.checkedOn) throw invalid('verification.expiry_before_check', 'The expiry date must be after the date of the check.', 'expiresOn');
    if (input.expiresOn <= today) {
      throw invalid('verification.already_expired', `This DBS check expired on ${formatDate(input.expiresOn)}. Only a check that is still valid can be recorded.`, 'expiresOn');
    }
  }
  return db.transaction(async (tx) => {
    const subject = await requireCurrentMember(tx, communityId, subjectId);
    if (input.kind === 'dbs' && subject.kind === 'organisation') {
      throw invalid('verification.dbs_person_only', 'DBS checks are for people. Record them for the people who act for the organisation.', 'kind');
    }
    if (input.kind === 'dbs') {
      const [same] = await tx.select({ id: verifications.id }).from(verifications)
        .where(and(eq(verifications.communityId, communityId), eq(verifications.subjectId, subjectId), eq(verifications.kind, 'dbs'), sql`lower(${verifications.reference}) = lower(${input.reference})`));
      if (same) throw conflict('verification.duplicate_dbs', 'This DBS certificate is already recorded for this member.', 'reference');
    }
    const [row] = await tx.insert(verifications).values({
      communityId,
      subjectId,
      coordinatorId,
      kind: input.kind,
      checkedOn: input.checkedOn,
      expiresOn: input.kind === 'dbs' ? input.expiresOn : null,
      reference: input.kind === 'dbs' ? input.reference : '',
      note: input.note,
    }).returning();
    await tx.insert(interactions).values({
      communityId, actorId: coordinatorId, subjectId, kind: 'verification', weight: INTERACTION_WEIGHTS.verification, occurredAt: row.createdAt, sourceType: 'verification', sourceId: row.id,
    });
    const [coordinator] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, coordinatorId));
    const after = await getVerificationLevel(tx, communityId, subjectId, today);
    return { check: presentCheck(row, coordinator.displayName, today), level: after.level };
  });
}

/** The coordinators' list of members by verification, filtered and paged in the database. */
export async function listVerification(
  db: Db,
  communityId: string,
  query: { q?: string; level?: VerificationLevel; dbs?: 'current' | 'expiring' | 'expired'; limit: number; offset: number },
  today: string = todayIn(),
): Promise<VerificationList> {
  const level = levelSql(communityId, memberships.userId, today);
  const dbsExpiresOn = latestDbsSql(communityId, memberships.userId);
  const qualifying = qualifyingVouchesSql(communityId, memberships.userId);
  const filters: SQL[] = [
    eq(memberships.communityId, communityId),
    inArray(memberships.status, ['active', 'suspended']),
    sql`${users.deletedAt} IS NULL`,
  ];
  if (query.q) filters.push(sql`${users.displayName} ILIKE ${'%' + query.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (query.level) filters.push(sql`${level} = ${query.level}`);
  if (query.dbs === 'current') filters.push(sql`${dbsExpiresOn} > ${today}`);
  if (query.dbs === 'expiring') filters.push(sql`${dbsExpiresOn} > ${today} AND ${dbsExpiresOn} <= ${addDays(today, DBS_WARNING_DAYS)}`);
  if (query.dbs === 'expired') filters.push(sql`${dbsExpiresOn} <= ${today}`);
  const rows = await db
    .select({
      userId: memberships.userId,
      displayName: users.displayName,
      role: memberships.role,
      status: memberships.status,
      level,
      qualifyingVouchCount: qualifying,
      dbsExpiresOn,
      total: sql<number>`count(*) OVER ()`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...filters))
    .orderBy(asc(users.displayName), asc(memberships.userId))
    .limit(query.limit)
    .offset(query.offset);
  const total = rows[0]?.total ?? (query.offset > 0 ? await countVerificationList(db, filters) : 0);
  return {
    total: Number(total),
    items: rows.map(({ total: _total, status, ...row }) => ({
      ...row,
      status: status as 'active' | 'suspended',
      nextStep: describeNextStep(row.level, row.qualifyingVouchCount, row.dbsExpiresOn, today),
    })),
  };
}

async function countVerificationList(db: Db, filters: SQL[]) {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(and(...filters));
  return row.n;
}
