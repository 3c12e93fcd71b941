// What each person wants to be told about, in the app and by email: new requests they could help
// with, and steps in their exchanges. Kept apart from the profile's contact choices, which say
// what neighbours may see.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { notificationPreferences } from '../../db/schema.ts';
import type { PrivacySection } from '../../lib/privacy-section.ts';
import type { NotificationPreferences, NotificationPreferencesUpdate } from '../../../common/offers.ts';

/** Where a person changes these; the emails link here, and it asks them to sign in first. */
export const PREFERENCES_PATH = '/account?section=notifications';

const DEFAULTS = { matchingRequestsInApp: true, matchingRequestsEmail: false, exchangesEmail: false } as const;

function present(row: typeof notificationPreferences.$inferSelect | undefined): NotificationPreferences {
  if (!row) return { ...DEFAULTS, updatedAt: null };
  return { matchingRequestsInApp: row.matchingRequestsInApp, matchingRequestsEmail: row.matchingRequestsEmail, exchangesEmail: row.exchangesEmail, updatedAt: row.updatedAt.toISOString() };
}

/** A person's choices, or the defaults when they have made none. */
export async function getNotificationPreferences(db: Db, userId: string): Promise<NotificationPreferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return present(row);
}

/** Changes only what was sent, in one statement, so two tabs changing different choices both win. */
export async function updateNotificationPreferences(db: Db, userId: string, input: NotificationPreferencesUpdate): Promise<NotificationPreferences> {
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as NotificationPreferencesUpdate;
  const [row] = await db
    .insert(notificationPreferences)
    .values({ userId, ...DEFAULTS, ...changes })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...changes, updatedAt: sql`now()` } })
    .returning();
  return present(row);
}

/** The choices in a person's data export; forgotten when they delete their account. */
export const notificationPreferencesPrivacy: PrivacySection = {
  key: 'notificationPreferences',
  async collect(db, userId) {
    // The choices in effect, defaults included, so the export shows what Kith would do.
    return [await getNotificationPreferences(db, userId)];
  },
  async erase(tx, userId) {
    await tx.delete(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  },
};
