import { z } from 'zod';

/** 1-based page of a long list; the web app shows "page N of M" from `total`. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1, { message: 'Use a page number of 1 or more' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { message: 'Use at most 100 a page' }).default(25),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** A page of items with the total, for any paginated list. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const outboxMailSummary = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  transport: z.enum(['smtp', 'outbox']),
  sentAt: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export const outboxMail = outboxMailSummary.extend({ body: z.string() });
export type OutboxMail = z.infer<typeof outboxMail>;
export const outboxQuery = pageQuery.extend({ to: z.string().trim().max(254).optional() });
export const mailParams = z.object({ mailId: z.uuid() });

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(100).default(''),
  filter: z.enum(['all', 'admins', 'suspended']).default('all'),
});
export const adminUser = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'organisation']),
  displayName: z.string(),
  email: z.string().nullable(),
  isAdmin: z.boolean(),
  suspendedAt: z.string().nullable(),
  suspensionReason: z.string().nullable(),
  communityCount: z.number().int(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUser>;
export const userParams = z.object({ userId: z.uuid() });

export const reason = z.string().trim().min(1, { message: 'Say briefly why, for the record' }).max(1000, { message: 'Use at most 1000 characters' });
export const suspendAccountBody = z.object({ reason });
export const reinstateAccountBody = z.object({ reason: z.string().trim().max(1000).default('') });
export const adminFlagBody = z.object({ isAdmin: z.boolean(), reason: z.string().trim().max(1000).default('') });

export const adminCommunity = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  coordinatorCount: z.number().int(),
  officerCount: z.number().int(),
  createdAt: z.string(),
});

export const communityMemberQuery = pageQuery.extend({
  q: z.string().trim().max(100).default(''),
  role: z.enum(['member', 'coordinator', 'officer', 'organisation']).optional(),
});
export const communityMember = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string().nullable(),
  kind: z.enum(['person', 'organisation']),
  role: z.enum(['member', 'coordinator', 'officer', 'organisation']),
  status: z.enum(['active', 'suspended']),
  statusReason: z.string(),
  joinedAt: z.string(),
});
export type CommunityMember = z.infer<typeof communityMember>;
export const adminCommunityParams = z.object({ communityId: z.uuid() });
