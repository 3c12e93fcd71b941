// The trust survey: the Community Life Survey's generalised-trust and neighbourhood-trust
// questions, answered in two taps, run by coordinators as often as they like. Results are
// aggregates only, with small cells hidden.
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { memberships, trustSurveyResponses, trustSurveys, users } from '../../db/schema.ts';
import { conflict, forbidden, notFound, isUniqueViolation } from '../../lib/errors.ts';
import { GENERALISED_ANSWERS, MIN_CELL, NEIGHBOURHOOD_ANSWERS, type MemberSurvey, type SurveyAnswer, type SurveyResults } from '../../../common/trust.ts';

type SurveyRow = typeof trustSurveys.$inferSelect;

function presentSurvey(row: SurveyRow) {
  return { id: row.id, title: row.title, openedAt: row.openedAt.toISOString(), closedAt: row.closedAt?.toISOString() ?? null, open: row.closedAt === null };
}

/**
 * Hides every count under MIN_CELL, and when only one count of a question is hidden, the next
 * smallest too: otherwise the total minus the shown counts would give the hidden one away.
 */
export function guardCells<K extends string>(counts: Record<K, number>, total: number | null): Record<K, number | null> {
  const keys = Object.keys(counts) as K[];
  const out = {} as Record<K, number | null>;
  for (const k of keys) out[k] = total === null || counts[k] < MIN_CELL ? null : counts[k];
  const hidden = keys.filter((k) => out[k] === null);
  if (total !== null && hidden.length === 1) {
    const shown = keys.filter((k) => out[k] !== null).sort((a, b) => counts[a] - counts[b]);
    if (shown.length > 0) out[shown[0]] = null;
  }
  return out;
}

async function surveyInCommunity(db: Db, communityId: string, surveyId: string): Promise<SurveyRow> {
  const [row] = await db.select().from(trustSurveys).where(and(eq(trustSurveys.id, surveyId), eq(trustSurveys.communityId, communityId)));
  if (!row) throw notFound('survey');
  return row;
}

/** The aggregate results of one survey. */
export async function surveyResults(db: Db, communityId: string, surveyId: string): Promise<SurveyResults> {
  const survey = await surveyInCommunity(db, communityId, surveyId);
  const rows = await db
    .select({ generalised: trustSurveyResponses.generalised, neighbourhood: trustSurveyResponses.neighbourhood, n: count() })
    .from(trustSurveyResponses)
    .where(and(eq(trustSurveyResponses.surveyId, surveyId), eq(trustSurveyResponses.communityId, communityId)))
    .groupBy(trustSurveyResponses.generalised, trustSurveyResponses.neighbourhood);
  const generalised = Object.fromEntries(GENERALISED_ANSWERS.map((a) => [a, 0])) as Record<(typeof GENERALISED_ANSWERS)[number], number>;
  const neighbourhood = Object.fromEntries(NEIGHBOURHOOD_ANSWERS.map((a) => [a, 0])) as Record<(typeof NEIGHBOURHOOD_ANSWERS)[number], number>;
  let total = 0;
  for (const r of rows) {
    generalised[r.generalised] += r.n;
    neighbourhood[r.neighbourhood] += r.n;
    total += r.n;
  }
  const responses = total < MIN_CELL ? null : total;
  const g = guardCells(generalised, responses);
  const h = guardCells(neighbourhood, responses);
  return {
    survey: presentSurvey(survey),
    responses,
    generalised: { ...g, mostPeopleShare: responses !== null && g.most_people !== null ? g.most_people / responses : null },
    neighbourhood: { ...h, manyOrSomeShare: responses !== null && h.many !== null && h.some !== null ? (h.many + h.some) / responses : null },
  };
}

/** Every survey of the community with its results, newest first. */
export async function listSurveys(db: Db, communityId: string): Promise<SurveyResults[]> {
  const rows = await db.select({ id: trustSurveys.id }).from(trustSurveys).where(eq(trustSurveys.communityId, communityId)).orderBy(desc(trustSurveys.openedAt));
  return Promise.all(rows.map((r) => surveyResults(db, communityId, r.id)));
}

/** The results of the open survey, or else of the most recent one; null when there has been none. */
export async function latestSurveyResults(db: Db, communityId: string): Promise<SurveyResults | null> {
  const [row] = await db.select({ id: trustSurveys.id }).from(trustSurveys).where(eq(trustSurveys.communityId, communityId))
    .orderBy(sql`(${trustSurveys.closedAt} IS NULL) DESC`, desc(trustSurveys.openedAt)).limit(1);
  return row ? surveyResults(db, communityId, row.id) : null;
}

/** A coordinator opens a survey; only one may be open at a time. */
export async function openSurvey(db: Db, communityId: string, coordinatorId: string, title: string): Promise<SurveyResults> {
  try {
    const [row] = await db.insert(trustSurveys).values({ communityId, title, openedBy: coordinatorId }).returning();
    return await surveyResults(db, communityId, row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('survey.already_open', 'A trust survey is already open. Close it before starting another.');
    throw error;
  }
}

/** A coordinator closes the open survey; its results stay. */
export async function closeSurvey(db: Db, communityId: string, surveyId: string, coordinatorId: string): Promise<SurveyResults> {
  const [row] = await db.update(trustSurveys).set({ closedAt: new Date(), closedBy: coordinatorId })
    .where(and(eq(trustSurveys.id, surveyId), eq(trustSurveys.communityId, communityId), isNull(trustSurveys.closedAt))).returning();
  if (!row) {
    await surveyInCommunity(db, communityId, surveyId);
    throw conflict('survey.closed', 'This survey is already closed.');
  }
  return surveyResults(db, communityId, surveyId);
}

/** The open survey a member may answer, and whether they already have. */
export async function surveyForMember(db: Db, communityId: string, userId: string): Promise<MemberSurvey> {
  const [row] = await db.select().from(trustSurveys).where(and(eq(trustSurveys.communityId, communityId), isNull(trustSurveys.closedAt)));
  if (!row) return { survey: null, answered: false };
  const [answer] = await db.select({ userId: trustSurveyResponses.userId }).from(trustSurveyResponses)
    .where(and(eq(trustSurveyResponses.surveyId, row.id), eq(trustSurveyResponses.userId, userId)));
  return { survey: presentSurvey(row), answered: Boolean(answer) };
}

/** A member answers the open survey, once. */
export async function answerSurvey(db: Db, communityId: string, surveyId: string, userId: string, answer: SurveyAnswer): Promise<MemberSurvey> {
  const survey = await surveyInCommunity(db, communityId, surveyId);
  const [me] = await db.select({ kind: users.kind, role: memberships.role }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
  if (!me || me.kind === 'organisation' || me.role === 'organisation') {
    throw forbidden('survey.people_only', 'The trust survey asks residents for their own view, so organisation accounts do not answer it.');
  }
  if (survey.closedAt) throw conflict('survey.closed', 'This survey has closed. Thank you all the same.');
  try {
    await db.insert(trustSurveyResponses).values({ surveyId, communityId, userId, generalised: answer.generalised, neighbourhood: answer.neighbourhood });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('survey.already_answered', 'You have already answered this survey. Thank you!');
    throw error;
  }
  return { survey: presentSurvey(survey), answered: true };
}
