import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'kith_session';

/** Who is making a request, resolved from the session cookie. */
export type Actor = {
  userId: string;
  sessionId: string;
  csrfToken: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
  suspended: boolean;
  activeCommunityId: string | null;
};

type CookieOptions = { secure: boolean; days: number };

/** Starts a session for a user, sets the HttpOnly, SameSite cookie and returns who is now signed in. */
export async function startSession(db: Db, reply: FastifyReply, request: FastifyRequest, userId: string, options: CookieOptions) {
  const token = newToken();
  const csrfToken = newToken(24);
  const expiresAt = new Date(Date.now() + options.days * 86_400_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    csrfToken,
    userId,
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
    expiresAt,
  });
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    expires: expiresAt,
  });
  return (await resolveActor(db, token))!;
}

/** Ends the current session and clears the cookie. */
export async function endSession(db: Db, reply: FastifyReply, actor: Actor | null) {
  if (actor) await db.delete(sessions).where(eq(sessions.id, actor.sessionId));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Looks up the live session behind a cookie value, touching its last-seen time. */
export async function resolveActor(db: Db, token: string | undefined): Promise<Actor | null> {
  if (!token) return null;
  const [row] = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      activeCommunityId: sessions.activeCommunityId,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      displayName: users.displayName,
      email: users.email,
      isAdmin: users.isAdmin,
      suspendedAt: users.suspendedAt,
      deletedAt: users.deletedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, sql`now()`)));
  if (!row || row.deletedAt) return null;
  // Touch at most once a minute so that reads stay reads.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.sessionId));
  }
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
    displayName: row.displayName,
    email: row.email ?? '',
    isAdmin: row.isAdmin,
    suspended: row.suspendedAt !== null,
    activeCommunityId: row.activeCommunityId,
  };
}
