// The trust survey: the Community Life Survey's generalised-trust and neighbourhood-trust
// questions, answered in two taps, run by coordinators as often as they like. Results are
// aggregates only, with small cells hidden, and only once the survey has closed.
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

type GeneralisedCounts = Record<(typeof GENERALISED_ANSWERS)[number], number>;
type NeighbourhoodCounts = Record<(typeof NEIGHBOURHOOD_ANSWERS)[number], number>;
/** A survey's answer counts: live while it is open, fixed in trust_surveys.results once closed. */
type Tally = { total: number; generalised: GeneralisedCounts; neighbourhood: NeighbourhoodCounts };

const emptyTally = (): Tally => ({
  total: 0,
  generalised: Object.fromEntries(GENERALISED_ANSWERS.map((a) => [a, 0])) as GeneralisedCounts,
  neighbourhood: Object.fromEntries(NEIGHBOURHOOD_ANSWERS.map((a) => [a, 0])) as NeighbourhoodCounts,
});

/** Answer counts per survey of the community (of `surveyId` alone when given), in one query. */
async function tallies(db: Db, communityId: string, surveyId?: string): Promise<Map<string, Tally>> {
  const rows = await db
    .select({ surveyId: trustSurveyResponses.surveyId, generalised: trustSurveyResponses.generalised, neighbourhood: trustSurveyResponses.neighbourhood, n: count() })
    .from(trustSurveyResponses)
    .where(and(eq(trustSurveyResponses.communityId, communityId), surveyId ? eq(trustSurveyResponses.surveyId, surveyId) : undefined))
    .groupBy(trustSurveyResponses.surveyId, trustSurveyResponses.generalised, trustSurveyResponses.neighbourhood);
  const out = new Map<string, Tally>();
  for (const r of rows) {
    const tally = out.get(r.surveyId) ?? emptyTally();
    tally.generalised[r.generalised] += r.n;
    tally.neighbourhood[r.neighbourhood] += r.n;
    tally.total += r.n;
    out.set(r.surveyId, tally);
  }
  return out;
}

/** The counts fixed when a survey closed, read back with every answer present. */
function frozenTally(results: NonNullable<SurveyRow['results']>): Tally {
  const tally = emptyTally();
  tally.total = Number(results.total) || 0;
  for (const a of GENERALISED_ANSWERS) tally.generalised[a] = Number(results.generalised?.[a]) || 0;
  for (const a of NEIGHBOURHOOD_ANSWERS) tally.neighbourhood[a] = Number(results.neighbourhood?.[a]) || 0;
  return tally;
}

/**
 * A survey's results as anyone may see them. While a survey is open, only how many people have
 * answered (from 5 up), never how: counts that moved as each answer came in would let someone
 * who saw a neighbour press "send" read that neighbour's answer off the change. Once it closes
 * the counts are fixed (trust_surveys.results) and shown, small cells hidden; fixed, they never
 * move again, not even when someone who answered deletes their account.
 */
function presentResults(survey: SurveyRow, live: Tally | undefined): SurveyResults {
  const closed = survey.closedAt !== null && survey.results !== null;
  const tally = closed ? frozenTally(survey.results!) : (live ?? emptyTally());
  const responses = tally.total < MIN_CELL ? null : tally.total;
  const shown = closed ? responses : null;
  const g = guardCells(tally.generalised, shown);
  const h = guardCells(tally.neighbourhood, shown);
  return {
    survey: presentSurvey(survey),
    responses,
    generalised: { ...g, mostPeopleShare: shown !== null && g.most_people !== null ? g.most_people / shown : null },
    neighbourhood: { ...h, manyOrSomeShare: shown !== null && h.many !== null && h.some !== null ? (h.many + h.some) / shown : null },
  };
}

/** The results of one survey (answers only once it has closed). */
export async function surveyResults(db: Db, communityId: string, surveyId: string): Promise<SurveyResults> {
  const survey = await surveyInCommunity(db, communityId, surveyId);
  return presentResults(survey, survey.closedAt === null ? (await tallies(db, communityId, surveyId)).get(surveyId) : undefined);
}

/** Every survey of the community with its results, newest first: the trust survey over time. */
export async function listSurveys(db: Db, communityId: string): Promise<SurveyResults[]> {
  const rows = await db.select().from(trustSurveys).where(eq(trustSurveys.communityId, communityId)).orderBy(desc(trustSurveys.openedAt));
  const open = rows.find((r) => r.closedAt === null);
  const live = open ? await tallies(db, communityId, open.id) : new Map<string, Tally>();
  return rows.map((row) => presentResults(row, live.get(row.id)));
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

/**
 * A coordinator closes the open survey and its counts are fixed. The survey row is locked
 * first, so an answer still being written (which holds the row shared) is counted before the
 * close, and none can be written after it.
 */
export async function closeSurvey(db: Db, communityId: string, surveyId: string, coordinatorId: string): Promise<SurveyResults> {
  const closed = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(trustSurveys)
      .where(and(eq(trustSurveys.id, surveyId), eq(trustSurveys.communityId, communityId))).for('update');
    if (!row) throw notFound('survey');
    if (row.closedAt) throw conflict('survey.closed', 'This survey is already closed.');
    const tally = (await tallies(tx, communityId, surveyId)).get(surveyId) ?? emptyTally();
    const [updated] = await tx.update(trustSurveys).set({ closedAt: new Date(), closedBy: coordinatorId, results: tally })
      .where(eq(trustSurveys.id, surveyId)).returning();
    return updated;
  });
  return presentResults(closed, undefined);
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
  const closedError = () => conflict('survey.closed', 'This survey has closed. Thank you all the same.');
  if (survey.closedAt) throw closedError();
  try {
    await db.transaction(async (tx) => {
      // Held until the answer is written: a close waits for it, so the fixed counts include it.
      const [open] = await tx.select({ id: trustSurveys.id }).from(trustSurveys)
        .where(and(eq(trustSurveys.id, surveyId), isNull(trustSurveys.closedAt))).for('share');
      if (!open) throw closedError();
      await tx.insert(trustSurveyResponses).values({ surveyId, communityId, userId, generalised: answer.generalised, neighbourhood: answer.neighbourhood });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('survey.already_answered', 'You have already answered this survey. Thank you!');
    throw error;
  }
  return { survey: presentSurvey(survey), answered: true };
}
