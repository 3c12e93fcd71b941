import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { accountTokens, communities, memberships, profiles, sessions, signInAttempts, users } from '../../db/schema.ts';
import { AppError, conflict, isUniqueViolation } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import type { Actor } from '../../lib/session.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import type { SignInBody, SignUpBody } from '../../../common/auth.ts';

/** Creates a person's account and empty profile; 409 when the email is taken. */
export async function signUp(db: Db, input: SignUpBody, options: { isAdmin?: boolean } = {}) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, passwordHash, displayName: input.displayName, isAdmin: options.isAdmin ?? false })
        .returning({ id: users.id });
      await tx.insert(profiles).values({ userId: user.id });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('auth.email_taken', 'An account with that email already exists. Try signing in, or reset your password.', 'email');
    throw error;
  }
}

/** Checks credentials under the per-account and per-address limits; records every attempt. */
export async function signIn(db: Db, config: Config, input: SignInBody, ip: string) {
  const windowStart = sql`now() - make_interval(mins => ${config.signInLimits.windowMinutes})`;
  const [[byAccount], [byAddress]] = await Promise.all([
    db.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.email, input.email), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, windowStart))),
    db.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.succeeded, false), gt(signInAttempts.at, windowStart))),
  ]);
  if (byAccount.n >= config.signInLimits.perAccount || byAddress.n >= config.signInLimits.perAddress) {
    throw new AppError('rate_limited', 'auth.rate_limited', `Too many attempts to sign in. Please wait ${config.signInLimits.windowMinutes} minutes, or reset your password.`);
  }
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(sql`lower(${users.email}) = ${input.email}`, isNull(users.deletedAt)));
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  await db.insert(signInAttempts).values({ email: input.email, ip, succeeded: ok && !!user });
  if (!ok || !user) throw new AppError('unauthenticated', 'auth.invalid_credentials', 'That email and password do not match. Check them, or reset your password.');
  return user;
}

/** The session payload the web app starts from. */
export async function describeSession(db: Db, actor: Actor | null) {
  const [{ n: userCount }] = await db.select({ n: count() }).from(users);
  if (!actor) return { setupRequired: userCount === 0, user: null, csrfToken: null, activeCommunityId: null, memberships: [] };
  const rows = await db
    .select({ communityId: communities.id, slug: communities.slug, name: communities.name, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(and(eq(memberships.userId, actor.userId), sql`${memberships.status} <> 'left'`))
    .orderBy(communities.name);
  const active = rows.find((r) => r.communityId === actor.activeCommunityId)?.communityId ?? rows[0]?.communityId ?? null;
  return {
    setupRequired: false,
    user: { id: actor.userId, displayName: actor.displayName, email: actor.email, isAdmin: actor.isAdmin, suspended: actor.suspended },
    csrfToken: actor.csrfToken,
    activeCommunityId: active,
    memberships: rows,
  };
}

/** Chooses which of the member's communities the app shows. */
export async function switchCommunity(db: Db, actor: Actor, communityId: string) {
  const [row] = await db
    .select({ status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.userId), eq(memberships.communityId, communityId)));
  if (!row || row.status === 'left') throw new AppError('forbidden', 'community.not_member', 'You are not a member of that community.');
  await db.update(sessions).set({ activeCommunityId: communityId }).where(eq(sessions.id, actor.sessionId));
}

/** Mails a single-use reset link; says nothing about whether the account exists. */
export async function requestPasswordReset(db: Db, mailer: Mailer, config: Config, emailAddress: string) {
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(and(sql`lower(${users.email}) = ${emailAddress}`, isNull(users.deletedAt)));
  if (!user) return;
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(accountTokens).values({ tokenHash: hashToken(token), userId: user.id, purpose: 'password_reset', expiresAt: new Date(Date.now() + 3_600_000) });
    await mailer.send(tx, {
      to: user.email!,
      subject: 'Reset your Kith password',
      body: `Someone asked to reset the password for your Kith account.\n\nTo choose a new password, open this link within one hour:\n${config.publicUrl}/reset-password?token=${token}\n\nIf it was not you, you can ignore this email; your password has not changed.`,
    });
  });
}

async function takeToken(tx: Db, token: string, purpose: 'password_reset' | 'email_change') {
  const [row] = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)))
    .returning({ userId: accountTokens.userId, newEmail: accountTokens.newEmail });
  if (!row) throw new AppError('gone', 'auth.token_invalid', 'This link has expired or has already been used. Please ask for a new one.');
  return row;
}

/** Sets a new password from a reset link and signs out every session of that account. */
export async function resetPassword(db: Db, token: string, newPassword: string) {
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    const { userId } = await takeToken(tx, token, 'password_reset');
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(signInAttempts).where(sql`${signInAttempts.email} = (SELECT lower(email) FROM users WHERE id = ${userId})`);
  });
}

async function checkCurrentPassword(db: Db, userId: string, currentPassword: string) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!(await verifyPassword(currentPassword, user?.passwordHash ?? null))) {
    throw new AppError('forbidden', 'auth.wrong_password', 'Your current password is not right. Please try again.', 'currentPassword');
  }
}

/** Changes the password after checking the current one; other sessions are signed out. */
export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string) {
  await checkCurrentPassword(db, actor.userId, currentPassword);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.userId), sql`${sessions.id} <> ${actor.sessionId}`));
  });
}

/** Starts an email change: the new address must confirm by link before it takes effect. */
export async function requestEmailChange(db: Db, mailer: Mailer, config: Config, actor: Actor, currentPassword: string, newEmail: string) {
  await checkCurrentPassword(db, actor.userId, currentPassword);
  const [taken] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${newEmail}`);
  if (taken) throw conflict('auth.email_taken', 'Another account already uses that email.', 'newEmail');
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.insert(accountTokens).values({ tokenHash: hashToken(token), userId: actor.userId, purpose: 'email_change', newEmail, expiresAt: new Date(Date.now() + 24 * 3_600_000) });
    await mailer.send(tx, {
      to: newEmail,
      subject: 'Confirm your new email for Kith',
      body: `To use this address for your Kith account, open this link within 24 hours:\n${config.publicUrl}/confirm-email?token=${token}\n\nIf you did not ask for this, ignore this email.`,
    });
  });
}

/** Applies a confirmed email change. */
export async function confirmEmailChange(db: Db, token: string) {
  try {
    await db.transaction(async (tx) => {
      const { userId, newEmail } = await takeToken(tx, token, 'email_change');
      await tx.update(users).set({ email: newEmail, updatedAt: new Date() }).where(eq(users.id, userId));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('auth.email_taken', 'Another account now uses that email. Please choose another.');
    throw error;
  }
}
