// SQL for verification: loading the facts the pure rules (levels.ts) read, and the same rules
// as an SQL expression so that lists can filter and page by level in the database.
// service.test.ts checks that the SQL and the TypeScript rules agree on generated facts.
import { and, asc, eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, users, verifications, vouches } from '../../db/schema.ts';
import { VERIFICATION_LEVELS, type VerificationLevel } from '../../../common/verification.ts';
import { mayVouch, VOUCHES_NEEDED, type VerificationFacts } from './levels.ts';

const VOUCHING_LEVELS = VERIFICATION_LEVELS.filter(mayVouch);

/** The vouches and checks of several members of one community, by member. */
export async function loadFacts(db: Db, communityId: string, userIds: readonly string[]): Promise<Map<string, VerificationFacts>> {
  const result = new Map<string, { vouches: VerificationFacts['vouches'][number][]; checks: VerificationFacts['checks'][number][] }>();
  for (const id of userIds) result.set(id, { vouches: [], checks: [] });
  if (userIds.length === 0) return result;
  const ids = [...new Set(userIds)];
  const [vouchRows, checkRows] = await Promise.all([
    db.select({ subjectId: vouches.subjectId, voucherId: vouches.voucherId, voucherLevel: vouches.voucherLevel })
      .from(vouches).where(and(eq(vouches.communityId, communityId), inArray(vouches.subjectId, ids))),
    db.select({ subjectId: verifications.subjectId, kind: verifications.kind, checkedOn: verifications.checkedOn, expiresOn: verifications.expiresOn })
      .from(verifications).where(and(eq(verifications.communityId, communityId), inArray(verifications.subjectId, ids))),
  ]);
  for (const { subjectId, ...vouch } of vouchRows) result.get(subjectId)!.vouches.push(vouch);
  for (const { subjectId, ...check } of checkRows) result.get(subjectId)!.checks.push(check);
  return result;
}

/** The number of distinct vouchers who were verified or above when they vouched, as SQL. */
export function qualifyingVouchesSql(communityId: string, userId: AnyColumn | SQL): SQL<number> {
  return sql<number>`(SELECT count(DISTINCT kvq.voucher_id)::int FROM vouches kvq
    WHERE kvq.community_id = ${communityId}::uuid AND kvq.subject_id = ${userId}
      AND kvq.voucher_level IN (${sql.join(VOUCHING_LEVELS.map((l) => sql`${l}`), sql`, `)}))`;
}

/** The latest DBS expiry on file (lapsed or not) as SQL text YYYY-MM-DD, or NULL. */
export function latestDbsSql(communityId: string, userId: AnyColumn | SQL): SQL<string | null> {
  return sql<string | null>`(SELECT max(kdb.expires_on)::text FROM verifications kdb
    WHERE kdb.community_id = ${communityId}::uuid AND kdb.subject_id = ${userId} AND kdb.kind = 'dbs')`;
}

/** The member's level as of `today`, as SQL: the rules of computeLevel in levels.ts. */
export function levelSql(communityId: string, userId: AnyColumn | SQL, today: string): SQL<VerificationLevel> {
  return sql<VerificationLevel>`(CASE
    WHEN EXISTS (SELECT 1 FROM verifications kid WHERE kid.community_id = ${communityId}::uuid AND kid.subject_id = ${userId} AND kid.kind = 'identity_address')
      THEN CASE WHEN EXISTS (SELECT 1 FROM verifications kdc WHERE kdc.community_id = ${communityId}::uuid AND kdc.subject_id = ${userId} AND kdc.kind = 'dbs' AND kdc.expires_on > ${today}::date)
        THEN 'safeguarding-checked' ELSE 'verified' END
    WHEN ${qualifyingVouchesSql(communityId, userId)} >= ${VOUCHES_NEEDED} THEN 'vouched'
    ELSE 'registered' END)`;
}

/** A member of the community (any status) with the person behind them, or undefined. */
export async function findMember(db: Db, communityId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, kind: users.kind, deletedAt: users.deletedAt, suspendedAt: users.suspendedAt, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
  return row;
}

/** Every vouch a member received, with the voucher's name, oldest first. */
export async function listVouches(db: Db, communityId: string, subjectId: string) {
  return db
    .select({ id: vouches.id, voucherId: vouches.voucherId, voucherName: users.displayName, voucherLevel: vouches.voucherLevel, note: vouches.note, createdAt: vouches.createdAt })
    .from(vouches)
    .innerJoin(users, eq(users.id, vouches.voucherId))
    .where(and(eq(vouches.communityId, communityId), eq(vouches.subjectId, subjectId)))
    .orderBy(asc(vouches.createdAt));
}

/** Every check recorded for a member, with who recorded it, newest first. */
export async function listChecks(db: Db, communityId: string, subjectId: string) {
  return db
    .select({ check: verifications, recordedByName: users.displayName })
    .from(verifications)
    .innerJoin(users, eq(users.id, verifications.coordinatorId))
    .where(and(eq(verifications.communityId, communityId), eq(verifications.subjectId, subjectId)))
    .orderBy(sql`${verifications.checkedOn} DESC, ${verifications.createdAt} DESC`);
}
