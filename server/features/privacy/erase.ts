import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accountTokens, blocks, joinRequests, memberships, organisationAgents, outbox, profiles, sessions, signInAttempts, userSkills, users } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { ADMIN_LOCK, countActiveAdmins } from '../admin/service.ts';
import { PRIVACY_SECTIONS } from './sections.ts';

/** The name a deleted account shows wherever other people's records still point to it. */
export const FORMER_MEMBER = 'Former member';

/**
 * Deletes a person's account for their right to erasure, in one transaction: personal data is
 * erased (profile, photo, skills, sessions, tokens, email, password, name, their blocks, mail
 * and sign-in records) and memberships end. The users row stays, anonymised, so that vouches,
 * verifications, interactions and reports other people rely on keep pointing at something.
 * The email is free for a new account at once. The last administrator cannot leave (409).
 */
export async function deleteAccount(db: Db, userId: string, currentPassword: string) {
  const [account] = await db.select({ passwordHash: users.passwordHash }).from(users).where(and(eq(users.id, userId), sql`${users.deletedAt} IS NULL`));
  if (!account) throw notFound('account');
  if (!(await verifyPassword(currentPassword, account.passwordHash))) {
    throw new AppError('forbidden', 'auth.wrong_password', 'Your password is not right. Please try again.', 'currentPassword');
  }
  await db.transaction(async (tx) => {
    // Taken before reading the admin flag, so two administrators cannot both leave at once.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`);
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (user.deletedAt) throw notFound('account');
    if (user.isAdmin && (await countActiveAdmins(tx, userId)) === 0) {
      throw conflict('account.last_admin', 'You are the last administrator of this Kith. Make someone else an administrator before you delete your account.');
    }
    const email = user.email?.toLowerCase();
    if (email) {
      await tx.delete(signInAttempts).where(eq(signInAttempts.email, email));
      await tx.delete(outbox).where(sql`lower(${outbox.toAddress}) = ${email}`);
    }
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
    await tx.delete(userSkills).where(eq(userSkills.userId, userId));
    await tx.delete(blocks).where(eq(blocks.blockerId, userId));
    await tx.delete(organisationAgents).where(eq(organisationAgents.userId, userId));
    await tx
      .update(profiles)
      .set({
        bio: '',
        area: '',
        languages: [],
        accessibilityNeeds: '',
        contactByEmail: false,
        contactByApp: false,
        phone: '',
        showPhone: false,
        showInDirectory: false,
        showBio: false,
        showArea: false,
        analyticsOptOut: true,
        reachOutOk: false,
        photo: null,
        photoType: null,
        updatedAt: new Date(),
      })
      .where(eq(profiles.userId, userId));
    for (const section of PRIVACY_SECTIONS) await section.erase(tx, userId);
    await tx.update(joinRequests).set({ status: 'withdrawn' }).where(and(eq(joinRequests.userId, userId), eq(joinRequests.status, 'pending')));
    await tx.update(joinRequests).set({ message: '' }).where(eq(joinRequests.userId, userId));
    await tx.update(memberships).set({ status: 'left', statusReason: '', updatedAt: new Date() }).where(eq(memberships.userId, userId));
    await tx
      .update(users)
      .set({ email: null, passwordHash: null, displayName: FORMER_MEMBER, isAdmin: false, deletedAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, userId));
  });
}
