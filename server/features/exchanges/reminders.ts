// A reminder before an exchange confirms itself. Recorded time confirms automatically after the
// community's days, which is right when someone simply forgot, but a person who missed the
// first message (many members look in now and then) should have a last chance to say the time
// is wrong. Whoever must answer is told once per waiting period: the person helped when the
// time was recorded, or the helper when the person helped changed it.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formatMinutes } from '../../../common/ledger.ts';
import { queryRows } from '../ledger/sql.ts';
import { notify } from '../offers/notifications.ts';
import { formatDate, KITH_TIME_ZONE, todayIn } from '../verification/dates.ts';
import { peopleBehind } from './parties.ts';

/** How long before it confirms itself an exchange is brought up again: two days, or half the wait when that is shorter. */
export const REMIND_DAYS_BEFORE = 2;

type Waiting = {
  id: string;
  communityId: string;
  providerId: string;
  receiverId: string;
  providerName: string;
  receiverName: string;
  skill: string;
  recordedMinutes: number;
  adjustedMinutes: number | null;
  awaitingSince: Date;
  confirmsAt: Date;
};

/** Tells whoever must answer about each exchange that will confirm itself soon; returns how many people were told now. */
export async function remindBeforeAutoConfirm(db: Db, now: Date = new Date()): Promise<number> {
  const waiting = await queryRows<Waiting>(db, sql`
    SELECT x.id, x.community_id AS "communityId", x.provider_id AS "providerId", x.receiver_id AS "receiverId",
      p.display_name AS "providerName", r.display_name AS "receiverName", k.label AS skill,
      x.recorded_minutes AS "recordedMinutes", x.adjusted_minutes AS "adjustedMinutes", x.awaiting_since AS "awaitingSince",
      x.awaiting_since + make_interval(days => s.auto_confirm_days) AS "confirmsAt"
    FROM exchanges x
    JOIN timebank_settings s ON s.community_id = x.community_id
    JOIN skills k ON k.id = x.skill_id
    JOIN users p ON p.id = x.provider_id
    JOIN users r ON r.id = x.receiver_id
    WHERE x.status = 'done' AND x.auto_confirm_held_at IS NULL AND x.awaiting_since IS NOT NULL
      AND x.awaiting_since + make_interval(days => s.auto_confirm_days) > ${now.toISOString()}::timestamptz
      AND x.awaiting_since + make_interval(secs => greatest(s.auto_confirm_days - ${REMIND_DAYS_BEFORE}, s.auto_confirm_days / 2.0) * 86400)
          <= ${now.toISOString()}::timestamptz
    ORDER BY x.awaiting_since
    LIMIT 1000`);
  let told = 0;
  for (const x of waiting) {
    const on = formatDate(todayIn(KITH_TIME_ZONE, new Date(x.confirmsAt)));
    const helpWith = x.skill.toLowerCase();
    const answer = x.adjustedMinutes === null
      ? {
          who: x.receiverId,
          title: `Please check the time ${x.providerName} recorded for ${helpWith}`,
          body: `${formatMinutes(x.recordedMinutes)} will be confirmed on ${on} unless you confirm it, change it or ask a coordinator before then.`,
        }
      : {
          who: x.providerId,
          title: `${x.receiverName} changed the time for ${helpWith}`,
          body: `${formatMinutes(x.adjustedMinutes)} will be confirmed on ${on} instead of the ${formatMinutes(x.recordedMinutes)} you recorded, unless you answer or ask a coordinator before then.`,
        };
    // One reminder per waiting period: a changed or re-recorded time starts a new one.
    told += await notify(db, x.communityId, await peopleBehind(db, x.communityId, [answer.who]), {
      kind: 'exchange.auto_confirm_reminder', title: answer.title.slice(0, 200), body: answer.body, link: `/timebank/exchanges/${x.id}`,
      sourceId: `${x.id}@${new Date(x.awaitingSince).toISOString()}`,
    });
  }
  return told;
}
