// The conditions every list of listings and every suggestion shares, so that browsing, opening a
// listing by its link and matching agree on who can be answered.
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { listings } from '../../db/schema.ts';

/** Members who can take part now: active membership, account neither suspended nor deleted. */
export const activeMember = (communityId: string, userColumn: AnyColumn): SQL<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.community_id = ${communityId} AND m.user_id = ${userColumn} AND m.status = 'active' AND u.suspended_at IS NULL AND u.deleted_at IS NULL)`;

/** Neither person has blocked the other. */
export function notBlocked(viewerId: string, ownerColumn: AnyColumn): SQL<boolean> {
  return sql<boolean>`NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = ${viewerId} AND b.blocked_id = ${ownerColumn}) OR (b.blocker_id = ${ownerColumn} AND b.blocked_id = ${viewerId}))`;
}

/** Not past its expiry date as of `today` (YYYY-MM-DD). */
export const notExpired = (today: string): SQL<boolean> => sql<boolean>`(${listings.expiresOn} IS NULL OR ${listings.expiresOn} >= ${today}::date)`;
