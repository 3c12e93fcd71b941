import { sql } from 'drizzle-orm';
import type { PrivacySection } from '../../lib/privacy-section.ts';

const rows = (result: unknown) => (result as { rows: Record<string, unknown>[] }).rows;

/** A member's own trust-survey answers; their stored community score is erased with them. */
export const trustPrivacy: PrivacySection = {
  key: 'trustSurveyAnswers',
  async collect(db, userId) {
    return rows(await db.execute(sql`
      SELECT r.survey_id AS "surveyId", r.community_id AS "communityId", s.title, r.generalised, r.neighbourhood, r.created_at AS "answeredAt"
      FROM trust_survey_responses r JOIN trust_surveys s ON s.id = r.survey_id
      WHERE r.user_id = ${userId} ORDER BY r.created_at`));
  },
  async erase(tx, userId) {
    await tx.execute(sql`DELETE FROM trust_survey_responses WHERE user_id = ${userId}`);
    await tx.execute(sql`DELETE FROM trust_scores WHERE user_id = ${userId}`);
  },
};
