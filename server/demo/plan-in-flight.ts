// Exchanges still under way in a demo community, so that the time bank has things to do: some
// proposed and waiting for an answer, some accepted, some with the time recorded and waiting
// for the person helped to confirm it, a changed time waiting for the helper, and a few that
// were declined or called off. Where the community asks a coordinator to approve a category,
// a few wait in the coordinators' queue. Around the documented accounts (README) the set is
// fixed, so that signing in as the demo member or coordinator shows one of each thing to do.
import { HOUR_MS, dbsChecked, firstName, mayHelp, quarter, type Cast, type Neighbour, type SkillRow } from './activity-cast.ts';
import { sidesOf, type ExchangeBuilder, type ExchangeSpec, type Step } from './exchange-builder.ts';
import { LISTING_TEXTS } from './listing-texts.ts';
import { isLive, type ListingPlanner, type PlannedListing } from './plan-listings.ts';
import type { Random } from './random.ts';
import { ADJUST_NOTES, APPROVAL_NOTES, CANCEL_REASONS, DECLINE_REASONS, DONE_NOTES, PROPOSALS, WHEN, fill } from './timebank-texts.ts';

type State = 'proposed' | 'accepted' | 'done' | 'adjusted' | 'declined' | 'cancelled';

/** Plans the community's exchanges in flight into `builder`, adding any listings they need to `planner`. */
export function planInFlight(random: Random, cast: Cast, planner: ListingPlanner, builder: ExchangeBuilder): void {
  const { now } = cast;
  const hours = (from: number, to: number) => random.int(from, to) * HOUR_MS;
  const documented = new Set([cast.member?.id, cast.coordinator?.id].filter(Boolean));
  const regulars = cast.people.filter((p) => !documented.has(p.id));
  // Skills with a rule on who may help or an approval step: kept away from the documented accounts' fixed set.
  const gated = (skill: SkillRow) => cast.approvalCategories.includes(skill.category) || cast.safeguardingCategories.includes(skill.category) || skill.worksWith !== null;
  const textSkills = cast.skills.filter((s) => LISTING_TEXTS[s.slug]);
  // What the documented accounts' fixed set is about: skills anyone may help with, bar help in someone's home.
  const usable = (textSkills.length > 0 ? textSkills : cast.skills).filter((s) => !gated(s));
  // Requests by isolated members stay unanswered: they have done nothing with anyone yet.
  const takingPart = new Set([...cast.people, ...cast.organisations].map((p) => p.id));
  const live = (filter: (l: PlannedListing) => boolean) => planner.listings.filter((l) => isLive(l, cast.today) && takingPart.has(l.owner.id) && filter(l));

  /** What the proposer writes, in their own words. */
  const describe = (listing: PlannedListing, other: Neighbour, proposer: 'owner' | 'other') => {
    const writer = proposer === 'owner' ? listing.owner : other;
    const reader = proposer === 'owner' ? other : listing.owner;
    const texts = proposer === 'other' ? (listing.kind === 'offer' ? PROPOSALS.askOffer : PROPOSALS.answerRequest) : listing.kind === 'offer' ? PROPOSALS.inviteToOffer : PROPOSALS.inviteToRequest;
    return fill(random.pick(texts), { name: firstName(reader), when: random.pick(WHEN), street: writer.street, skill: listing.skill.label.toLowerCase() });
  };
  /**
   * Someone to take up a listing: not the owner or one of its agents, not blocked, allowed by
   * the helper rule to help with it where it happens when they would be the helper (the builder
   * also checks they had joined in time).
   */
  const counterpart = (listing: PlannedListing, pool: readonly Neighbour[] = regulars) => {
    const fits = pool.filter((p) => p.id !== listing.owner.id && p.kind === 'person' && !cast.blocked(p.id, listing.owner.id)
      && (listing.kind === 'offer' || mayHelp(cast, p, listing.skill, listing.place)) && !listing.owner.agents.includes(p.id));
    const neighbours = fits.filter((p) => p.street === listing.owner.street);
    return neighbours.length > 0 && random.chance(0.4) ? random.pick(neighbours) : fits.length > 0 ? random.pick(fits) : undefined;
  };
  const spec = (listing: PlannedListing, other: Neighbour, proposer: 'owner' | 'other', at: number, steps: Step[], scheduledFor: number | null): ExchangeSpec => ({
    listing, other, proposer, at, steps, scheduledFor, description: describe(listing, other, proposer), proposedMinutes: random.chance(0.6) ? listing.durationMinutes : null,
  });

  /** The steps and times that take an exchange to `state` now. */
  const script = (listing: PlannedListing, other: Neighbour, state: State, proposer: 'owner' | 'other'): ExchangeSpec => {
    const { provider } = sidesOf(listing, other);
    // Recorded time waits a few days at most, well before the community's auto-confirmation.
    const waitHours = Math.max(6, Math.min(8, cast.autoConfirmDays - 1) * 24);
    switch (state) {
      case 'proposed':
        return spec(listing, other, proposer, now - hours(1, 96), [], random.chance(0.5) ? now + hours(24, 8 * 24) : null);
      case 'accepted': {
        const at = now - hours(30, 8 * 24);
        return spec(listing, other, proposer, at, [{ kind: 'accepted', at: at + hours(1, 24) }], now + hours(12, 6 * 24));
      }
      case 'done':
      case 'adjusted': {
        const recordedAt = now - hours(Math.min(state === 'adjusted' ? 26 : 4, waitHours - 1), waitHours);
        const at = recordedAt - hours(48, 10 * 24);
        const minutes = Math.min(1440, quarter(listing.durationMinutes * (0.7 + 0.7 * random.next())));
        const steps: Step[] = [{ kind: 'accepted', at: at + hours(1, 30) }, { kind: 'done', at: recordedAt, minutes, note: random.pick(DONE_NOTES) }];
        if (state === 'adjusted') steps.push({ kind: 'adjusted', at: recordedAt + hours(2, 20), minutes: Math.max(15, minutes - 15 * random.int(1, 4)), note: random.pick(ADJUST_NOTES) });
        return spec(listing, other, proposer, at, steps, recordedAt - hours(1, 5));
      }
      case 'declined': {
        const at = now - hours(72, 20 * 24);
        return spec(listing, other, proposer, at, [{ kind: 'declined', at: at + hours(2, 48), note: random.pick(DECLINE_REASONS) }], null);
      }
      case 'cancelled': {
        const at = now - hours(72, 20 * 24);
        const proposerSide = (proposer === 'owner') === (listing.owner === provider) ? 'provider' : 'receiver';
        // The proposer withdraws a proposal; once accepted, either side may call it off.
        const steps: Step[] = random.chance(0.5)
          ? [{ kind: 'cancelled', at: at + hours(2, 48), by: proposerSide, note: random.pick(CANCEL_REASONS) }]
          : [{ kind: 'accepted', at: at + hours(1, 24) }, { kind: 'cancelled', at: at + hours(30, 72), by: random.chance(0.5) ? 'provider' : 'receiver', note: random.pick(CANCEL_REASONS) }];
        return spec(listing, other, proposer, at, steps, null);
      }
    }
  };
  /** Tries a few listings and people until one exchange in `state` fits the rules. */
  const attempt = (state: State, listings: readonly PlannedListing[], pool?: readonly Neighbour[], proposer?: 'owner' | 'other') => {
    for (let tries = 0; tries < 25 && listings.length > 0; tries++) {
      const listing = random.pick(listings);
      const other = counterpart(listing, pool);
      if (other && builder.add(script(listing, other, state, proposer ?? (random.chance(0.75) ? 'other' : 'owner')))) return true;
    }
    return false;
  };

  // The neighbourhood at large: a few exchanges in each state.
  const general = live((l) => !documented.has(l.owner.id) && l.owner.kind === 'person' && !gated(l.skill));
  const k = Math.max(1, Math.round(regulars.length / 50));
  const half = Math.max(1, Math.round(k / 2));
  const counts: [State, number][] = [['proposed', k], ['accepted', k], ['done', k], ['adjusted', half], ['declined', half], ['cancelled', half]];
  for (const [state, n] of counts) for (let i = 0; i < n; i++) attempt(state, general);

  // Organisations: a neighbour answers what one asked for, and one accepted a neighbour's request to join in.
  const organisational = live((l) => l.owner.kind === 'organisation' && !gated(l.skill));
  attempt('proposed', organisational.filter((l) => l.kind === 'request'), regulars, 'other');
  attempt('accepted', organisational.filter((l) => l.kind === 'offer'), regulars, 'other');

  // Approvals: in a category the coordinators approve, one proposal and one accepted exchange
  // wait for them, and one they approved is ready for the helper to record the time.
  const approvalSkills = cast.skills.filter((s) => cast.approvalCategories.includes(s.category));
  const checked = regulars.filter(dbsChecked);
  if (approvalSkills.length > 0 && checked.length > 0) {
    const preferred = approvalSkills.filter((s) => LISTING_TEXTS[s.slug]);
    const skillFor = () => random.pick(preferred.length > 0 ? preferred : approvalSkills);
    const request = (owner: Neighbour, minAgeDays: number) => planner.add(owner, 'request', skillFor(), { maxAgeDays: minAgeDays + 10, minAgeHours: minAgeDays * 24 });
    const offer = (owner: Neighbour) => planner.add(owner, 'offer', skillFor(), { maxAgeDays: 30, minAgeHours: 9 * 24 });
    const asking = regulars.filter((p) => !dbsChecked(p));
    for (let tries = 0; tries < 10; tries++) {
      const listing = request(random.pick(asking.length > 0 ? asking : regulars), 4);
      if (listing && attempt('proposed', [listing], checked, 'other')) break;
    }
    for (let tries = 0; tries < 10; tries++) {
      const listing = offer(random.pick(checked));
      if (listing && attempt('accepted', [listing], regulars, 'other')) break;
    }
    for (let tries = 0; tries < 10; tries++) {
      const listing = request(random.pick(asking.length > 0 ? asking : regulars), 7);
      const helper = listing && counterpart(listing, checked);
      if (!listing || !helper) continue;
      const approver = cast.coordinators.find((c) => c.id !== helper.id && c.id !== listing.owner.id);
      if (!approver) break;
      const at = now - hours(4 * 24, 6 * 24);
      const accepted = at + hours(2, 20);
      const steps: Step[] = [{ kind: 'accepted', at: accepted }, { kind: 'approved', at: accepted + hours(3, 30), coordinator: approver, note: random.pick(APPROVAL_NOTES) }];
      if (builder.add(spec(listing, helper, 'other', at, steps, now + hours(24, 4 * 24)))) break;
    }
  }

  if (cast.member) planAroundMember(cast.member);
  if (cast.coordinator) planAroundCoordinator(cast.coordinator);

  /** The demo member's to-do list: a proposal to answer, a time to confirm, a changed time to accept, and more. */
  function planAroundMember(member: Neighbour) {
    const own = new Set(member.skills.filter((s) => s.kind === 'skill').map((s) => s.slug));
    const offerable = usable.filter((s) => planner.mayOffer(member, s));
    const offerSkill = offerable.find((s) => own.has(s.slug)) ?? random.pick(offerable);
    const myOffer = planner.add(member, 'offer', offerSkill, { maxAgeDays: 20, minAgeHours: 8 * 24 });
    const requestSkill = random.pick(usable.filter((s) => s.category !== offerSkill.category && !own.has(s.slug)));
    const myRequest = planner.add(member, 'request', requestSkill, { maxAgeDays: 10, minAgeHours: 80 });
    planner.add(member, 'request', random.pick(usable.filter((s) => s !== requestSkill)), { status: 'closed' });
    const theirOffers = () => random.shuffle(live((l) => l.kind === 'offer' && l.owner.kind === 'person' && !documented.has(l.owner.id) && !gated(l.skill)));
    if (myOffer) {
      tryUntil(() => { const o = counterpart(myOffer); return !!o && !!builder.add(spec(myOffer, o, 'other', now - hours(2, 10), [], now + hours(30, 5 * 24))); });
      tryUntil(() => {
        const o = counterpart(myOffer);
        if (!o) return false;
        const at = now - hours(4 * 24, 6 * 24);
        const recordedAt = now - hours(40, 60);
        const minutes = quarter(myOffer.durationMinutes * 1.25) + 15;
        const steps: Step[] = [{ kind: 'accepted', at: at + hours(2, 12) }, { kind: 'done', at: recordedAt, minutes, note: random.pick(DONE_NOTES) },
          { kind: 'adjusted', at: now - hours(3, 20), minutes: minutes - 30, note: ADJUST_NOTES[0] }];
        return !!builder.add(spec(myOffer, o, 'other', at, steps, recordedAt - 2 * HOUR_MS));
      });
    }
    if (myRequest) {
      tryUntil(() => {
        const o = counterpart(myRequest);
        const at = now - hours(40, 70);
        return !!o && !!builder.add(spec(myRequest, o, 'other', at, [{ kind: 'accepted', at: at + hours(2, 20) }], now + hours(30, 80)));
      });
    }
    for (const listing of theirOffers()) {
      if (builder.add(spec(listing, member, 'other', now - hours(18, 40), [], null))) break;
    }
    for (const listing of theirOffers()) {
      const at = now - hours(5 * 24, 8 * 24);
      const recordedAt = now - hours(26, 50);
      const steps: Step[] = [{ kind: 'accepted', at: at + hours(2, 24) }, { kind: 'done', at: recordedAt, minutes: quarter(listing.durationMinutes), note: random.pick(DONE_NOTES) }];
      if (builder.add(spec(listing, member, 'other', at, steps, recordedAt - 3 * HOUR_MS))) break;
    }
    // Help at home for the member's family, which a coordinator approves before the first visit.
    const careSkills = cast.skills.filter((s) => cast.approvalCategories.includes(s.category) && LISTING_TEXTS[s.slug]);
    const helpers = regulars.filter(dbsChecked);
    if (careSkills.length > 0 && helpers.length > 0) {
      const care = planner.add(member, 'request', random.pick(careSkills), { maxAgeDays: 4, minAgeHours: 30 });
      if (care) tryUntil(() => { const o = counterpart(care, helpers); return !!o && !!builder.add(spec(care, o, 'other', now - hours(3, 20), [], null)); });
    }
  }

  /** The documented coordinator's own exchanges: a proposal to answer and a time to confirm. */
  function planAroundCoordinator(coordinator: Neighbour) {
    const own = new Set(coordinator.skills.filter((s) => s.kind === 'skill').map((s) => s.slug));
    const offerable = usable.filter((s) => planner.mayOffer(coordinator, s));
    const offer = planner.add(coordinator, 'offer', offerable.find((s) => own.has(s.slug)) ?? random.pick(offerable), { maxAgeDays: 25, minAgeHours: 30 });
    if (offer) tryUntil(() => { const o = counterpart(offer); return !!o && !!builder.add(spec(offer, o, 'other', now - hours(3, 20), [], now + hours(30, 5 * 24))); });
    const theirs = random.shuffle(live((l) => l.kind === 'offer' && l.owner.kind === 'person' && !documented.has(l.owner.id) && !gated(l.skill)));
    for (const listing of theirs) {
      const at = now - hours(5 * 24, 9 * 24);
      const recordedAt = now - hours(20, 70);
      const steps: Step[] = [{ kind: 'accepted', at: at + hours(2, 24) }, { kind: 'done', at: recordedAt, minutes: quarter(listing.durationMinutes), note: random.pick(DONE_NOTES) }];
      if (builder.add(spec(listing, coordinator, 'other', at, steps, recordedAt - 2 * HOUR_MS))) break;
    }
  }

  function tryUntil(make: () => boolean, tries = 15) {
    for (let i = 0; i < tries; i++) if (make()) return;
  }
}
