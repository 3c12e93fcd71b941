// Steps in a person's exchanges by email, for those who asked (notification_preferences
// .exchanges_email). Many members look in on Kith now and then; a proposal or a time to confirm
// should still reach them. A background job emails the exchange notifications they have not
// read in the app after a short while, all of a person's pending ones in one message, and
// marks each as emailed in the same transaction, so nothing is sent twice, even by two workers.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Mailer } from '../../lib/mailer.ts';
import { queryRows } from '../ledger/sql.ts';
import { PREFERENCES_PATH } from './preferences.ts';

/** How long a notification waits unread in the app before it is emailed. */
export const EMAIL_AFTER_MINUTES = 10;
/** Older notifications are left to the app: an email days late would only confuse. */
const EMAIL_WITHIN_HOURS = 48;

type Pending = { id: string; userId: string; email: string; name: string; community: string; title: string; body: string; link: string };

/** Emails each person who asked for it their unread exchange notifications; returns how many emails went. */
export async function sendExchangeEmails(db: Db, mailer: Mailer, publicUrl: string, now: Date = new Date()): Promise<number> {
  const pending = await queryRows<Pending>(db, sql`
    SELECT n.id, n.user_id AS "userId", u.email, u.display_name AS name, c.name AS community, n.title, n.body, n.link
    FROM notification_preferences p
    JOIN users u ON u.id = p.user_id AND u.email IS NOT NULL AND u.deleted_at IS NULL AND u.suspended_at IS NULL
    JOIN notifications n ON n.user_id = p.user_id
    JOIN communities c ON c.id = n.community_id
    WHERE p.exchanges_email AND n.kind LIKE 'exchange.%' AND n.read_at IS NULL AND n.emailed_at IS NULL
      AND n.created_at <= ${now.toISOString()}::timestamptz - make_interval(mins => ${EMAIL_AFTER_MINUTES})
      AND n.created_at > ${now.toISOString()}::timestamptz - make_interval(hours => ${EMAIL_WITHIN_HOURS})
    ORDER BY n.user_id, n.created_at
    LIMIT 2000`);
  const byPerson = new Map<string, Pending[]>();
  for (const row of pending) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
  let sent = 0;
  for (const rows of byPerson.values()) {
    const went = await db.transaction(async (tx) => {
      // Claim them first: another worker that got here before has already marked them.
      const claimed = await queryRows<{ id: string }>(tx, sql`
        UPDATE notifications SET emailed_at = ${now.toISOString()}::timestamptz
        WHERE id IN (${sql.join(rows.map((r) => sql`${r.id}::uuid`), sql`, `)}) AND emailed_at IS NULL AND read_at IS NULL
        RETURNING id`);
      const ids = new Set(claimed.map((c) => c.id));
      const items = rows.filter((r) => ids.has(r.id));
      if (items.length === 0) return false;
      await mailer.send(tx, { to: items[0].email, ...composeExchangeEmail(items, publicUrl) });
      return true;
    });
    if (went) sent++;
  }
  return sent;
}

/** One email for a person's pending exchange notifications: what each asks, and a link to it. */
export function composeExchangeEmail(items: readonly Pick<Pending, 'name' | 'community' | 'title' | 'body' | 'link'>[], publicUrl: string): { subject: string; body: string } {
  const communities = new Set(items.map((i) => i.community));
  const lines = items.map((item) => {
    const where = communities.size > 1 ? ` (${item.community})` : '';
    return [`- ${item.title}${where}`, ...(item.body ? [`  ${item.body}`] : []), `  ${publicUrl}${item.link}`].join('\n');
  });
  const subject = items.length === 1 ? items[0].title : `${items.length} things in your exchanges on Kith`;
  const body = `Hello ${items[0].name},\n\n` +
    `${items.length === 1 ? 'This is' : 'These are'} waiting for you in your time-bank exchanges:\n\n${lines.join('\n\n')}\n\n` +
    'You get these emails because you asked to be emailed about steps in your exchanges that you have not seen in Kith.\n' +
    `To stop them, sign in and untick "Email me about my exchanges" at ${publicUrl}${PREFERENCES_PATH}`;
  return { subject: subject.slice(0, 200), body };
}
