// Drizzle's view of the tables that migrations/*.sql create. The SQL files are the source of
// truth for constraints and triggers; test/schema-drift.test.ts checks this file against them.
import { bigint, bigserial, boolean, customType, date, doublePrecision, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
  /** Work with children or with adults who may be vulnerable: the helper must be safeguarding-checked (0008_safeguarding_rules). */
  worksWith: text('works_with', { enum: ['children', 'vulnerable_adults'] }),
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

// Time bank (migrations/0004_timebank.sql): settings, offers and requests, exchanges,
// references, group exchanges, the hour ledger (integer minutes) and notifications.

export const TIMEBANK_MODES = ['zero_sum', 'participation'] as const;

export const timebankSettings = pgTable('timebank_settings', {
  communityId: uuid('community_id').primaryKey(),
  mode: text('mode', { enum: TIMEBANK_MODES }).notNull().default('zero_sum'),
  maxDebitMinutes: integer('max_debit_minutes').notNull().default(1200),
  maxCreditMinutes: integer('max_credit_minutes').notNull().default(6000),
  autoConfirmDays: integer('auto_confirm_days').notNull().default(14),
  approvalCategories: text('approval_categories').array().notNull().default([]),
  /** Every exchange of help in someone's home needs a coordinator's approval too (0012_approval_in_home). */
  approvalInHome: boolean('approval_in_home').notNull().default(false),
  safeguardingCategories: text('safeguarding_categories').array().notNull().default(['care-company']),
  /** The level a helper needs for help in someone's home (0008_safeguarding_rules). */
  homeVisitLevel: text('home_visit_level', { enum: ['registered', 'vouched', 'verified', 'safeguarding-checked'] }).notNull().default('verified'),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const ledgerAccounts = pgTable('ledger_accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  kind: text('kind', { enum: ['member', 'fund'] }).notNull(),
  userId: uuid('user_id'),
  balance: bigint('balance', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const LISTING_KINDS = ['offer', 'request'] as const;
export const LISTING_PLACES = ['at_home', 'in_someones_home', 'in_public', 'online'] as const;
export const LISTING_STATUSES = ['open', 'paused', 'closed'] as const;

export const listings = pgTable('listings', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  kind: text('kind', { enum: LISTING_KINDS }).notNull(),
  ownerId: uuid('owner_id').notNull(),
  createdBy: uuid('created_by').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  skillId: integer('skill_id').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  place: text('place', { enum: LISTING_PLACES }).notNull(),
  availability: text('availability').notNull().default(''),
  expiresOn: date('expires_on', { mode: 'string' }),
  status: text('status', { enum: LISTING_STATUSES }).notNull().default('open'),
  lat: doublePrecision('lat'),
  lng: doublePrecision('lng'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const EXCHANGE_STATUSES = ['proposed', 'accepted', 'done', 'confirmed', 'declined', 'cancelled', 'disputed', 'resolved'] as const;
export const EXCHANGE_APPROVALS = ['not_needed', 'pending', 'approved', 'refused'] as const;
export const EXCHANGE_CONFIRMED_HOW = ['receiver', 'adjustment_accepted', 'auto', 'proxy', 'resolution'] as const;

export const exchanges = pgTable('exchanges', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  listingId: uuid('listing_id'),
  providerId: uuid('provider_id').notNull(),
  receiverId: uuid('receiver_id').notNull(),
  proposedBy: uuid('proposed_by').notNull(),
  skillId: integer('skill_id').notNull(),
  category: text('category').notNull(),
  description: text('description').notNull().default(''),
  proposedMinutes: integer('proposed_minutes'),
  scheduledFor: ts('scheduled_for'),
  status: text('status', { enum: EXCHANGE_STATUSES }).notNull().default('proposed'),
  approval: text('approval', { enum: EXCHANGE_APPROVALS }).notNull().default('not_needed'),
  recordedMinutes: integer('recorded_minutes'),
  adjustedMinutes: integer('adjusted_minutes'),
  adjustmentNote: text('adjustment_note').notNull().default(''),
  awaitingSince: ts('awaiting_since'),
  confirmedMinutes: integer('confirmed_minutes'),
  confirmedAt: ts('confirmed_at'),
  confirmedHow: text('confirmed_how', { enum: EXCHANGE_CONFIRMED_HOW }),
  proxyRecordedBy: uuid('proxy_recorded_by'),
  upheldAgainst: uuid('upheld_against'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** When the scheduler held its automatic confirmation for a coordinator (0010). */
  autoConfirmHeldAt: ts('auto_confirm_held_at'),
});

export const EXCHANGE_EVENT_KINDS = ['proposed', 'accepted', 'declined', 'cancelled', 'approved', 'refused', 'done', 'adjusted',
  'adjustment_accepted', 'confirmed', 'auto_confirmed', 'auto_confirm_held', 'disputed', 'resolved', 'proxy_recorded'] as const;

export const exchangeEvents = pgTable('exchange_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: uuid('community_id').notNull(),
  exchangeId: uuid('exchange_id').notNull(),
  kind: text('kind', { enum: EXCHANGE_EVENT_KINDS }).notNull(),
  actorId: uuid('actor_id'),
  onBehalfOf: uuid('on_behalf_of'),
  minutes: integer('minutes'),
  note: text('note').notNull().default(''),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const exchangeReferences = pgTable('exchange_references', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  exchangeId: uuid('exchange_id').notNull(),
  authorId: uuid('author_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  body: text('body').notNull(),
  wouldExchangeAgain: boolean('would_exchange_again').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const groupExchanges = pgTable('group_exchanges', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  title: text('title').notNull(),
  skillId: integer('skill_id').notNull(),
  category: text('category').notNull(),
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  payerAccountId: uuid('payer_account_id').notNull(),
  recordedBy: uuid('recorded_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const LEDGER_TRANSACTION_KINDS = ['exchange', 'group_exchange', 'donation', 'grant', 'reversal'] as const;

export const ledgerTransactions = pgTable('ledger_transactions', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  kind: text('kind', { enum: LEDGER_TRANSACTION_KINDS }).notNull(),
  baseKind: text('base_kind', { enum: ['exchange', 'group_exchange', 'donation', 'grant'] }).notNull(),
  exchangeId: uuid('exchange_id'),
  groupExchangeId: uuid('group_exchange_id'),
  reversesId: uuid('reverses_id'),
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by'),
  postedAt: ts('posted_at').notNull().defaultNow(),
});

export const ledgerEntries = pgTable('ledger_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: uuid('community_id').notNull(),
  transactionId: uuid('transaction_id').notNull(),
  kind: text('kind', { enum: LEDGER_TRANSACTION_KINDS }).notNull(),
  baseKind: text('base_kind', { enum: ['exchange', 'group_exchange', 'donation', 'grant'] }).notNull(),
  accountId: uuid('account_id').notNull(),
  amount: integer('amount').notNull(),
  postedAt: ts('posted_at').notNull().defaultNow(),
});

/** What a person wants to be told about (0008_notification_preferences); no row means the defaults. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id').primaryKey(),
  matchingRequestsInApp: boolean('matching_requests_in_app').notNull().default(true),
  matchingRequestsEmail: boolean('matching_requests_email').notNull().default(false),
  /** Steps in my exchanges by email, unread in the app (0013_exchange_emails). */
  exchangesEmail: boolean('exchanges_email').notNull().default(false),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  userId: uuid('user_id').notNull(),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull().default(''),
  link: text('link').notNull().default(''),
  sourceId: text('source_id').notNull(),
  readAt: ts('read_at'),
  /** When it went out by email (0013_exchange_emails); null when it has not. */
  emailedAt: ts('emailed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

// Trust and social capital (migrations/0006_trust.sql): stored scores, recompute runs, monthly
// measures and the trust survey.

export const trustScores = pgTable('trust_scores', {
  communityId: uuid('community_id').notNull(),
  userId: uuid('user_id').notNull(),
  score: doublePrecision('score').notNull(),
  computedAt: ts('computed_at').notNull(),
}, (t) => [primaryKey({ columns: [t.communityId, t.userId] })]);

export const TRUST_RUN_REASONS = ['daily', 'burst', 'manual', 'demo'] as const;

export const trustRuns = pgTable('trust_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  communityId: uuid('community_id').notNull(),
  reason: text('reason', { enum: TRUST_RUN_REASONS }).notNull(),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at').notNull().defaultNow(),
  iterations: integer('iterations').notNull(),
  residual: doublePrecision('residual').notNull(),
  members: integer('members').notNull(),
  ties: integer('ties').notNull(),
  durationMs: integer('duration_ms').notNull(),
  lastInteractionId: bigint('last_interaction_id', { mode: 'number' }).notNull().default(0),
  monthsMeasured: integer('months_measured').notNull().default(0),
});

export const trustMeasures = pgTable('trust_measures', {
  communityId: uuid('community_id').notNull(),
  month: date('month', { mode: 'string' }).notNull(),
  measures: jsonb('measures').$type<Record<string, unknown>>().notNull(),
  computedAt: ts('computed_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.communityId, t.month] })]);

export const trustSurveys = pgTable('trust_surveys', {
  id: uuid('id').primaryKey().defaultRandom(),
  communityId: uuid('community_id').notNull(),
  title: text('title').notNull(),
  openedBy: uuid('opened_by').notNull(),
  openedAt: ts('opened_at').notNull().defaultNow(),
  closedBy: uuid('closed_by'),
  closedAt: ts('closed_at'),
  /** Answer counts, fixed when the survey closes (migrations/0009_trust_survey_results.sql). */
  results: jsonb('results').$type<{ total: number; generalised: Record<string, number>; neighbourhood: Record<string, number> }>(),
});

export const GENERALISED_TRUST_ANSWERS = ['most_people', 'cannot_be_too_careful'] as const;
export const NEIGHBOURHOOD_TRUST_ANSWERS = ['many', 'some', 'a_few', 'none'] as const;

export const trustSurveyResponses = pgTable('trust_survey_responses', {
  surveyId: uuid('survey_id').notNull(),
  communityId: uuid('community_id').notNull(),
  userId: uuid('user_id').notNull(),
  generalised: text('generalised', { enum: GENERALISED_TRUST_ANSWERS }).notNull(),
  neighbourhood: text('neighbourhood', { enum: NEIGHBOURHOOD_TRUST_ANSWERS }).notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.surveyId, t.userId] })]);
