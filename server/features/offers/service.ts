// Offers of help and requests for help: posting, editing, pausing and closing, and browsing by
// skill, words and distance.
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listings, skills, users } from '../../db/schema.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import type { Listing, ListingInput, ListingsQuery, ListingUpdate } from '../../../common/offers.ts';
import { actingIdentities, resolveActingAs } from '../exchanges/parties.ts';
import { requireSafeguarded } from '../exchanges/safeguarding.ts';
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
  ownerActive: activeMember(communityId, listings.ownerId),
});

export type ListingRow = { l: typeof listings.$inferSelect; ownerName: string; ownerKind: 'person' | 'organisation'; skill: Listing['skill']; ownerActive: boolean; distanceM?: number | null };

/** The viewer, as listings see them: the identities they act as. */
export type ListingViewer = { userId: string; identities: readonly string[]; coordinator: boolean };

/** A listing for one viewer, with the community's safeguarding and approval rules applied. */
export function presentListing(row: ListingRow, viewer: ListingViewer, settings: SettingsRow, today = todayIn()): Listing {
  const { l } = row;
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
    expired: l.expiresOn !== null && l.expiresOn < today,
    status: l.status,
    location: l.lat === null || l.lng === null ? null : { lat: l.lat, lng: l.lng },
    distanceM: row.distanceM ?? null,
    needsSafeguarding: settings.safeguardingCategories.includes(row.skill.category),
    needsApproval: settings.approvalCategories.includes(row.skill.category),
    mine: viewer.identities.includes(l.ownerId),
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

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
 * Posts an offer or a request (for yourself or an organisation you act for). Offering help in a
 * safeguarding category needs the helper to be safeguarding-checked.
 */
export async function createListing(db: Db, communityId: string, viewer: ListingViewer, input: ListingInput): Promise<Listing> {
  const ownerId = await resolveActingAs(db, communityId, viewer.userId, input.onBehalfOf, 'onBehalfOf');
  const [skill, settings] = await Promise.all([requireSkill(db, input.skillId), getSettings(db, communityId)]);
  checkExpiry(input.expiresOn);
  if (input.kind === 'offer') await requireSafeguarded(db, communityId, settings, skill, ownerId, viewer.userId);
  const [row] = await db.insert(listings).values({
    communityId, kind: input.kind, ownerId, createdBy: viewer.userId, title: input.title, description: input.description, skillId: skill.id,
    durationMinutes: input.durationMinutes, place: input.place, availability: input.availability, expiresOn: input.expiresOn, ...fuzzed(input.location),
  }).returning();
  return presentListing((await findListing(db, communityId, row.id))!, viewer, settings);
}

/** A listing the viewer may change: 404 outside the community, 403 when it is someone else's. */
async function ownListing(db: Db, communityId: string, viewer: ListingViewer, listingId: string): Promise<ListingRow> {
  const row = await findListing(db, communityId, listingId);
  if (!row) throw notFound('listing');
  if (!viewer.identities.includes(row.l.ownerId)) throw forbidden('listing.not_owner', 'Only the person who posted this can change it.');
  return row;
}

/** Edits a listing that is not closed. */
export async function updateListing(db: Db, communityId: string, viewer: ListingViewer, listingId: string, input: ListingUpdate): Promise<Listing> {
  const current = await ownListing(db, communityId, viewer, listingId);
  if (current.l.status === 'closed') throw conflict('listing.closed', 'This listing is closed. Post a new one instead.');
  const settings = await getSettings(db, communityId);
  checkExpiry(input.expiresOn);
  if (input.skillId !== undefined && input.skillId !== current.l.skillId) {
    const skill = await requireSkill(db, input.skillId);
    if (current.l.kind === 'offer') await requireSafeguarded(db, communityId, settings, skill, current.l.ownerId, viewer.userId);
  }
  const { location, ...rest } = input;
  const changes = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  await db.update(listings)
    .set({ ...changes, ...(location === undefined ? {} : fuzzed(location)), updatedAt: new Date() })
    .where(and(eq(listings.id, listingId), eq(listings.communityId, communityId)));
  return presentListing((await findListing(db, communityId, listingId))!, viewer, settings);
}

/** Pauses, reopens or closes a listing. Closing is final; an expired listing reopens only with a new expiry date. */
export async function setListingStatus(db: Db, communityId: string, viewer: ListingViewer, listingId: string, status: Listing['status']): Promise<Listing> {
  const current = await ownListing(db, communityId, viewer, listingId);
  if (current.l.status === 'closed' && status !== 'closed') throw conflict('listing.closed', 'This listing is closed. Post a new one instead.');
  if (status === 'open' && current.l.expiresOn && current.l.expiresOn < todayIn()) {
    throw conflict('listing.expired', 'This listing has expired. Set a new expiry date before reopening it.', 'expiresOn');
  }
  await db.update(listings).set({ status, updatedAt: new Date() }).where(and(eq(listings.id, listingId), eq(listings.communityId, communityId)));
  return presentListing((await findListing(db, communityId, listingId))!, viewer, await getSettings(db, communityId));
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
  return presentListing(row, viewer, await getSettings(db, communityId));
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
  const today = todayIn();
  return { listings: rows.map((row) => presentListing(row, viewer, settings, today)), total: n };
}
