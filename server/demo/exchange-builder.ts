// Builds an exchange that is still under way, step by step, in exactly the shape the exchange
// service writes it (exchanges/service.ts proposeExchange and its lifecycle steps): the row as
// the last step left it, one timeline event per step, and the notifications each step sends.
// Every step is first put to the lifecycle's own rules (requireAction), so the demo cannot
// make an exchange the app would refuse; and the hours it may still move are reserved on the
// ledger timeline, so that whatever the members do next stays within the community's limits.
import { randomUUID } from 'node:crypto';
import type { exchangeEvents, exchanges, notifications } from '../db/schema.ts';
import { formatMinutes } from '../../common/ledger.ts';
import type { ExchangeAction } from '../../common/exchanges.ts';
import { requireAction, type ExchangeState } from '../features/exchanges/lifecycle.ts';
import { needsApproval } from '../features/exchanges/approval.ts';
import { actorOf, mayHelp, peopleBehind, type Cast, type Neighbour } from './activity-cast.ts';
import { LATER, type LedgerTimeline } from './ledger-timeline.ts';
import type { PlannedListing } from './plan-listings.ts';

export type Step =
  | { kind: 'accepted'; at: number }
  | { kind: 'approved'; at: number; coordinator: Neighbour; note: string }
  | { kind: 'done'; at: number; minutes: number; note: string }
  | { kind: 'adjusted'; at: number; minutes: number; note: string }
  | { kind: 'declined'; at: number; note: string }
  | { kind: 'cancelled'; at: number; by: 'provider' | 'receiver'; note: string };

export type ExchangeSpec = {
  listing: PlannedListing;
  /** The other party: whoever is not the listing's owner. */
  other: Neighbour;
  /** Who proposed: the owner (inviting `other`) or `other` (answering the listing). */
  proposer: 'owner' | 'other';
  at: number;
  description: string;
  proposedMinutes: number | null;
  scheduledFor: number | null;
  steps: readonly Step[];
};

type Notification = typeof notifications.$inferInsert & { createdAt: Date };

export type InFlight = {
  exchanges: (typeof exchanges.$inferInsert)[];
  events: (typeof exchangeEvents.$inferInsert & { createdAt: Date })[];
  notifications: Notification[];
};

const ACTION: Record<Step['kind'], ExchangeAction> = { accepted: 'accept', approved: 'approve', done: 'record', adjusted: 'adjust', declined: 'decline', cancelled: 'cancel' };

/** The two sides: an offer's owner gives the help, a request's owner receives it. */
export function sidesOf(listing: PlannedListing, other: Neighbour): { provider: Neighbour; receiver: Neighbour } {
  return listing.kind === 'offer' ? { provider: listing.owner, receiver: other } : { provider: other, receiver: listing.owner };
}

/** Collects exchanges in flight for one community. */
export class ExchangeBuilder {
  readonly out: InFlight = { exchanges: [], events: [], notifications: [] };
  /** Listing, provider and receiver of each live exchange (one live exchange per listing and pair, as the database insists). */
  private readonly live = new Set<string>();

  constructor(private readonly cast: Cast, private readonly ledger: LedgerTimeline) {}

  /**
   * Adds the exchange if it keeps to the rules; returns its id, or null (and adds nothing) when
   * it would not: a duplicate live exchange, a block, a helper below the level the work needs
   * (exchanges/safeguarding.ts), a step the lifecycle refuses, or hours the limits could not take.
   */
  add(spec: ExchangeSpec): string | null {
    const { cast } = this;
    const { listing, other } = spec;
    const { provider, receiver } = sidesOf(listing, other);
    const proposer = spec.proposer === 'owner' ? listing.owner : other;
    const asked = proposer === provider ? receiver : provider;
    const skill = listing.skill;
    const key = `${listing.id}:${provider.id}:${receiver.id}`;
    if (other.id === listing.owner.id || this.live.has(key) || cast.blocked(actorOf(proposer), asked.id) || cast.blocked(provider.id, receiver.id)) return null;
    // The helper rule as proposing, accepting and recording ask it today: the skill, its catalogue mark and where the listing says the help happens.
    if (!mayHelp(cast, provider, skill, listing.place)) return null;
    if (spec.at < Math.max(provider.joinedAt, receiver.joinedAt, listing.createdAt) || spec.at >= cast.now) return null;

    const id = randomUUID();
    const label = skill.label.toLowerCase();
    const state: ExchangeState = {
      status: 'proposed', approval: needsApproval(cast, { category: skill.category, place: listing.place }) ? 'pending' : 'not_needed', providerId: provider.id, receiverId: receiver.id,
      proposedBy: proposer.id, adjustedMinutes: null, transactionId: null, reversed: false, referencedBy: [],
    };
    let recorded: number | null = null;
    let adjustmentNote = '';
    let awaitingSince: number | null = null;
    let updatedAt = spec.at;
    const events: InFlight['events'] = [];
    const told: Notification[] = [];
    const notify = (userIds: readonly string[], at: number, kind: string, title: string, body: string, except?: string) => {
      for (const userId of new Set(userIds)) {
        if (userId !== except && !told.some((n) => n.userId === userId && n.kind === kind)) {
          told.push({ communityId: cast.communityId, userId, kind, title, body, link: `/timebank/exchanges/${id}`, sourceId: id, createdAt: new Date(at) });
        }
      }
    };
    const event = (kind: (typeof exchangeEvents.$inferInsert)['kind'], actorId: string, at: number, extra: { minutes?: number; note?: string } = {}) =>
      events.push({ communityId: cast.communityId, exchangeId: id, kind, actorId, minutes: extra.minutes ?? null, note: extra.note ?? '', createdAt: new Date(at) });

    event('proposed', actorOf(proposer), spec.at, { note: spec.description });
    notify(peopleBehind(asked), spec.at, 'exchange.proposed', `New exchange proposed: ${listing.title}`, spec.description);
    if (state.approval === 'pending') {
      notify(cast.coordinators.map((c) => c.id), spec.at, 'exchange.approval_needed', `An exchange in ${label} needs your approval`, listing.title);
    }

    let last = spec.at;
    for (const step of spec.steps) {
      if (step.at <= last || step.at >= cast.now) return null;
      last = step.at;
      const party = step.kind === 'approved' ? null
        : step.kind === 'accepted' || step.kind === 'declined' ? asked
        : step.kind === 'done' ? provider
        : step.kind === 'adjusted' ? receiver
        : step.by === 'provider' ? provider : receiver;
      const actor = step.kind === 'approved' ? step.coordinator.id : actorOf(party!);
      const identities = party && party.kind === 'organisation' ? [actor, party.id] : [actor];
      const coordinator = step.kind === 'approved' && cast.coordinators.some((c) => c.id === actor);
      try {
        requireAction(state, { identities, coordinator }, ACTION[step.kind]);
      } catch {
        return null;
      }
      // Step notifications go to the other side (both sides for a coordinator's decision), never to whoever acted.
      const otherSide = party === provider ? receiver : provider;
      switch (step.kind) {
        case 'accepted':
          state.status = 'accepted';
          event('accepted', actor, step.at);
          notify(peopleBehind(otherSide), step.at, 'exchange.accepted', `Your exchange for ${label} was accepted`, '', actor);
          break;
        case 'approved':
          state.approval = 'approved';
          event('approved', actor, step.at, { note: step.note });
          notify([...peopleBehind(provider), ...peopleBehind(receiver)], step.at, 'exchange.approved', `A coordinator approved your exchange for ${label}`, step.note, actor);
          break;
        case 'done':
          state.status = 'done';
          recorded = step.minutes;
          awaitingSince = step.at;
          event('done', actor, step.at, { minutes: step.minutes, note: step.note });
          notify(peopleBehind(otherSide), step.at, 'exchange.done', `${provider.displayName} recorded ${formatMinutes(step.minutes)}. Please confirm it or suggest a change.`, step.note, actor);
          break;
        case 'adjusted':
          if (step.minutes === recorded) return null;
          state.adjustedMinutes = step.minutes;
          adjustmentNote = step.note;
          awaitingSince = step.at;
          event('adjusted', actor, step.at, { minutes: step.minutes, note: step.note });
          notify(peopleBehind(otherSide), step.at, 'exchange.adjusted', `${receiver.displayName} suggested ${formatMinutes(step.minutes)} instead of ${formatMinutes(recorded!)}`, step.note, actor);
          break;
        case 'declined':
          state.status = 'declined';
          event('declined', actor, step.at, { note: step.note });
          notify(peopleBehind(otherSide), step.at, 'exchange.declined', `Your exchange for ${label} was declined`, step.note, actor);
          break;
        case 'cancelled':
          state.status = 'cancelled';
          event('cancelled', actor, step.at, { note: step.note });
          notify(peopleBehind(otherSide), step.at, 'exchange.cancelled', `An exchange for ${label} was cancelled`, step.note, actor);
          break;
      }
      updatedAt = step.at;
    }

    // The hours this exchange may still move, reserved so that settling it later fits the limits.
    const settling = state.status === 'done' ? (state.adjustedMinutes ?? recorded!) : state.status === 'proposed' || state.status === 'accepted' ? (spec.proposedMinutes ?? listing.durationMinutes) : 0;
    if (settling > 0 && !this.ledger.tryPost([{ owner: provider.id, amount: settling }, { owner: receiver.id, amount: -settling }], LATER)) return null;
    if (state.status === 'proposed' || state.status === 'accepted') this.live.add(key);

    // Read once the person acted on the exchange afterwards; anything newer is still waiting for them.
    for (const n of told) {
      const answered = events.find((e) => e.actorId === n.userId && e.createdAt > n.createdAt);
      if (answered) n.readAt = answered.createdAt;
    }
    this.out.exchanges.push({
      id, communityId: cast.communityId, listingId: listing.id, providerId: provider.id, receiverId: receiver.id, proposedBy: proposer.id, skillId: skill.id, category: skill.category,
      description: spec.description, proposedMinutes: spec.proposedMinutes, scheduledFor: spec.scheduledFor === null ? null : new Date(spec.scheduledFor), status: state.status,
      approval: state.approval, recordedMinutes: recorded, adjustedMinutes: state.adjustedMinutes, adjustmentNote, awaitingSince: awaitingSince === null ? null : new Date(awaitingSince),
      createdAt: new Date(spec.at), updatedAt: new Date(updatedAt),
    });
    this.out.events.push(...events);
    this.out.notifications.push(...told);
    return id;
  }
}
