import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, moderationActions, users } from '../../db/schema.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';

// A suspended member keeps their place and can still read and download their data, but cannot
// act in the community: server/lib/access.ts refuses `member.act` and every write for them.

type Standing = { userId: string; role: 'member' | 'coordinator' | 'officer' | 'organisation'; status: 'active' | 'suspended'; statusReason: string };

async function loadStanding(db: Db, communityId: string, userId: string) {
  const [row] = await db
    .select({ userId: memberships.userId, role: memberships.role, status: memberships.status, statusReason: memberships.statusReason })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), ne(memberships.status, 'left'), isNull(users.deletedAt)));
  if (!row) throw notFound('member');
  return row as Standing;
}

/**
 * A coordinator suspends a member of their community, with a reason kept on the membership and
 * in the moderation record. Coordinators cannot suspend themselves or each other (an
 * administrator settles disputes between coordinators).
 */
export async function suspendMember(db: Db, communityId: string, coordinatorId: string, userId: string, reason: string): Promise<Standing> {
  if (userId === coordinatorId) throw forbidden('member.suspend_self', 'You cannot suspend yourself.');
  return db.transaction(async (tx) => {
    const current = await loadStanding(tx, communityId, userId);
    if (current.role === 'coordinator') {
      throw forbidden('member.suspend_coordinator', 'A coordinator cannot suspend another coordinator. Please ask an administrator.');
    }
    if (current.status === 'suspended') throw conflict('member.already_suspended', 'This member is already suspended.');
    const [row] = await tx
      .update(memberships)
      .set({ status: 'suspended', statusReason: reason, updatedAt: new Date() })
      .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), eq(memberships.status, 'active')))
      .returning();
    if (!row) throw conflict('member.already_suspended', 'This member has just been suspended by someone else.');
    await tx.insert(moderationActions).values({ communityId, actorId: coordinatorId, subjectId: userId, action: 'suspend_member', reason });
    return { userId, role: row.role, status: 'suspended', statusReason: row.statusReason };
  });
}

/** A coordinator lifts a member's suspension; 409 when they are not suspended. */
export async function reinstateMember(db: Db, communityId: string, coordinatorId: string, userId: string, reason: string): Promise<Standing> {
  return db.transaction(async (tx) => {
    const current = await loadStanding(tx, communityId, userId);
    if (current.status !== 'suspended') throw conflict('member.not_suspended', 'This member is not suspended.');
    const [row] = await tx
      .update(memberships)
      .set({ status: 'active', statusReason: '', updatedAt: new Date() })
      .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId), eq(memberships.status, 'suspended')))
      .returning();
    if (!row) throw conflict('member.not_suspended', 'This member has just been reinstated by someone else.');
    await tx.insert(moderationActions).values({ communityId, actorId: coordinatorId, subjectId: userId, action: 'reinstate_member', reason });
    return { userId, role: row.role, status: 'active', statusReason: '' };
  });
}
