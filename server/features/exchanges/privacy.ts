import { sql } from 'drizzle-orm';
import type { PrivacySection } from '../../lib/privacy-section.ts';

const rows = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/** Offers and requests a member posted: exported, and taken down and blanked on deletion. */
export const listingsPrivacy: PrivacySection = {
  key: 'offersAndRequests',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT id, community_id AS "communityId", kind, title, description, duration_minutes AS "durationMinutes", place, availability, status, created_at AS "createdAt"
      FROM listings WHERE owner_id = ${userId} ORDER BY created_at`));
  },
  async erase(tx, userId) {
    await tx.execute(sql`UPDATE listings SET status = 'closed', title = 'Removed', description = '', availability = '', lat = NULL, lng = NULL, updated_at = now() WHERE owner_id = ${userId}`);
  },
};

/** Exchanges a member took part in; they stay (anonymised) because the other side and the ledger rely on them. */
export const exchangesPrivacy: PrivacySection = {
  key: 'exchanges',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT id, community_id AS "communityId", CASE WHEN provider_id = ${userId} THEN 'provider' ELSE 'receiver' END AS "role",
             category, description, status, proposed_minutes AS "proposedMinutes", recorded_minutes AS "recordedMinutes", confirmed_minutes AS "confirmedMinutes", created_at AS "createdAt"
      FROM exchanges WHERE provider_id = ${userId} OR receiver_id = ${userId} ORDER BY created_at`));
  },
  async erase() {
    // Kept as facts: both parties' statements and the ledger refer to them.
  },
};

/** References a member wrote or received. */
export const referencesPrivacy: PrivacySection = {
  key: 'references',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT id, community_id AS "communityId", exchange_id AS "exchangeId", CASE WHEN author_id = ${userId} THEN 'written' ELSE 'received' END AS "direction",
             body, would_exchange_again AS "wouldExchangeAgain", created_at AS "createdAt"
      FROM exchange_references WHERE author_id = ${userId} OR subject_id = ${userId} ORDER BY created_at`));
  },
  async erase() {
    // References are append-only evidence others rely on; the author's name is anonymised.
  },
};

/** The member's ledger entries, as on their statement. */
export const ledgerPrivacy: PrivacySection = {
  key: 'ledgerEntries',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT e.id, e.community_id AS "communityId", e.transaction_id AS "transactionId", e.kind, e.amount AS "minutes", t.note, e.posted_at AS "postedAt"
      FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id JOIN ledger_transactions t ON t.id = e.transaction_id
      WHERE a.user_id = ${userId} ORDER BY e.id`));
  },
  async erase() {
    // The ledger is append-only double entry: a deleted member's entries stay so every balance still adds up.
  },
};

/** In-app notifications: exported, and deleted with the account. */
export const notificationsPrivacy: PrivacySection = {
  key: 'notifications',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT id, community_id AS "communityId", kind, title, body, link, read_at AS "readAt", created_at AS "createdAt"
      FROM notifications WHERE user_id = ${userId} ORDER BY created_at`));
  },
  async erase(tx, userId) {
    await tx.execute(sql`DELETE FROM notifications WHERE user_id = ${userId}`);
  },
};
