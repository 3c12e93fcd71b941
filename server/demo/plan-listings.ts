// Offers and requests for a demo community, as members would have posted them over the last
// weeks through createListing (offers/service.ts): the API's own rules (listingInput), an
// offer only from someone the helper rule lets help with it where it happens
// (exchanges/safeguarding.ts: a DBS check for safeguarding work, the community's level for
// help in someone's home), locations snapped to the service's grid (fuzzLocation) and left
// out for help given online, expiry dates from the day of posting onwards. Most are open;
// some are paused, closed or past their expiry date.
import { randomUUID } from 'node:crypto';
import { listingInput } from '../../common/offers.ts';
import { fuzzLocation } from '../features/offers/geo.ts';
import { KITH_TIME_ZONE, addDays, todayIn } from '../features/verification/dates.ts';
import { HOUR_MS, mayHelp, streetPoint, type Cast, type Neighbour, type SkillRow } from './activity-cast.ts';
import { AVAILABILITY, LISTING_TEXTS, ORGANISATION_LISTINGS, fallbackText, type ListingPlace, type ListingText } from './listing-texts.ts';
import type { Random } from './random.ts';

export type ListingStatus = 'open' | 'paused' | 'closed' | 'expired';

export type PlannedListing = {
  id: string;
  kind: 'offer' | 'request';
  owner: Neighbour;
  createdBy: string;
  skill: SkillRow;
  title: string;
  description: string;
  durationMinutes: number;
  place: ListingPlace;
  availability: string;
  expiresOn: string | null;
  status: 'open' | 'paused' | 'closed';
  lat: number | null;
  lng: number | null;
  createdAt: number;
  updatedAt: number;
};

type AddOptions = { status?: ListingStatus; text?: ListingText; createdBy?: string; maxAgeDays?: number; minAgeHours?: number };

const dateOf = (ms: number) => todayIn(KITH_TIME_ZONE, new Date(ms));

/** Open and not past its expiry date: what browsing shows and what an exchange can be proposed from. */
export const isLive = (l: PlannedListing, today: string) => l.status === 'open' && (l.expiresOn === null || l.expiresOn >= today);

/** Makes listings one at a time, keeping each owner to one listing per skill and kind. */
export class ListingPlanner {
  readonly listings: PlannedListing[] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly random: Random, private readonly cast: Cast) {}

  /** The texts for a skill: the ones neighbours wrote for it, or a plain one from its label. */
  textsFor(kind: 'offer' | 'request', skill: SkillRow): readonly ListingText[] {
    const texts = LISTING_TEXTS[skill.slug]?.[kind];
    return texts && texts.length > 0 ? texts : [fallbackText(kind, skill.label)];
  }

  /** Whether `owner` could post an offer of `skill` with one of its texts (in someone's home only at the level the community asks for that). */
  mayOffer(owner: Neighbour, skill: SkillRow): boolean {
    return this.textsFor('offer', skill).some(([, , place]) => mayHelp(this.cast, owner, skill, place));
  }

  /**
   * Posts a listing, or returns null when the service would refuse it or the owner already has
   * one like it. An offer takes one of the skill's texts the owner may offer (createListing asks
   * the helper rule, with where the help happens, of the person offering).
   */
  add(owner: Neighbour, kind: 'offer' | 'request', skill: SkillRow, options: AddOptions = {}): PlannedListing | null {
    const { random, cast } = this;
    const key = `${owner.id}:${kind}:${skill.id}`;
    if (this.taken.has(key)) return null;
    const texts = (options.text ? [options.text] : this.textsFor(kind, skill)).filter(([, , place]) => kind === 'request' || mayHelp(cast, owner, skill, place));
    if (texts.length === 0) return null;
    const [title, description, place, minutes] = random.pick(texts);
    const earliest = owner.joinedAt + HOUR_MS;
    const status = options.status ?? 'open';
    const age = (fromDays: number, toDays: number) => random.int(Math.round(fromDays * 24), Math.round(toDays * 24)) * HOUR_MS;
    const minAgeHours = options.minAgeHours ?? 2;
    let createdAt = 0;
    let expiresOn: string | null = null;
    if (status === 'expired') {
      expiresOn = addDays(cast.today, -random.int(1, 21));
      createdAt = new Date(`${expiresOn}T12:00:00Z`).getTime() - age(12, 40);
      // Someone who joined too recently cannot have let a listing expire.
      if (createdAt < earliest) return null;
    }
    if (status !== 'expired') {
      const [from, to] = status === 'closed' ? [14, 90] : status === 'paused' ? [8, 60] : [minAgeHours / 24, options.maxAgeDays ?? 40];
      createdAt = Math.max(earliest, cast.now - age(from, to));
      if (createdAt > cast.now - minAgeHours * HOUR_MS) return null;
      if (status === 'closed') expiresOn = random.chance(0.5) ? addDays(dateOf(createdAt), random.int(14, 45)) : null;
      else if (random.chance(0.65)) expiresOn = addDays(cast.today, random.int(4, 60));
    }
    const updatedAt = status === 'open' || status === 'expired' ? createdAt : createdAt + Math.floor(random.next() * (cast.now - HOUR_MS - createdAt));
    const point = place === 'online' || random.chance(0.12) ? null : streetPoint(cast.centre, owner.street);
    const jitter = () => (random.next() - 0.5) * 0.0016;
    const location = point ? fuzzLocation({ lat: point.lat + jitter(), lng: point.lng + jitter() }) : null;
    // The API's own checks, so every demo listing is one a member could have posted.
    const input = listingInput.parse({
      kind, title, description, skillId: skill.id, durationMinutes: minutes, place, availability: random.chance(0.85) ? random.pick(AVAILABILITY) : '', expiresOn, location,
    });
    this.taken.add(key);
    const listing: PlannedListing = {
      id: randomUUID(), kind, owner, createdBy: options.createdBy ?? owner.agents[0] ?? owner.id, skill, title: input.title, description: input.description,
      durationMinutes: input.durationMinutes, place: input.place, availability: input.availability, expiresOn: input.expiresOn,
      status: status === 'expired' ? 'open' : status, lat: input.location?.lat ?? null, lng: input.location?.lng ?? null, createdAt, updatedAt,
    };
    this.listings.push(listing);
    return listing;
  }
}

/** Statuses for `n` listings: mostly open, about one in ten closed, a few paused and a few expired. */
function statuses(random: Random, n: number): ListingStatus[] {
  const some = (share: number) => (n >= 6 ? Math.max(1, Math.round(n * share)) : 0);
  const list: ListingStatus[] = [...Array(some(0.1)).fill('closed'), ...Array(some(0.07)).fill('paused'), ...Array(some(0.07)).fill('expired')];
  while (list.length < n) list.push('open');
  return random.shuffle(list);
}

/**
 * The community's listings: offers in skills people list on their profiles, requests across
 * the categories, a couple from members who have not done anything with anyone yet, and what
 * each organisation posts (by one of its agents). The documented accounts are left to the
 * planner of their own activity.
 */
export function planListings(random: Random, cast: Cast, planner: ListingPlanner): void {
  const documented = new Set([cast.member?.id, cast.coordinator?.id]);
  const owners = cast.people.filter((p) => !documented.has(p.id));
  if (owners.length === 0) return;
  const withText = cast.skills.filter((s) => LISTING_TEXTS[s.slug]);
  const pool = withText.length > 0 ? withText : cast.skills;
  const bySlug = new Map(cast.skills.map((s) => [s.slug, s]));

  const offerStatuses = statuses(random, Math.max(6, Math.round(owners.length * 0.14)));
  let tries = 0;
  for (const status of offerStatuses) {
    for (; tries < offerStatuses.length * 20; tries++) {
      const owner = random.pick(owners);
      const skills = owner.skills.filter((s) => s.kind === 'skill').map((s) => bySlug.get(s.slug)).filter((s): s is SkillRow => !!s && planner.mayOffer(owner, s));
      if (skills.length === 0) continue;
      if (planner.add(owner, 'offer', random.pick(skills), { status })) break;
    }
  }
  const requestStatuses = statuses(random, Math.max(5, Math.round(owners.length * 0.1)));
  tries = 0;
  for (const status of requestStatuses) {
    for (; tries < requestStatuses.length * 20; tries++) {
      const owner = random.pick(owners);
      // People ask for what they cannot do themselves.
      const own = new Set(owner.skills.filter((s) => s.kind === 'skill').map((s) => s.slug));
      const skill = random.pick(pool);
      if (own.has(skill.slug)) continue;
      if (planner.add(owner, 'request', skill, { status })) break;
    }
  }
  for (const quiet of random.sample(cast.quiet, 2)) planner.add(quiet, 'request', random.pick(pool), { maxAgeDays: 10 });

  for (const organisation of cast.organisations) {
    for (const template of ORGANISATION_LISTINGS.filter((t) => t.name.test(organisation.displayName))) {
      const skill = bySlug.get(template.slug);
      if (skill) planner.add(organisation, template.kind, skill, { text: template.text, createdBy: random.pick(organisation.agents), maxAgeDays: 30 });
    }
  }
}
