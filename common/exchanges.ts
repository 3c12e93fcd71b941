// Exchanges of time between two members: proposal, approval, the work, confirmation, disputes,
// proxy recording and references.
import { z } from 'zod';
import { communityParams } from './communities.ts';
import { exchangeMinutes, isoDate } from './ledger.ts';

export const EXCHANGE_STATUSES = ['proposed', 'accepted', 'done', 'confirmed', 'declined', 'cancelled', 'disputed', 'resolved'] as const;
export const exchangeStatus = z.enum(EXCHANGE_STATUSES);
export type ExchangeStatus = z.infer<typeof exchangeStatus>;

/** What the viewer may do next; the web app shows a button for each. */
export const EXCHANGE_ACTIONS = [
  'accept', 'decline', 'cancel', 'record', 'confirm', 'adjust', 'accept_adjustment', 'dispute', 'approve', 'refuse', 'resolve', 'reference', 'reverse',
] as const;
export type ExchangeAction = (typeof EXCHANGE_ACTIONS)[number];

const note = z.string().trim().max(500, { message: 'Use at most 500 characters' }).default('');
const person = z.object({ id: z.uuid(), displayName: z.string() });

export const exchangeParams = communityParams.extend({ exchangeId: z.uuid() });
export const memberReferencesParams = communityParams.extend({ userId: z.uuid() });

export const proposeExchangeBody = z.object({
  /** The offer or request this exchange answers. */
  listingId: z.uuid(),
  /** Needed when you propose from your own listing: the member you are inviting. */
  counterpartId: z.uuid().optional(),
  /** Propose as an organisation you act for. */
  asOrganisationId: z.uuid().optional(),
  description: z.string().trim().max(2000).default(''),
  proposedMinutes: exchangeMinutes.optional(),
  scheduledFor: z.iso.datetime({ offset: true, message: 'Use a date and time like 2026-03-31T14:00:00Z' }).optional(),
});
export type ProposeExchangeBody = z.infer<typeof proposeExchangeBody>;

export const reasonBody = z.object({ reason: note });
export const recordBody = z.object({ minutes: exchangeMinutes, note });
export const adjustBody = z.object({
  minutes: exchangeMinutes,
  note: z.string().trim().min(3, { message: 'Say why the time is different' }).max(500),
});
export const disputeBody = z.object({
  reason: z.string().trim().min(10, { message: 'Say what went wrong in a sentence or two' }).max(2000),
});
export const approvalBody = z.object({ decision: z.enum(['approve', 'refuse']), note });
export const resolutionBody = z.object({
  /** Minutes to post for the work that was done; 0 posts nothing. */
  minutes: z.number().int({ message: 'Use whole minutes' }).min(0).max(1440, { message: 'One exchange can record at most 24 hours (1440 minutes)' }),
  upheldAgainst: z.enum(['provider', 'receiver', 'neither']),
  note: z.string().trim().min(10, { message: 'Explain the decision in a sentence or two' }).max(2000),
});

export const proxyExchangeBody = z.object({
  providerId: z.uuid(),
  receiverId: z.uuid(),
  /** The member who is not online and for whom the coordinator records (one of the two). */
  onBehalfOf: z.uuid(),
  skillId: z.number().int().positive(),
  minutes: exchangeMinutes,
  occurredOn: isoDate,
  description: z.string().trim().max(2000).default(''),
});
export type ProxyExchangeBody = z.infer<typeof proxyExchangeBody>;

export const exchangesQuery = z.object({
  status: exchangeStatus.optional(),
  role: z.enum(['provider', 'receiver', 'any']).default('any'),
  /** A coordinator may list everyone's exchanges. */
  all: z.stringbool().default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const exchangeCountsQuery = exchangesQuery.pick({ role: true });

/** How many of the viewer's exchanges are in each status. */
export const exchangeCounts = z.object({
  total: z.number(),
  byStatus: z.record(exchangeStatus, z.number()),
});
export type ExchangeCounts = z.infer<typeof exchangeCounts>;

export const exchangeEvent = z.object({
  id: z.number(),
  kind: z.string(),
  actor: person.nullable(),
  onBehalfOf: person.nullable(),
  minutes: z.number().nullable(),
  note: z.string(),
  createdAt: z.string(),
});

export const reference = z.object({
  id: z.uuid(),
  exchangeId: z.uuid(),
  author: person,
  subject: person,
  body: z.string(),
  wouldExchangeAgain: z.boolean(),
  createdAt: z.string(),
});
export type Reference = z.infer<typeof reference>;

export const exchange = z.object({
  id: z.uuid(),
  listingId: z.uuid().nullable(),
  provider: person,
  receiver: person,
  proposedBy: person,
  skill: z.object({ id: z.number(), label: z.string(), category: z.string() }),
  description: z.string(),
  proposedMinutes: z.number().nullable(),
  scheduledFor: z.string().nullable(),
  status: exchangeStatus,
  approval: z.enum(['not_needed', 'pending', 'approved', 'refused']),
  needsSafeguarding: z.boolean(),
  recordedMinutes: z.number().nullable(),
  pendingAdjustment: z.object({ minutes: z.number(), note: z.string() }).nullable(),
  confirmedMinutes: z.number().nullable(),
  confirmedAt: z.string().nullable(),
  confirmedHow: z.enum(['receiver', 'adjustment_accepted', 'auto', 'proxy', 'resolution']).nullable(),
  /** When a waiting exchange confirms itself if nobody acts. */
  autoConfirmAt: z.string().nullable(),
  proxyRecordedBy: person.nullable(),
  upheldAgainst: z.uuid().nullable(),
  transactionId: z.uuid().nullable(),
  reversed: z.boolean(),
  viewerRole: z.enum(['provider', 'receiver', 'coordinator']),
  allowedActions: z.array(z.enum(EXCHANGE_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Exchange = z.infer<typeof exchange>;

export const exchangeDetail = exchange.extend({ events: z.array(exchangeEvent), references: z.array(reference) });
export type ExchangeDetail = z.infer<typeof exchangeDetail>;

export const exchangeQueue = z.object({
  approvals: z.array(exchange),
  disputes: z.array(exchange),
  /** Done exchanges whose automatic confirmation a limit or a party's standing stopped: a coordinator resolves them. */
  held: z.array(exchange),
});

export const referenceBody = z.object({
  body: z.string().trim().min(1, { message: 'Write a few words' }).max(1000, { message: 'Use at most 1000 characters' }),
  wouldExchangeAgain: z.boolean(),
});

export const memberReferences = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  confirmedExchanges: z.number(),
  /** References shown to this viewer (the list holds the newest of them). */
  totalReferences: z.number(),
  /** Of those, how many say they would exchange again. */
  wouldExchangeAgain: z.number(),
  references: z.array(reference),
});
export type MemberReferences = z.infer<typeof memberReferences>;

export const autoConfirmResult = z.object({ confirmed: z.number(), skipped: z.array(z.object({ exchangeId: z.uuid(), code: z.string() })) });
