// Offers of help and requests for help, search, matching and in-app notifications.
import { z } from 'zod';
import { communityParams } from './communities.ts';
import { isoDate } from './ledger.ts';
import { verificationLevel } from './verification.ts';

export const LISTING_KINDS = ['offer', 'request'] as const;
export const LISTING_PLACES = ['at_home', 'in_someones_home', 'in_public', 'online'] as const;
export const LISTING_STATUSES = ['open', 'paused', 'closed'] as const;

export const listingKind = z.enum(LISTING_KINDS);
/** Where the help happens: at the helper's home, in someone's home, somewhere public, online. */
export const listingPlace = z.enum(LISTING_PLACES);
export type ListingPlace = z.infer<typeof listingPlace>;
export const listingStatus = z.enum(LISTING_STATUSES);

/** A point on the map. The server snaps it to a ~200 m grid before storing it. */
export const location = z.object({
  lat: z.number().min(-90, { message: 'Latitude is between -90 and 90' }).max(90, { message: 'Latitude is between -90 and 90' }),
  lng: z.number().min(-180, { message: 'Longitude is between -180 and 180' }).max(180, { message: 'Longitude is between -180 and 180' }),
});

const fields = {
  title: z.string().trim().min(3, { message: 'Use at least 3 characters' }).max(120, { message: 'Use at most 120 characters' }),
  description: z.string().trim().max(2000, { message: 'Use at most 2000 characters' }).default(''),
  skillId: z.number({ message: 'Choose a skill' }).int().positive({ message: 'Choose a skill' }),
  durationMinutes: z.number({ message: 'Enter how long it usually takes, in minutes' }).int({ message: 'Use whole minutes' })
    .min(15, { message: 'Use at least 15 minutes' }).max(1440, { message: 'Use at most 24 hours (1440 minutes)' }),
  place: listingPlace,
  availability: z.string().trim().max(300, { message: 'Use at most 300 characters' }).default(''),
  expiresOn: isoDate.nullable().default(null),
  location: location.nullable().default(null),
};

export const listingInput = z.object({
  kind: listingKind,
  ...fields,
  /** Post for an organisation you act for. */
  onBehalfOf: z.uuid().optional(),
});
export type ListingInput = z.infer<typeof listingInput>;

export const listingUpdate = z.object({
  title: fields.title.optional(),
  description: z.string().trim().max(2000, { message: 'Use at most 2000 characters' }).optional(),
  skillId: fields.skillId.optional(),
  durationMinutes: fields.durationMinutes.optional(),
  place: listingPlace.optional(),
  availability: z.string().trim().max(300, { message: 'Use at most 300 characters' }).optional(),
  expiresOn: isoDate.nullable().optional(),
  location: location.nullable().optional(),
});
export type ListingUpdate = z.infer<typeof listingUpdate>;

export const listingStatusBody = z.object({ status: listingStatus });
export const listingParams = communityParams.extend({ listingId: z.uuid() });

export const listingsQuery = z.object({
  kind: listingKind.optional(),
  skillId: z.coerce.number().int().positive().optional(),
  category: z.string().trim().regex(/^[a-z0-9-]{1,60}$/).optional(),
  /** Words to find in the title or description. */
  q: z.string().trim().min(1).max(200).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  /** With lat and lng: only listings this close (metres), nearest first. */
  withinM: z.coerce.number().int().min(100).max(100_000).optional(),
  ownerId: z.uuid().optional(),
  status: listingStatus.default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type ListingsQuery = z.infer<typeof listingsQuery>;

export const skillSummary = z.object({ id: z.number(), slug: z.string(), label: z.string(), category: z.string() });

/**
 * Why a helper needs a level: work with children, with adults who may be vulnerable, a category
 * the community marks for safeguarding, or help given in someone's home.
 */
export const HELPER_NEED_REASONS = ['children', 'vulnerable_adults', 'category', 'in_someones_home'] as const;
export type HelperNeedReason = (typeof HELPER_NEED_REASONS)[number];

/** What the helper in an exchange must be: a verification level, and why. */
export const helperNeed = z.object({ level: verificationLevel, reasons: z.array(z.enum(HELPER_NEED_REASONS)) });
export type HelperNeed = z.infer<typeof helperNeed>;

/**
 * Why the viewer cannot answer a listing: it is not open, its owner cannot take part now, the
 * viewer would be the helper of a request and does not meet `needs`, or the owner of an offer
 * no longer does (a DBS check lapsed).
 */
export const CANNOT_ANSWER_REASONS = ['not_open', 'owner_unavailable', 'viewer_not_cleared', 'owner_not_cleared'] as const;

export const listing = z.object({
  id: z.uuid(),
  kind: listingKind,
  owner: z.object({ id: z.uuid(), displayName: z.string(), kind: z.enum(['person', 'organisation']) }),
  title: z.string(),
  description: z.string(),
  skill: skillSummary,
  durationMinutes: z.number(),
  place: listingPlace,
  availability: z.string(),
  expiresOn: z.string().nullable(),
  expired: z.boolean(),
  status: listingStatus,
  location: location.nullable(),
  /** From the point in the query, when one was given and the listing has a location. */
  distanceM: z.number().nullable(),
  /** What the helper must be in this community (null: anyone may help). The server applies the same rule. */
  needs: helperNeed.nullable(),
  /** The helper must be safeguarding-checked (DBS): `needs.level` is safeguarding-checked. */
  needsSafeguarding: z.boolean(),
  /** Whether the viewer could answer it now; null for their own listing. */
  canAnswer: z.boolean().nullable(),
  /** Why not, when `canAnswer` is false. */
  cannotAnswer: z.enum(CANNOT_ANSWER_REASONS).nullable(),
  /** A coordinator approves exchanges in this category before the work starts. */
  needsApproval: z.boolean(),
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Listing = z.infer<typeof listing>;

export const listingPage = z.object({ listings: z.array(listing), total: z.number() });

/** Why a suggestion fits: an open offer in the same skill, the skill on their profile, or the same category. */
export const matchFit = z.enum(['offer', 'skill', 'category']);

// Suggestions come best first and carry no score: the ranking weighs personal trust, and a score
// beside fit, distance and availability would let anyone solve for it.
export const helperSuggestion = z.object({
  user: z.object({ id: z.uuid(), displayName: z.string() }),
  fit: matchFit,
  offerId: z.uuid().nullable(),
  distanceM: z.number().nullable(),
  availabilityOverlap: z.number().nullable(),
  /**
   * How many things the listing's owner and this member have done together: the owner's own
   * history, shown only to the owner (and their organisation's agents); null for coordinators.
   */
  connection: z.number().nullable(),
  safeguardingChecked: z.boolean(),
});

export const requestSuggestion = z.object({
  listing,
  fit: matchFit,
  availabilityOverlap: z.number().nullable(),
  /** As for helpers: the offer owner's shared history with the request's owner, null for coordinators. */
  connection: z.number().nullable(),
});

export const listingMatches = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('helpers'), listingId: z.uuid(), suggestions: z.array(helperSuggestion) }),
  z.object({ kind: z.literal('requests'), listingId: z.uuid(), suggestions: z.array(requestSuggestion) }),
]);
export type ListingMatches = z.infer<typeof listingMatches>;

export const notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationsQuery = z.object({
  unread: z.stringbool().default(false),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const notificationList = z.object({ notifications: z.array(notification), unread: z.number() });
export const markReadBody = z.object({ ids: z.array(z.uuid()).max(200).optional() });

/** What a person wants to be told about by email and in the app: new requests they could help with, and steps in their exchanges. */
export const notificationPreferences = z.object({
  matchingRequestsInApp: z.boolean(),
  /** Off until the person turns it on; separate from showing their email address to members. */
  matchingRequestsEmail: z.boolean(),
  /** Steps in their exchanges (a proposal, time to confirm, a reminder) by email when unread in the app; off until turned on. */
  exchangesEmail: z.boolean(),
  /** When they last changed it; null while they have the defaults. */
  updatedAt: z.string().nullable(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;

export const notificationPreferencesUpdate = z.object({
  matchingRequestsInApp: z.boolean().optional(),
  matchingRequestsEmail: z.boolean().optional(),
  exchangesEmail: z.boolean().optional(),
});
export type NotificationPreferencesUpdate = z.infer<typeof notificationPreferencesUpdate>;
