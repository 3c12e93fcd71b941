import { and, count, desc, eq, isNotNull, isNull, ne, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { KIND_WEIGHTS } from '../../../trust/kind-weights.ts';
import type { Db } from '../../db/client.ts';
import { communities, interactions, memberships, reports, users } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound, isUniqueViolation } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import type { ReportBody, ReportReason } from '../../../common/moderation.ts';

/** How much an upheld report weakens the tie between reporter and reported (the trust engine's table). */
// One upheld report is an act of size 1, stored negative so the table reads as evidence against;
// how much it counts is KIND_WEIGHTS.report_upheld, applied by the trust engine.
export const REPORT_UPHELD_WEIGHT = Math.sign(KIND_WEIGHTS.report_upheld);

const REASON_WORDS: Record<ReportReason, string> = {
  spam: 'spam',
  harassment: 'harassment',
  unsafe: 'something unsafe',
  impersonation: 'pretending to be someone else',
  inappropriate: 'inappropriate content',
  other: 'another reason',
};

const reporter = alias(users, 'reporter');
const subject = alias(users, 'subject');
const resolver = alias(users, 'resolver');

const reportColumns = {
  report: reports,
  reporterName: reporter.displayName,
  subjectName: subject.displayName,
  resolverName: resolver.displayName,
};

type ReportRow = { report: typeof reports.$inferSelect; reporterName: string | null; subjectName: string | null; resolverName: string | null };

function presentReport({ report, reporterName, subjectName, resolverName }: ReportRow) {
  const person = (id: string | null, name: string | null) => (id && name !== null ? { id, displayName: name } : null);
  return {
    id: report.id,
    reporter: person(report.reporterId, reporterName),
    subject: person(report.subjectUserId, subjectName),
    contentType: report.contentType,
    contentId: report.contentId,
    reason: report.reason,
    details: report.details,
    status: report.status,
    resolvedBy: person(report.resolvedBy, resolverName),
    resolutionNote: report.resolutionNote,
    resolvedAt: report.resolvedAt?.toISOString() ?? null,
    createdAt: report.createdAt.toISOString(),
  };
}

function selectReports(db: Db, where: SQL | undefined) {
  return db
    .select(reportColumns)
    .from(reports)
    .leftJoin(reporter, eq(reporter.id, reports.reporterId))
    .leftJoin(subject, eq(subject.id, reports.subjectUserId))
    .leftJoin(resolver, eq(resolver.id, reports.resolvedBy))
    .where(where);
}

const ownCase = () => forbidden('report.own_case', 'This report is about you, so another coordinator needs to deal with it.');

// A coordinator does not see reports about themselves (who reported them, and why), so that
// nobody can lean on the person who complained; the other coordinators deal with those.
const notAbout = (viewerId: string) => or(isNull(reports.subjectUserId), ne(reports.subjectUserId, viewerId));

/**
 * One report of a community, presented; 404 when it belongs elsewhere or does not exist, 403
 * when it is about the coordinator asking.
 */
export async function getReport(db: Db, communityId: string, reportId: string, viewerId: string) {
  const [row] = await selectReports(db, and(eq(reports.id, reportId), eq(reports.communityId, communityId)));
  if (!row) throw notFound('report');
  if (row.report.subjectUserId === viewerId) throw ownCase();
  return presentReport(row);
}

/** Who hears about a new report: the community's coordinators, or the administrators if none is left to tell. */
async function reportRecipients(db: Db, communityId: string, exclude: string[]) {
  const notExcluded = and(...exclude.map((id) => ne(users.id, id)));
  const coordinators = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'coordinator'), eq(memberships.status, 'active'), isNull(users.deletedAt), isNotNull(users.email), notExcluded));
  if (coordinators.length > 0) return coordinators.map((r) => r.email!);
  const admins = await db.select({ email: users.email }).from(users).where(and(eq(users.isAdmin, true), isNull(users.deletedAt), isNotNull(users.email), notExcluded));
  return admins.map((r) => r.email!);
}

/**
 * A member reports a person's profile or something they posted. The reported person must be in
 * the community; the same member cannot have two open reports about the same thing. The
 * coordinators are emailed; the reported person is not told.
 */
export async function fileReport(db: Db, mailer: Mailer, publicUrl: string, communityId: string, reporterId: string, input: ReportBody) {
  if (input.subjectUserId === reporterId) throw invalid('report.self', 'You cannot report yourself.', 'subjectUserId');
  const profile = input.contentType === 'profile';
  if (!profile && !input.contentId) throw invalid('report.content_required', 'Say which item you are reporting.', 'contentId');
  const contentId = profile ? input.subjectUserId : input.contentId;

  const [member] = await db
    .select({ displayName: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, input.subjectUserId), ne(memberships.status, 'left'), isNull(users.deletedAt)));
  if (!member) throw notFound('member', 'report.subject_not_found');

  const duplicate = () => conflict('report.duplicate', 'You have already reported this, and a coordinator has not dealt with it yet. You do not need to report it again.');
  try {
    return await db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: reports.id })
        .from(reports)
        .where(and(eq(reports.communityId, communityId), eq(reports.reporterId, reporterId), eq(reports.contentType, input.contentType), eq(reports.contentId, contentId), eq(reports.status, 'open')));
      if (open) throw duplicate();
      const [row] = await tx
        .insert(reports)
        .values({ communityId, reporterId, subjectUserId: input.subjectUserId, contentType: input.contentType, contentId, reason: input.reason, details: input.details })
        .returning();
      const [community] = await tx.select({ name: communities.name }).from(communities).where(eq(communities.id, communityId));
      const kind = input.contentType.replace(/_/g, ' ');
      const what = profile ? `the profile of ${member.displayName}` : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} posted by ${member.displayName}`;
      for (const to of await reportRecipients(tx, communityId, [reporterId, input.subjectUserId])) {
        await mailer.send(tx, {
          to,
          subject: `New report in ${community.name}`,
          body: `A member of ${community.name} has reported ${what} for ${REASON_WORDS[input.reason]}.\n\nPlease look at it in the coordinator console:\n${publicUrl}/coordinator\n\nThe details are shown only in Kith, to keep them private.`,
        });
      }
      return { id: row.id, status: row.status, createdAt: row.createdAt.toISOString() };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}

const STATUS_FILTER = {
  open: eq(reports.status, 'open'),
  resolved: ne(reports.status, 'open'),
  all: undefined,
} as const;

/** A community's reports (but not those about the viewer), newest first, filtered to open, resolved or all. */
export async function listReports(db: Db, communityId: string, viewerId: string, query: { status: keyof typeof STATUS_FILTER; page: number; pageSize: number }) {
  const where = and(eq(reports.communityId, communityId), STATUS_FILTER[query.status], notAbout(viewerId));
  const [{ total }] = await db.select({ total: count() }).from(reports).where(where);
  const rows = await selectReports(db, where)
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items: rows.map(presentReport), total, page: query.page, pageSize: query.pageSize };
}

/**
 * A coordinator upholds or dismisses an open report with a note. Upholding a report about a
 * person records a negative interaction (reporter → reported) in the same transaction, so the
 * trust engine sees it exactly when the decision stands.
 */
export async function resolveReport(db: Db, communityId: string, reportId: string, coordinatorId: string, decision: { outcome: 'uphold' | 'dismiss'; note: string }) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(reports).where(and(eq(reports.id, reportId), eq(reports.communityId, communityId)));
    if (!current) throw notFound('report');
    if (current.subjectUserId === coordinatorId) {
      throw ownCase();
    }
    const already = () => conflict('report.resolved', `This report has already been ${current.status === 'open' ? 'resolved' : current.status}.`);
    if (current.status !== 'open') throw already();
    const now = new Date();
    const [row] = await tx
      .update(reports)
      .set({ status: decision.outcome === 'uphold' ? 'upheld' : 'dismissed', resolvedBy: coordinatorId, resolutionNote: decision.note, resolvedAt: now })
      .where(and(eq(reports.id, reportId), eq(reports.communityId, communityId), eq(reports.status, 'open')))
      .returning();
    // Another coordinator decided it between our read and our write.
    if (!row) throw conflict('report.resolved', 'Another coordinator has just resolved this report.');
    if (row.status === 'upheld' && row.subjectUserId && row.reporterId) {
      await tx.insert(interactions).values({
        communityId,
        actorId: row.reporterId,
        subjectId: row.subjectUserId,
        kind: 'report_upheld',
        weight: REPORT_UPHELD_WEIGHT,
        occurredAt: now,
        sourceType: 'report',
        sourceId: row.id,
      });
    }
    return getReport(tx, communityId, reportId, coordinatorId);
  });
}

/** Open reports of a community that `viewerId` may deal with, for the coordinators' overview. */
export async function countOpenReports(db: Db, communityId: string, viewerId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(reports).where(and(eq(reports.communityId, communityId), eq(reports.status, 'open'), notAbout(viewerId)));
  return n;
}

/** The reports a person has made, in every community, for their data export. */
export async function reportsMadeBy(db: Db, userId: string) {
  const rows = await selectReports(db, eq(reports.reporterId, userId)).orderBy(desc(reports.createdAt));
  // The outcome note is the coordinators' record; the reporter sees what they reported and its status.
  return rows.map((row) => {
    const { resolvedBy: _r, resolutionNote: _n, ...rest } = presentReport(row);
    return { ...rest, communityId: row.report.communityId };
  });
}
