// Matching in both directions: for a request, members whose offers or skills fit; for an offer,
// open requests it could answer. Ranked by fit, distance, availability and personal trust
// (connectionStrength, the trust engine's one function for how strongly two members are connected).
import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listings, skills, userSkills, users } from '../../db/schema.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { Mailer } from '../../lib/mailer.ts';
import type { ListingMatches } from '../../../common/offers.ts';
import { helperLevels, meetsNeed } from '../exchanges/safeguarding.ts';
import { getSettings, type SettingsRow } from '../ledger/settings.ts';
import { todayIn } from '../verification/dates.ts';
import { availabilityOverlap } from './availability.ts';
import { connectionStrength } from '../trust/connection.ts';
import { sharedActs } from './shared-acts.ts';
import { distanceM, type Point } from './geo.ts';
import { emailOptedIn, notify, wantMatchingRequests } from './notifications.ts';
import { PREFERENCES_PATH } from './preferences.ts';
import { activeMember, notBlocked, notExpired } from './filters.ts';
import { levelAtLeast } from '../verification/service.ts';
import { findListing, listingColumns, listingNeed, presentListings, type ListingViewer } from './service.ts';

type Fit = 'offer' | 'skill' | 'category';
const FIT_SCORE: Record<Fit, number> = { offer: 1, skill: 0.8, category: 0.5 };

/** Personal trust in five steps (0, ¼, ½, ¾, 1), so that even a long ranked list bounds it only coarsely. */
export const coarseTrust = (trust: number) => Math.round(Math.min(1, Math.max(0, trust)) * 4) / 4;

/**
 * How a suggestion ranks, in [0, 1]: fit weighs most, then distance (halving about every 1.4 km),
 * personal trust and availability. Unknown distance or availability count as middling, so that
 * people who have not given them are neither hidden nor favoured. Only the order leaves the
 * server: the number would give away the trust that went into it.
 */
export function rankScore(input: { fit: Fit; distanceM: number | null; availability: number | null; trust: number }): number {
  const near = input.distanceM === null ? 0.5 : Math.exp(-input.distanceM / 2000);
  const free = input.availability ?? 0.5;
  return 0.45 * FIT_SCORE[input.fit] + 0.2 * near + 0.15 * free + 0.2 * coarseTrust(input.trust);
}

const pointOf = (row: { lat: number | null; lng: number | null }): Point | null => (row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng });
const apart = (a: Point | null, b: Point | null) => (a && b ? distanceM(a, b) : null);

type Listed = NonNullable<Awaited<ReturnType<typeof findListing>>>;

/**
 * How suggestions are made for whoever asks. `forOwner`: the listing's owner (or their
 * organisation's agent) is asking, so their personal trust may order the list and their shared
 * history may be shown; a coordinator looking at someone else's listing gets neither.
 */
type Ranking = { forOwner: boolean; limit?: number };

/**
 * Helpers for a request: members with an open offer in the skill or category, or the skill on
 * their profile, who meet what the request needs of its helper (exchanges/safeguarding.ts).
 */
export async function helpersFor(db: Db, communityId: string, request: Listed, settings: SettingsRow, { forOwner, limit = 20 }: Ranking) {
  const requester = request.l.ownerId;
  const sameSkillOrCategory = or(eq(skills.id, request.skill.id), eq(skills.category, request.skill.category));
  const [offers, skilled] = await Promise.all([
    db.select({ id: listings.id, userId: listings.ownerId, skillId: listings.skillId, availability: listings.availability, lat: listings.lat, lng: listings.lng })
      .from(listings).innerJoin(skills, eq(skills.id, listings.skillId))
      .where(and(eq(listings.communityId, communityId), eq(listings.kind, 'offer'), eq(listings.status, 'open'), ne(listings.ownerId, requester), sameSkillOrCategory,
        notExpired(todayIn()), activeMember(communityId, listings.ownerId), notBlocked(requester, listings.ownerId))),
    db.select({ userId: userSkills.userId, skillId: userSkills.skillId })
      .from(userSkills).innerJoin(skills, eq(skills.id, userSkills.skillId))
      .where(and(eq(userSkills.kind, 'skill'), ne(userSkills.userId, requester), sameSkillOrCategory, activeMember(communityId, userSkills.userId), notBlocked(requester, userSkills.userId))),
  ]);
  const here = pointOf(request.l);
  const best = new Map<string, { fit: Fit; offerId: string | null; distanceM: number | null; availability: number | null }>();
  const consider = (userId: string, candidate: { fit: Fit; offerId: string | null; distanceM: number | null; availability: number | null }) => {
    const current = best.get(userId);
    if (!current || FIT_SCORE[candidate.fit] > FIT_SCORE[current.fit] || (FIT_SCORE[candidate.fit] === FIT_SCORE[current.fit] && (candidate.distanceM ?? Infinity) < (current.distanceM ?? Infinity))) {
      best.set(userId, candidate);
    }
  };
  for (const o of offers) {
    consider(o.userId, { fit: o.skillId === request.skill.id ? 'offer' : 'category', offerId: o.id, distanceM: apart(here, pointOf(o)), availability: availabilityOverlap(request.l.availability, o.availability) });
  }
  for (const s of skilled) consider(s.userId, { fit: s.skillId === request.skill.id ? 'skill' : 'category', offerId: null, distanceM: null, availability: null });
  const ids = [...best.keys()];
  const [levels, ties, trust, names] = await Promise.all([
    helperLevels(db, communityId, ids),
    forOwner ? sharedActs(db, communityId, requester, ids) : new Map<string, number>(),
    forOwner ? connectionStrength(db, communityId, requester, ids) : new Map<string, number>(),
    ids.length ? db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.displayName]));
  const need = listingNeed(request, settings);
  return [...best]
    .filter(([id]) => meetsNeed(levels.get(id), need))
    .map(([id, c]) => ({
      user: { id, displayName: nameOf.get(id) ?? 'Member' }, fit: c.fit, offerId: c.offerId, distanceM: c.distanceM, availabilityOverlap: c.availability,
      connection: forOwner ? ties.get(id) ?? 0 : null, safeguardingChecked: levelAtLeast(levels.get(id) ?? 'registered', 'safeguarding-checked'),
      rank: rankScore({ fit: c.fit, distanceM: c.distanceM, availability: c.availability, trust: trust.get(id) ?? 0 }),
    }))
    .sort((a, b) => b.rank - a.rank || a.user.displayName.localeCompare(b.user.displayName))
    .slice(0, limit)
    .map(({ rank: _rank, ...suggestion }) => suggestion);
}

/** Open requests an offer could answer: the same skill, or the same category, where its owner meets what the request needs. */
async function requestsFor(db: Db, communityId: string, offer: Listed, viewer: ListingViewer, settings: SettingsRow, { forOwner, limit = 20 }: Ranking) {
  const helper = offer.l.ownerId;
  const rows = await db.select(listingColumns(communityId))
    .from(listings).innerJoin(users, eq(users.id, listings.ownerId)).innerJoin(skills, eq(skills.id, listings.skillId))
    .where(and(eq(listings.communityId, communityId), eq(listings.kind, 'request'), eq(listings.status, 'open'), ne(listings.ownerId, helper),
      or(eq(skills.id, offer.skill.id), eq(skills.category, offer.skill.category)),
      notExpired(todayIn()), activeMember(communityId, listings.ownerId), notBlocked(helper, listings.ownerId)));
  const owners = rows.map((r) => r.l.ownerId);
  const [levels, ties, trust] = await Promise.all([
    helperLevels(db, communityId, [helper]),
    forOwner ? sharedActs(db, communityId, helper, owners) : new Map<string, number>(),
    forOwner ? connectionStrength(db, communityId, helper, owners) : new Map<string, number>(),
  ]);
  const here = pointOf(offer.l);
  const ranked = rows
    .filter((r) => meetsNeed(levels.get(helper), listingNeed(r, settings)))
    .map((r) => {
      const fit: Fit = r.skill.id === offer.skill.id ? 'skill' : 'category';
      const distance = apart(here, pointOf(r.l));
      const availability = availabilityOverlap(offer.l.availability, r.l.availability);
      const connection = forOwner ? ties.get(r.l.ownerId) ?? 0 : null;
      const rank = rankScore({ fit, distanceM: distance, availability, trust: trust.get(r.l.ownerId) ?? 0 });
      return { row: { ...r, distanceM: distance }, fit, availabilityOverlap: availability, connection, rank };
    })
    .sort((a, b) => b.rank - a.rank || a.row.l.createdAt.getTime() - b.row.l.createdAt.getTime())
    .slice(0, limit);
  const presented = await presentListings(db, communityId, ranked.map((r) => r.row), viewer, settings);
  return ranked.map(({ fit, availabilityOverlap: overlap, connection }, i) => ({ listing: presented[i], fit, availabilityOverlap: overlap, connection }));
}

/** Suggestions for a listing, for its owner (or their organisation's agents) and coordinators. */
export async function suggestionsFor(db: Db, communityId: string, viewer: ListingViewer, listingId: string): Promise<ListingMatches> {
  const listing = await findListing(db, communityId, listingId);
  if (!listing) throw notFound('listing');
  if (!viewer.identities.includes(listing.l.ownerId) && !viewer.coordinator) throw forbidden('listing.not_owner', 'Suggestions are shown only to the person who posted this.');
  const settings = await getSettings(db, communityId);
  const ranking = { forOwner: viewer.identities.includes(listing.l.ownerId) };
  return listing.l.kind === 'request'
    ? { kind: 'helpers', listingId, suggestions: await helpersFor(db, communityId, listing, settings, ranking) }
    : { kind: 'requests', listingId, suggestions: await requestsFor(db, communityId, listing, viewer, settings, ranking) };
}

/**
 * Tells the best-fitting helpers about a new request: in the app unless they turned that off,
 * and by email only when they asked for it (notification_preferences). Each email says why it
 * came and links to where it is turned off, a page that asks them to sign in.
 */
export async function notifyNewRequest(db: Db, mailer: Mailer, publicUrl: string, communityId: string, listingId: string): Promise<number> {
  const request = await findListing(db, communityId, listingId);
  if (!request || request.l.kind !== 'request') return 0;
  // Ranked as for the requester: only who is told leaves the server.
  const helpers = await helpersFor(db, communityId, request, await getSettings(db, communityId), { forOwner: true });
  const ids = helpers.map((h) => h.user.id);
  if (ids.length === 0) return 0;
  const inApp = await wantMatchingRequests(db, ids, 'app');
  const link = `/timebank/listings/${listingId}`;
  await notify(db, communityId, inApp.map((r) => r.id), {
    kind: 'listing.matching_request', title: `${request.ownerName} asked for help with ${request.skill.label.toLowerCase()}`, body: request.l.title, link, sourceId: listingId,
  });
  await emailOptedIn(db, mailer, ids, {
    subject: `A neighbour needs help with ${request.skill.label.toLowerCase()}`,
    body: `${request.ownerName} asked: "${request.l.title}".\n\n${request.l.description}\n\nIf you can help, see the request at ${publicUrl}${link}\n\n` +
      'You get these emails because you asked to be emailed about new requests you could help with.\n' +
      `To stop them, sign in and untick "Email me about them" at ${publicUrl}${PREFERENCES_PATH}`,
  });
  return ids.length;
}
