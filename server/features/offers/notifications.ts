// In-app notifications (the notifications table) and, for people who asked for it, email.
import { and, count, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationPreferences, notifications, users } from '../../db/schema.ts';
import type { Mailer } from '../../lib/mailer.ts';

export type NotificationInput = { kind: string; title: string; body: string; link: string; sourceId: string };

/** The notification rows telling each person once. */
export function notificationRows(communityId: string, userIds: readonly string[], input: NotificationInput): (typeof notifications.$inferInsert)[] {
  return [...new Set(userIds)].map((userId) => ({ communityId, userId, ...input }));
}

/** Adds one notification per person; a person already told about the same thing is not told twice. Returns how many were told now. */
export async function notify(db: Db, communityId: string, userIds: readonly string[], input: NotificationInput): Promise<number> {
  const rows = notificationRows(communityId, userIds, input);
  if (rows.length === 0) return 0;
  return (await db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id })).length;
}

/**
 * The people among `userIds` who want to hear about new matching requests in the app (the
 * default) or by email (only once they turned it on): notification_preferences, never the
 * profile's contact choices, which are about what neighbours may see.
 */
export async function wantMatchingRequests(db: Db, userIds: readonly string[], channel: 'app' | 'email'): Promise<{ id: string; email: string | null }[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const wanted = channel === 'email'
    ? eq(notificationPreferences.matchingRequestsEmail, true)
    : or(isNull(notificationPreferences.userId), eq(notificationPreferences.matchingRequestsInApp, true));
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids), wanted, isNull(users.deletedAt), isNull(users.suspendedAt)));
}

/** Emails the people among `userIds` who asked for emails about matching requests and have an address. */
export async function emailOptedIn(db: Db, mailer: Mailer, userIds: readonly string[], mail: { subject: string; body: string }): Promise<number> {
  const rows = (await wantMatchingRequests(db, userIds, 'email')).filter((row) => row.email);
  for (const row of rows) await mailer.send(db, { to: row.email!, subject: mail.subject, body: mail.body });
  return rows.length;
}

function presentNotification(row: typeof notifications.$inferSelect) {
  return { id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link, readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

/** A member's notifications in one community, newest first, with the unread count. */
export async function listNotifications(db: Db, communityId: string, userId: string, options: { unread: boolean; limit: number }) {
  const mine = and(eq(notifications.communityId, communityId), eq(notifications.userId, userId));
  const [rows, [{ n }]] = await Promise.all([
    db.select().from(notifications).where(options.unread ? and(mine, isNull(notifications.readAt)) : mine).orderBy(desc(notifications.createdAt)).limit(options.limit),
    db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))),
  ]);
  return { notifications: rows.map(presentNotification), unread: n };
}

/** Marks some (or all) of a member's notifications in a community as read. */
export async function markRead(db: Db, communityId: string, userId: string, ids: readonly string[] | undefined): Promise<void> {
  const mine = and(eq(notifications.communityId, communityId), eq(notifications.userId, userId), isNull(notifications.readAt));
  await db.update(notifications).set({ readAt: new Date() }).where(ids ? and(mine, inArray(notifications.id, [...ids])) : mine);
}
