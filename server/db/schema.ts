// Drizzle's view of the tables that migrations/*.sql create. The SQL files are the source of
// truth for constraints and triggers; test/schema-drift.test.ts checks this file against them.
import { bigserial, boolean, customType, date, doublePrecision, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind', { enum: ['person', 'organisation'] }).notNull().default('person'),
  email: text('email'),
  passwordHash: text('password_hash'),
  displayName: text('display_name').notNull(),
  isAdmin: boolean('is_admin').notNull().default(false),
  suspendedAt: ts('suspended_at'),
  deletedAt: ts('deleted_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const profiles = pgTable('profiles', {
  userId: uuid('user_id').primaryKey(),
  bio: text('bio').notNull().default(''),
  area: text('area').notNull().default(''),
  languages: text('languages').array().notNull().default([]),
  accessibilityNeeds: text('accessibility_needs').notNull().default(''),
  contactByEmail: boolean('contact_by_email').notNull().default(false),
  contactByApp: boolean('contact_by_app').notNull().default(true),
  phone: text('phone').notNull().default(''),
  showPhone: boolean('show_phone').notNull().default(false),
  showInDirectory: boolean('show_in_directory').notNull().default(true),
  showBio: boolean('show_bio').notNull().default(true),
  showArea: boolean('show_area').notNull().default(true),
  analyticsOptOut: boolean('analytics_opt_out').notNull().default(false),
  reachOutOk: boolean('reach_out_ok').notNull().default(false),
  photo: bytea('photo'),
  photoType: text('photo_type'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const skills = pgTable('skills', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull(),
  label: text('label').notNull(),
  category: text('category').notNull().default('other'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const userSkills = pgTable('user_skills', {
  userId: uuid('user_id').notNull(),
  skillId: integer('skill_id').notNull(),
  kind: text('kind', { enum: ['skill', 'interest'] }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.skillId, t.kind] })]);

export const communities = pgTable('communities', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  centreLat: doublePrecision('centre_lat').notNull(),
  centreLng: doublePrecision('centre_lng').notNull(),
  radiusM: integer('radius_m').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const ROLES = ['member', 'coordinator', 'officer', 'organisation'] as const;
export type Role = (typeof ROLES)[number];

export const memberships = pgTable('memberships', {
  communityId: uuid('community_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: text('role', { enum: ROLES }).notNull().default('member'),
  status: text('status', { enum: ['active', 'suspended', 'left'] }).notNull().default('active'),
  statusReason: text('status_reason').notNull().default(''),
  joinedAt: ts('joined_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.communityId, t.userId] })]);

export const joinRequests = pgTable('join_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  userId: uuid('user_id').notNull(),
  message: text('message').notNull().default(''),
  status: text('status', { enum: ['pending', 'approved', 'declined', 'withdrawn'] }).notNull().default('pending'),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const invites = pgTable('invites', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  tokenHash: text('token_hash').notNull(),
  createdBy: uuid('created_by'),
  note: text('note').notNull().default(''),
  maxUses: integer('max_uses').notNull().default(1),
  uses: integer('uses').notNull().default(0),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const organisationAgents = pgTable('organisation_agents', {
  communityId: uuid('community_id').notNull(),
  organisationId: uuid('organisation_id').notNull(),
  userId: uuid('user_id').notNull(),
  title: text('title').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.communityId, t.organisationId, t.userId] })]);

export const vouches = pgTable('vouches', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  voucherId: uuid('voucher_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  voucherLevel: text('voucher_level').notNull(),
  note: text('note').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const verifications = pgTable('verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  coordinatorId: uuid('coordinator_id').notNull(),
  kind: text('kind', { enum: ['identity_address', 'dbs'] }).notNull(),
  checkedOn: date('checked_on', { mode: 'string' }).notNull(),
  expiresOn: date('expires_on', { mode: 'string' }),
  reference: text('reference').notNull().default(''),
  note: text('note').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const interactions = pgTable('interactions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: uuid('community_id').notNull(),
  actorId: uuid('actor_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  kind: text('kind').notNull(),
  weight: doublePrecision('weight').notNull(),
  occurredAt: ts('occurred_at').notNull().defaultNow(),
  sourceType: text('source_type').notNull(),
  sourceId: text('source_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const blocks = pgTable('blocks', {
  blockerId: uuid('blocker_id').notNull(),
  blockedId: uuid('blocked_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })]);

export const REPORT_REASONS = ['spam', 'harassment', 'unsafe', 'impersonation', 'inappropriate', 'other'] as const;

export const reports = pgTable('reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  reporterId: uuid('reporter_id'),
  subjectUserId: uuid('subject_user_id'),
  contentType: text('content_type').notNull().default('profile'),
  contentId: text('content_id').notNull().default(''),
  reason: text('reason', { enum: REPORT_REASONS }).notNull(),
  details: text('details').notNull().default(''),
  status: text('status', { enum: ['open', 'upheld', 'dismissed'] }).notNull().default('open'),
  resolvedBy: uuid('resolved_by'),
  resolutionNote: text('resolution_note').notNull().default(''),
  resolvedAt: ts('resolved_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull(),
  csrfToken: text('csrf_token').notNull(),
  userId: uuid('user_id').notNull(),
  activeCommunityId: uuid('active_community_id'),
  ip: text('ip').notNull().default(''),
  userAgent: text('user_agent').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
});

export const signInAttempts = pgTable('sign_in_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull(),
  ip: text('ip').notNull(),
  succeeded: boolean('succeeded').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const accountTokens = pgTable('account_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose', { enum: ['password_reset', 'email_change'] }).notNull(),
  newEmail: text('new_email'),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const outbox = pgTable('outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  toAddress: text('to_address').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  transport: text('transport', { enum: ['smtp', 'outbox'] }).notNull(),
  sentAt: ts('sent_at'),
  error: text('error'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const MODERATION_ACTIONS = ['suspend_member', 'reinstate_member', 'suspend_account', 'reinstate_account', 'grant_admin', 'revoke_admin'] as const;

/** Suspensions and administrator changes with their reasons (append-only). */
export const moderationActions = pgTable('moderation_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id'),
  actorId: uuid('actor_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
  reason: text('reason').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// 0002_profiles_directory: the directory's search document, maintained by triggers.
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const profileSearch = pgTable('profile_search', {
  userId: uuid('user_id').primaryKey(),
  document: tsvector('document').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const jobs = pgTable('jobs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  communityId: uuid('community_id'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
  runAt: ts('run_at').notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(5),
  dedupeKey: text('dedupe_key'),
  lockedBy: text('locked_by'),
  lockedAt: ts('locked_at'),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
});
