import { and, count, countDistinct, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { communities, joinRequests, memberships, users, verifications, vouches } from '../../db/schema.ts';
import type { MembershipContext } from '../../lib/access.ts';
import { notFound } from '../../lib/errors.ts';
import { MIN_GROUP_SIZE, type CommunityOverview } from '../../../common/overview.ts';
import { todayIn } from '../verification/dates.ts';
import { getVerificationLevel } from '../verification/service.ts';
import { countOpenReports } from '../moderation/reports.ts';

const DAY_MS = 86_400_000;

/** A count as an aggregate view may show it: null when the group is too small to be anonymous. */
export const guard = (n: number): number | null => (n < MIN_GROUP_SIZE ? null : n);

/** The community at a glance for its home page, with the viewer's own standing. */
export async function communityOverview(db: Db, viewer: { userId: string; membership: MembershipContext }, now = new Date()): Promise<CommunityOverview> {
  const { communityId } = viewer.membership;
  const [community] = await db.select({ id: communities.id, name: communities.name, description: communities.description }).from(communities).where(eq(communities.id, communityId));
  if (!community) throw notFound('community');

  const current = and(eq(memberships.communityId, communityId), ne(memberships.status, 'left'), isNull(users.deletedAt));
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
  const [{ members, newMembers }] = await db
    .select({ members: count(), newMembers: sql<number>`count(*) FILTER (WHERE ${memberships.joinedAt} > ${monthAgo.toISOString()}::timestamptz)` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(current);
  const [{ verified }] = await db
    .select({ verified: countDistinct(memberships.userId) })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(verifications, and(eq(verifications.communityId, memberships.communityId), eq(verifications.subjectId, memberships.userId), eq(verifications.kind, 'identity_address')))
    .where(current);
  const [{ recentVouches }] = await db
    .select({ recentVouches: count() })
    .from(vouches)
    .where(and(eq(vouches.communityId, communityId), gt(vouches.createdAt, monthAgo)));

  const level = await getVerificationLevel(db, communityId, viewer.userId, todayIn(undefined, now));

  let coordinator: CommunityOverview['coordinator'] = null;
  if (viewer.membership.role === 'coordinator') {
    const [{ pending }] = await db
      .select({ pending: count() })
      .from(joinRequests)
      .where(and(eq(joinRequests.communityId, communityId), eq(joinRequests.status, 'pending')));
    coordinator = { pendingJoinRequests: pending, openReports: await countOpenReports(db, communityId, viewer.userId) };
  }

  return {
    community,
    stats: {
      members: guard(members),
      newMembers30d: guard(Number(newMembers)),
      verifiedMembers: guard(verified),
      vouches30d: guard(recentVouches),
    },
    you: {
      role: viewer.membership.role,
      status: viewer.membership.status === 'suspended' ? 'suspended' : 'active',
      level: level.level,
      qualifyingVouchCount: level.qualifyingVouchCount,
      nextStep: level.nextStep,
    },
    coordinator,
  };
}
