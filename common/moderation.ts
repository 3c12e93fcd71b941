import { z } from 'zod';
import { pageQuery } from './admin.ts';

export const REPORT_REASONS = ['spam', 'harassment', 'unsafe', 'impersonation', 'inappropriate', 'other'] as const;
export const reportReason = z.enum(REPORT_REASONS);
export type ReportReason = z.infer<typeof reportReason>;

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const blockBody = z.object({ userId: z.uuid() });
export const blockParams = z.object({ userId: z.uuid() });
export const block = z.object({ userId: z.uuid(), displayName: z.string(), createdAt: z.string() });
export type Block = z.infer<typeof block>;

/**
 * A report of a person's profile (contentType `profile`) or of something they posted
 * (contentType names the kind of thing, contentId its id). `subjectUserId` is always the person
 * the report is about: the profile's owner or the content's author. For a profile report the
 * contentId is not needed (the person's id is used).
 */
export const reportBody = z.object({
  subjectUserId: z.uuid(),
  contentType: z
    .string()
    .trim()
    .regex(/^[a-z_]{2,40}$/, { message: 'Use a kind of content such as profile or offer' })
    .default('profile'),
  contentId: z.string().trim().max(100, { message: 'Use at most 100 characters' }).default(''),
  reason: reportReason,
  details: z.string().trim().max(2000, { message: 'Use at most 2000 characters' }).default(''),
});
export type ReportBody = z.infer<typeof reportBody>;

export const reportStatus = z.enum(['open', 'upheld', 'dismissed']);
export const report = z.object({
  id: z.uuid(),
  reporter: person.nullable(),
  subject: person.nullable(),
  contentType: z.string(),
  contentId: z.string(),
  reason: reportReason,
  details: z.string(),
  status: reportStatus,
  resolvedBy: person.nullable(),
  resolutionNote: z.string(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Report = z.infer<typeof report>;
/** What the reporter gets back: enough to confirm it arrived, nothing about the outcome yet. */
export const createdReport = z.object({ id: z.uuid(), status: reportStatus, createdAt: z.string() });

export const reportListQuery = pageQuery.extend({ status: z.enum(['open', 'resolved', 'all']).default('open') });
export const reportParams = z.object({ communityId: z.uuid(), reportId: z.uuid() });
export const resolveReportBody = z.object({
  outcome: z.enum(['uphold', 'dismiss']),
  note: z.string().trim().min(1, { message: 'Write a short note about what you decided' }).max(2000, { message: 'Use at most 2000 characters' }),
});

export const memberParams = z.object({ communityId: z.uuid(), userId: z.uuid() });
export const suspendMemberBody = z.object({
  reason: z.string().trim().min(1, { message: 'Say briefly why, for the record' }).max(1000, { message: 'Use at most 1000 characters' }),
});
export const reinstateMemberBody = z.object({ reason: z.string().trim().max(1000, { message: 'Use at most 1000 characters' }).default('') });
export const memberStanding = z.object({
  userId: z.uuid(),
  role: z.enum(['member', 'coordinator', 'officer', 'organisation']),
  status: z.enum(['active', 'suspended']),
  statusReason: z.string(),
});
export type MemberStanding = z.infer<typeof memberStanding>;
