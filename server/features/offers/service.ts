// Offers of help and requests for help: posting, editing, pausing and closing, and browsing by
// skill, words and distance. Each listing is presented for its viewer: what its helper must be
// (exchanges/safeguarding.ts, the rule every exchange step applies) and whether they could answer it.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { exchanges, listings, skills, users } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import type { Listing, ListingInput, ListingsQuery, ListingUpdate } from '../../../common/offers.ts';
import type { VerificationLevel } from '../../../common/verification.ts';
import { actingIdentities, resolveActingAs } from '../exchanges/parties.ts';
import { needsApproval } from '../exchanges/approval.ts';
import { helperLevels, helperNeed, meetsNeed, requireSafeguarded, type WorksWith } from '../exchanges/safeguarding.ts';
import { getSettings, type SettingsRow } from '../ledger/settings.ts';
import { blockedEitherWay } from '../moderation/blocks.ts';
import { todayIn } from '../verification/dates.ts';
import { activeMember, notBlocked, notExpired } from './filters.ts';
import { distanceSql, fuzzLocation, type Point } from './geo.ts';

/** A listing with its owner and skill, and whether its owner can take part now. */
export const listingColumns = (communityId: string) => ({
  l: listings,
  ownerName: users.displayName,
  ownerKind: users.kind,
  skill: { id: skills.id, slug: skills.slug, label: skills.label, category: skills.category },
  worksWith: skills.worksWith,
  ownerActive: activeMember(communityId, listings.ownerId),
});

export type ListingRow = {
  l: typeof listings.$inferSelect;
  ownerName: string;
  ownerKind: 'person' | 'organisation';
  skill: Listing['skill'];
  worksWith: WorksWith | null;
  ownerActive: boolean;
  distanceM?: number | null;
};

/** The viewer, as listings see them: the identities they act as. */
export type ListingViewer = { userId: string; identities: readonly string[]; coordinator: boolean };

/** What the helper of an exchange from this listing must be, in this community. */
export const listingNeed = (row: ListingRow, settings: SettingsRow) => helperNeed(settings, { category: row.skill.category, worksWith: row.worksWith, place: row.l.place });

/** Who would be the helper if the viewer answered: the viewer for a request, the owner for an offer. */
const helperIfAnswered = (row: ListingRow, viewer: ListingViewer) => (row.l.kind === 'request' ? viewer.userId : row.l.ownerId);

/**
 * A listing for one viewer, with the community's safeguarding and approval rules applied.
 * `levels` holds the verification level of whoever would help if the viewer answered it.
 */
export function presentListing(row: ListingRow, viewer: ListingViewer, settings: SettingsRow, levels: ReadonlyMap<string, VerificationLevel>, today = todayIn()): Listing {
  const { l } = row;
  const mine = viewer.identities.includes(l.ownerId);
  const expired = l.expiresOn !== null && l.expiresOn < today;
  const needs = listingNeed(row, settings);
  const cannotAnswer: Listing['cannotAnswer'] = mine ? null
    : l.status !== 'open' || expired ? 'not_open'
    : !row.ownerActive ? 'owner_unavailable'
    : !meetsNeed(levels.get(helperIfAnswered(row, viewer)), needs) ? (l.kind === 'request' ? 'viewer_not_cleared' : 'owner_not_cleared')
    : null;
  return {
    id: l.id,
    kind: l.kind,
    owner: { id: l.ownerId, displayName: row.ownerName, kind: row.ownerKind },
    title: l.title,
    description: l.description,
    skill: row.skill,
    durationMinutes: l.durationMinutes,
    place: l.place,
    availability: l.availability,
    expiresOn: l.expiresOn,
    expired,
    status: l.status,
    location: l.lat === null || l.lng === null ? null : { lat: l.lat, lng: l.lng },
    distanceM: row.distanceM ?? null,
    needs,
    needsSafeguarding: needs?.level === 'safeguarding-checked',
    canAnswer: mine ? null : cannotAnswer === null,
    cannotAnswer,
    needsApproval: needsApproval(settings, { category: row.skill.category, place: l.place }),
    mine,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

/** Listings for one viewer, with the levels their answers would need loaded in one go. */
export async function presentListings(db: Db, communityId: string, rows: readonly ListingRow[], viewer: ListingViewer, settings: SettingsRow): Promise<Listing[]> {
  const today = todayIn();
  const helpers = rows.filter((row) => !viewer.identities.includes(row.l.ownerId) && listingNeed(row, settings) !== null).map((row) => helperIfAnswered(row, viewer));
  const levels = await helperLevels(db, communityId, helpers, today);
  return rows.map((row) => presentListing(row, viewer, settings, levels, today));
}

const presentOne = async (db: Db, communityId: string, row: ListingRow, viewer: ListingViewer, settings: SettingsRow) =>
  (await presentListings(db, communityId, [row], viewer, settings))[0];

/** One listing row of the community with its owner and skill, or undefined. */
export async function findListing(db: Db, communityId: string, listingId: string): Promise<ListingRow | undefined> {
  const [row] = await db.select(listingColumns(communityId)).from(listings)
    .innerJoin(users, eq(users.id, listings.ownerId))
    .innerJoin(skills, eq(skills.id, listings.skillId))
    .where(and(eq(listings.id, listingId), eq(listings.communityId, communityId)));
  return row;
}

/** The viewer's identities and standing, for presenting listings. */
export async function listingViewer(db: Db, communityId: string, userId: string, coordinator: boolean): Promise<ListingViewer> {
  return { userId, identities: await actingIdentities(db, communityId, userId), coordinator };
}

async function requireSkill(db: Db, skillId: number) {
  const [skill] = await db.select().from(skills).where(eq(skills.id, skillId));
  if (!skill) throw invalid('skill.not_found', 'Choose a skill from the list.', 'skillId');
  return skill;
}

function checkExpiry(expiresOn: string | null | undefined): void {
  if (expiresOn && expiresOn < todayIn()) throw invalid('listing.expiry_past', 'Choose an expiry date from today onwards.', 'expiresOn');
}

const fuzzed = (location: Point | null | undefined) => (location ? fuzzLocation(location) : { lat: null, lng: null });

/**
 * Posts an offer or a request (for yourself or an organisation you act for). Whoever offers help
 * must already be what the help needs (safeguarding-checked for work with children or vulnerable
 * adults, the community's level for help in someone's home).
 */
export async function createListing(db: Db, communityId: string, viewer: ListingViewer, input: ListingInput): Promise<Listing> {
  const ownerId = await resolveActingAs(db, communityId, viewer.userId, input.onBehalfOf, 'onBehalfOf');
  const [skill, settings] = await Promise.all([requireSkill(db, input.skillId), getSettings(db, communityId)]);
  checkExpiry(input.expiresOn);
  if (input.kind === 'offer') await requireSafeguarded(db, communityId, settings, skill, ownerId, viewer.userId, input.place);
  const [row] = await db.insert(listings).values({
    communityId, kind: input.kind, ownerId, createdBy: viewer.userId, title: input.title, description: input.description, skillId: skill.id,
    durationMinutes: input.durationMinutes, place: input.place, availability: input.availability, expiresOn: input.expiresOn, ...fuzzed(input.location),
  }).returning();
  return presentOne(db, communityId, (await findListing(db, communityId, row.id))!, viewer, settings);
}

/** A listing the viewer may change: 404 outside the community, 403 when it is someone else's. */
async function ownListing(db: Db, communityId: string, viewer: ListingViewer, listingId: string): Promise<ListingRow> {
  const row = await findListing(db, communityId, listingId);
  if (!row) throw notFound('listing');
  if (!viewer.identities.includes(row.l.ownerId)) throw forbidden('listing.not_owner', 'Only the person who posted this can change it.');
  return row;
}

/** True while an exchange from this listing is proposed, agreed, waiting for confirmation or disputed. */
async function hasExchangesUnderWay(db: Db, communityId: string, listingId: string): Promise<boolean> {
  const [row] = await db.select({ id: exchanges.id }).from(exchanges)
    .where(and(eq(exchanges.communityId, communityId), eq(exchanges.listingId, listingId), inArray(exchanges.status, ['proposed', 'accepted', 'done', 'disputed'])))
    .limit(1);
  return row !== undefined;
}

/**
 * Edits a listing that is not closed. What and where the help is (skill and place) stay fixed
 * while exchanges from it are under way, because each step of those exchanges checks the helper
 * against them; an offer's owner must still meet what a changed skill or place needs.
 */
export async function updateListing(db: Db, communityId: string, viewer: ListingViewer, listingId: string, input: ListingUpdate): Promise<Listing> {
  const current = await ownListing(db, communityId, viewer, listingId);
  if (current.l.status === 'closed') throw conflict('listing.closed', 'This listing is closed. Post a new one instead.');
  const settings = await getSettings(db, communityId);
  checkExpiry(input.expiresOn);
  const skillChanges = input.skillId !== undefined && input.skillId !== current.l.skillId;
  const placeChanges = input.place !== undefined && input.place !== current.l.place;
  if (skillChanges || placeChanges) {
    if (await hasExchangesUnderWay(db, communityId, listingId)) {
      throw conflict('listing.in_use', 'Exchanges from this are under way, so the kind of help and where it happens cannot change now. Finish or cancel them first, or post a new one.', skillChanges ? 'skillId' : 'place');
    }
    const skill = skillChanges ? await requireSkill(db, input.skillId!) : { id: current.skill.id, label: current.skill.label, category: current.skill.category };
    if (current.l.kind === 'offer') await requireSafeguarded(db, communityId, settings, skill, current.l.ownerId, viewer.userId, input.place ?? current.l.place);
  }
  const { location, ...rest } = input;
  const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  await db.update(listings)
    .set({ ...changes, ...(location === undefined ? {} : fuzzed(location)), updatedAt: new Date() })
    .where(and(eq(listings.id, listingId), eq(listings.communityId, communityId)));
  return presentOne(db, communityId, (await findListing(db, communityId, listingId))!, viewer, settings);
}

/**
 * Pauses, reopens or closes a listing. Closing is final; an expired listing reopens only with a
 * new expiry date, and an offer only while its owner still meets what the help needs.
 */
export async function setListingStatus(db: Db, communityId: string, viewer: ListingViewer, listingId: string, status: Listing['status']): Promise<Listing> {
  const current = await ownListing(db, communityId, viewer, listingId);
  if (current.l.status === 'closed' && status !== 'closed') throw conflict('listing.closed', 'This listing is closed. Post a new one instead.');
  if (status === 'open' && current.l.expiresOn && current.l.expiresOn < todayIn()) {
    throw conflict('listing.expired', 'This listing has expired. Set a new expiry date before reopening it.', 'expiresOn');
  }
  const settings = await getSettings(db, communityId);
  if (status === 'open' && current.l.status !== 'open' && current.l.kind === 'offer') {
    await requireSafeguarded(db, communityId, settings, current.skill, current.l.ownerId, viewer.userId, current.l.place);
  }
  await db.update(listings).set({ status, updatedAt: new Date() }).where(and(eq(listings.id, listingId), eq(listings.communityId, communityId)));
  return presentOne(db, communityId, (await findListing(db, communityId, listingId))!, viewer, settings);
}

/**
 * One listing of the community, as browsing would show it: 404 for a listing that is paused or
 * closed, whose owner cannot take part now (suspended, left, account suspended or deleted), or
 * whose owner and the viewer have blocked each other. Its owner and coordinators always see it.
 */
export async function getListing(db: Db, communityId: string, viewer: ListingViewer, listingId: string): Promise<Listing> {
  const row = await findListing(db, communityId, listingId);
  if (!row) throw notFound('listing');
  if (!viewer.identities.includes(row.l.ownerId) && !viewer.coordinator) {
    if (row.l.status !== 'open' || !row.ownerActive || (await blockedEitherWay(db, viewer.userId, row.l.ownerId))) throw notFound('listing');
  }
  return presentOne(db, communityId, row, viewer, await getSettings(db, communityId));
}

/**
 * Open listings are visible to all members while their owner can take part (an owner who is
 * suspended or leaves is hidden, and shown again if they come back); paused and closed ones
 * only to their owner (and coordinators). Owners always see their own.
 */
function visibility(communityId: string, viewer: ListingViewer, status: Listing['status']): SQL | undefined {
  const own = inArray(listings.ownerId, [...viewer.identities]);
  if (status === 'open') return and(eq(listings.status, 'open'), notExpired(todayIn()), or(own, activeMember(communityId, listings.ownerId)));
  if (viewer.coordinator) return eq(listings.status, status);
  return and(eq(listings.status, status), own);
}

/** Browses and searches listings by kind, skill, category, words and distance from a point. */
export async function searchListings(db: Db, communityId: string, viewer: ListingViewer, query: ListingsQuery): Promise<{ listings: Listing[]; total: number }> {
  if ((query.lat === undefined) !== (query.lng === undefined)) throw invalid('request.invalid', 'Give both lat and lng to search by distance.', query.lat === undefined ? 'lat' : 'lng');
  if (query.withinM !== undefined && query.lat === undefined) throw invalid('request.invalid', 'Give lat and lng with withinM.', 'lat');
  const point = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : null;
  const distance = point ? distanceSql(point, listings.lat, listings.lng) : null;
  const words = query.q ? sql`(to_tsvector('english', ${listings.title} || ' ' || ${listings.description}) @@ websearch_to_tsquery('english', ${query.q})
    OR ${ilike(skills.label, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)})` : undefined;
  const where = and(
    eq(listings.communityId, communityId),
    visibility(communityId, viewer, query.status),
    notBlocked(viewer.userId, listings.ownerId),
    query.kind ? eq(listings.kind, query.kind) : undefined,
    query.skillId ? eq(listings.skillId, query.skillId) : undefined,
    query.category ? eq(skills.category, query.category) : undefined,
    query.ownerId ? eq(listings.ownerId, query.ownerId) : undefined,
    words,
    distance && query.withinM !== undefined ? sql`${distance} <= ${query.withinM}` : undefined,
  );
  const base = db.select({ ...listingColumns(communityId), distanceM: distance ?? sql<null>`NULL::float8` }).from(listings)
    .innerJoin(users, eq(users.id, listings.ownerId))
    .innerJoin(skills, eq(skills.id, listings.skillId))
    .where(where);
  const order = distance ? [sql`${distance} ASC NULLS LAST`, desc(listings.createdAt)] : [desc(listings.createdAt), asc(listings.id)];
  const [rows, [{ n }], settings] = await Promise.all([
    base.orderBy(...order).limit(query.limit).offset(query.offset),
    db.select({ n: count() }).from(listings).innerJoin(skills, eq(skills.id, listings.skillId)).where(where),
    getSettings(db, communityId),
  ]);
  return { listings: await presentListings(db, communityId, rows, viewer, settings), total: n };
}
