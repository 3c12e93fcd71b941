// Disputes and reversals for a demo community, planned on top of its confirmed exchanges and
// written in the shape the live services write them (server/features/exchanges/service.ts and
// ledger/transfers.ts):
// - a dispute is an exchange taken to `disputed` by one side with a reason, then `resolved` by a
//   coordinator who is not a party: the minutes they decide are posted as the exchange's one
//   transaction (none for 0), both directions of the tie go to `interactions` when hours move,
//   and an upheld dispute appends a `dispute_upheld` interaction from the wronged side to the
//   one it was upheld against. Two stay open, for the coordinator's queue.
// - a reversal is a coordinator's mirror-image transaction of a confirmed exchange with a
//   reason; the original stays. One undoes an exchange recorded twice, the others undo hours
//   confirmed by mistake.
// Every posting goes through the same limit check as the rest of the demo's ledger (Balances).
import { randomUUID } from 'node:crypto';
import type { exchangeEvents, exchanges, interactions, ledgerEntries, ledgerTransactions, notifications } from '../db/schema.ts';
import { interactionRows, mutual } from '../features/exchanges/interactions.ts';
import { notificationRows } from '../features/offers/notifications.ts';
import type { Random } from './random.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A confirmed exchange of the plan, as far as a reversal needs it. */
export type PlannedExchange = { id: string; provider: string; receiver: string; minutes: number; at: number; skillId: number; category: string; label: string; references: unknown[] };
/** A person who may take part in a dispute. */
export type Party = { id: string; street: string; joinedAt: number };
/** Moves hours provider → receiver if both stay inside the community's limits (and records the move). */
export type Mover = (provider: string, receiver: string, minutes: number) => boolean;

type Outcome = { upheld: 'provider' | 'receiver' | 'neither'; minutes: (recorded: number) => number };
type DisputeScript = {
  by: 'provider' | 'receiver';
  /** Minutes the helper records; null when the dispute comes before any time is recorded. */
  recorded: readonly [number, number] | null;
  reason: string;
  /** Null keeps the dispute open for the coordinator's queue. */
  outcome: (Outcome & { note: string }) | null;
};

const quarter = (minutes: number) => Math.max(15, Math.round(minutes / 15) * 15);

const DISPUTES: readonly DisputeScript[] = [
  {
    by: 'receiver', recorded: [180, 240],
    reason: 'Three hours and more were recorded, but the job itself took about an hour. The rest was spent waiting for parts that never came.',
    outcome: { upheld: 'provider', minutes: () => 60, note: 'Spoke to both of them. The work took about an hour and the waiting should not have been recorded. One hour is posted.' },
  },
  {
    by: 'provider', recorded: [90, 150],
    reason: 'The help was given over a fortnight ago and they will not confirm the time or answer my messages.',
    outcome: { upheld: 'receiver', minutes: (recorded) => recorded, note: 'A neighbour saw the work being done and the result is there to see. The full time is posted.' },
  },
  {
    by: 'receiver', recorded: [90, 120],
    reason: 'Two hours were recorded but nobody came. I stayed in all Saturday morning waiting.',
    outcome: { upheld: 'provider', minutes: () => 0, note: 'The helper agreed they did not come that day and recorded the time by mistake. No hours are posted.' },
  },
  {
    by: 'receiver', recorded: [150, 180],
    reason: 'We agreed an hour and a half at most, not three hours. I think we misunderstood each other about what was included.',
    outcome: { upheld: 'neither', minutes: (recorded) => Math.min(recorded - 15, quarter(recorded * 0.6)), note: 'An honest misunderstanding about what was included. Both agreed to settle on the time posted.' },
  },
  {
    by: 'receiver', recorded: [120, 150],
    reason: 'The time recorded seems very long for what I asked for, and I would like someone to look at it.',
    outcome: { upheld: 'neither', minutes: (recorded) => recorded, note: 'The helper also did the extra jobs that were asked for on the day. The recorded time stands.' },
  },
  {
    by: 'receiver', recorded: [60, 120],
    reason: 'I was out when they say they came, and nothing I asked for has been done.',
    outcome: null,
  },
  {
    by: 'provider', recorded: null,
    reason: 'We agreed a time three times and each time nobody was in. I would like a coordinator to help sort this out.',
    outcome: null,
  },
];

const REVERSAL_REASONS = {
  duplicate: 'Recorded twice by mistake: the same visit was already confirmed the day before.',
  mistaken: [
    'Confirmed by mistake: the visit was called off and never happened. Both asked for it to be undone.',
    'Confirmed before the job was done; both asked for it to be undone until the work is finished.',
  ],
} as const;

export type DemoCorrections = {
  exchanges: (typeof exchanges.$inferInsert)[];
  events: (typeof exchangeEvents.$inferInsert)[];
  /** Transactions of resolved disputes, and exchanges recorded twice (before the reversals that need them). */
  transactions: (typeof ledgerTransactions.$inferInsert)[];
  reversals: (typeof ledgerTransactions.$inferInsert)[];
  /** Entries by account owner; the caller maps owners to ledger accounts. */
  entries: { transactionId: string; kind: 'exchange' | 'reversal'; owner: string; amount: number; postedAt: Date }[];
  interactions: (typeof interactions.$inferInsert)[];
  notifications: (typeof notifications.$inferInsert)[];
  disputes: number;
};

export type CorrectionsInput = {
  communityId: string;
  now: number;
  /** People who may be a party to a dispute (documented accounts and fake ones left out). */
  parties: readonly Party[];
  coordinators: readonly string[];
  /** Confirmed exchanges of the plan, candidates for a reversal. */
  confirmed: readonly PlannedExchange[];
  /** The ledger transaction a confirmed exchange of the plan posted. */
  transactionOf: (exchangeId: string) => string | undefined;
  pickSkill: () => { id: number; category: string; label: string };
  move: Mover;
};

/** Plans the disputes and reversals of one community and returns the rows to write. */
export function planCorrections(random: Random, input: CorrectionsInput): DemoCorrections {
  const { communityId, now } = input;
  const out: DemoCorrections = { exchanges: [], events: [], transactions: [], reversals: [], entries: [], interactions: [], notifications: [], disputes: 0 };
  const coordinatorFor = (...parties: string[]) => {
    const free = input.coordinators.filter((c) => !parties.includes(c));
    return free.length > 0 ? random.pick(free) : null;
  };
  const used = new Set<string>();

  for (const [n, script] of DISPUTES.entries()) {
    const open = script.outcome === null;
    // Resolved disputes are spread over the months; open ones are from the last few days.
    const doneAt = open ? now - random.int(2 * 24, 5 * 24) * HOUR_MS : now - random.int(30, 160) * DAY_MS;
    const recorded = script.recorded ? 15 * random.int(script.recorded[0] / 15, script.recorded[1] / 15) : null;
    const minutes = script.outcome && recorded !== null ? script.outcome.minutes(recorded) : 0;
    for (let tries = 0; tries < 40; tries++) {
      const eligible = input.parties.filter((p) => p.joinedAt < doneAt - 5 * DAY_MS && !used.has(p.id));
      if (eligible.length < 2) break;
      const a = random.pick(eligible);
      const neighbours = eligible.filter((p) => p.street === a.street && p.id !== a.id);
      const b = neighbours.length > 0 && random.chance(0.7) ? random.pick(neighbours) : random.pick(eligible.filter((p) => p.id !== a.id));
      const [provider, receiver] = n % 2 === 0 ? [a.id, b.id] : [b.id, a.id];
      const coordinator = coordinatorFor(provider, receiver);
      if (!coordinator) break;
      if (minutes > 0 && !input.move(provider, receiver, minutes)) continue;
      used.add(provider).add(receiver);
      out.disputes++;
      writeDispute(out, communityId, now, random, { script, provider, receiver, coordinator, recorded, minutes, doneAt, skill: input.pickSkill() });
      break;
    }
  }

  // Reversals, each between different people: one of an exchange recorded twice (any exchange
  // can be entered twice), and hours confirmed by mistake for exchanges nobody wrote a reference about.
  const reversed = new Set<string>();
  const older = input.confirmed.filter((e) => e.at < now - 12 * DAY_MS);
  const free = (e: PlannedExchange) => !reversed.has(e.provider) && !reversed.has(e.receiver);
  const reverse = (e: PlannedExchange, transactionId: string, coordinator: string, at: number, reason: string) => {
    const postedAt = new Date(Math.min(at, now - HOUR_MS));
    const id = randomUUID();
    out.reversals.push({ id, communityId, kind: 'reversal', baseKind: 'exchange', reversesId: transactionId, note: reason, createdBy: coordinator, postedAt });
    out.entries.push(
      { transactionId: id, kind: 'reversal', owner: e.provider, amount: -e.minutes, postedAt },
      { transactionId: id, kind: 'reversal', owner: e.receiver, amount: e.minutes, postedAt },
    );
    // As the reversal service does: the exchange's tie is withdrawn with the confirmation's date.
    out.interactions.push(...interactionRows(communityId, mutual(e.provider, e.receiver, 'exchange_reversed', 'reversal', id, new Date(e.at))));
    reversed.add(e.provider).add(e.receiver);
  };
  // One exchange recorded twice: the copy is confirmed a day later, then reversed. Undoing it
  // returns both balances to where they were, so it always fits the limits the copy fitted.
  for (const original of random.shuffle(older)) {
    const coordinator = coordinatorFor(original.provider, original.receiver);
    if (!free(original) || !coordinator || !input.move(original.provider, original.receiver, original.minutes)) continue;
    const copy = { ...original, id: randomUUID(), at: original.at + DAY_MS + random.int(0, 6) * HOUR_MS };
    const transactionId = writeConfirmed(out, communityId, copy);
    input.move(copy.receiver, copy.provider, copy.minutes);
    reverse(copy, transactionId, coordinator, copy.at + random.int(2, 7) * DAY_MS, REVERSAL_REASONS.duplicate);
    break;
  }
  let mistaken = 0;
  for (const e of random.shuffle(older.filter((x) => x.references.length === 0))) {
    if (mistaken === REVERSAL_REASONS.mistaken.length) break;
    const coordinator = coordinatorFor(e.provider, e.receiver);
    const transactionId = input.transactionOf(e.id);
    if (!free(e) || !coordinator || !transactionId || !input.move(e.receiver, e.provider, e.minutes)) continue;
    reverse(e, transactionId, coordinator, e.at + random.int(1, 6) * DAY_MS, REVERSAL_REASONS.mistaken[mistaken]);
    mistaken++;
  }
  return out;
}

type DisputeFacts = {
  script: DisputeScript;
  provider: string;
  receiver: string;
  coordinator: string;
  recorded: number | null;
  minutes: number;
  doneAt: number;
  skill: { id: number; category: string; label: string };
};

/** One dispute: the exchange, its timeline, and for a resolution the posting and the trust evidence. */
function writeDispute(out: DemoCorrections, communityId: string, now: number, random: Random, f: DisputeFacts) {
  const id = randomUUID();
  const description = `Help with ${f.skill.label.toLowerCase()}`;
  const createdAt = new Date(f.doneAt - random.int(3, 6) * DAY_MS);
  const acceptedAt = new Date(createdAt.getTime() + random.int(2, 30) * HOUR_MS);
  const disputedBy = f.script.by === 'provider' ? f.provider : f.receiver;
  const outcome = f.script.outcome;
  // A helper waits days for an answer before asking for help; the person helped speaks up sooner.
  const disputedAt = outcome
    ? new Date(f.doneAt + random.int(f.script.by === 'provider' ? 5 * 24 : 4, f.script.by === 'provider' ? 10 * 24 : 3 * 24) * HOUR_MS)
    : new Date(f.doneAt + 4 * HOUR_MS + random.next() * (now - 2 * HOUR_MS - f.doneAt - 4 * HOUR_MS));
  const resolvedAt = outcome ? new Date(Math.min(now - HOUR_MS, disputedAt.getTime() + random.int(1, 6) * DAY_MS)) : null;
  const against = outcome?.upheld === 'provider' ? f.provider : outcome?.upheld === 'receiver' ? f.receiver : null;

  out.exchanges.push({
    id, communityId, providerId: f.provider, receiverId: f.receiver, proposedBy: f.receiver, skillId: f.skill.id, category: f.skill.category, description,
    proposedMinutes: f.recorded, scheduledFor: new Date(f.doneAt - 2 * HOUR_MS), status: outcome ? 'resolved' : 'disputed', approval: 'not_needed',
    recordedMinutes: f.recorded, awaitingSince: null,
    confirmedMinutes: outcome ? f.minutes : null, confirmedAt: outcome && f.minutes > 0 ? resolvedAt : null, confirmedHow: outcome && f.minutes > 0 ? 'resolution' : null,
    upheldAgainst: against, createdAt, updatedAt: resolvedAt ?? disputedAt,
  });
  out.events.push(
    { communityId, exchangeId: id, kind: 'proposed', actorId: f.receiver, note: description, createdAt },
    { communityId, exchangeId: id, kind: 'accepted', actorId: f.provider, createdAt: acceptedAt },
    ...(f.recorded !== null ? [{ communityId, exchangeId: id, kind: 'done' as const, actorId: f.provider, minutes: f.recorded, createdAt: new Date(f.doneAt) }] : []),
    { communityId, exchangeId: id, kind: 'disputed', actorId: disputedBy, note: f.script.reason, createdAt: disputedAt },
  );
  if (!outcome || !resolvedAt) {
    // As the service tells them: the coordinators and the other side.
    const other = disputedBy === f.provider ? f.receiver : f.provider;
    out.notifications.push(...notificationRows(communityId, [other, f.coordinator], {
      kind: 'exchange.disputed', title: `An exchange for ${f.skill.label.toLowerCase()} is disputed`, body: f.script.reason, link: `/timebank/exchanges/${id}`, sourceId: id,
    }).map((row) => ({ ...row, createdAt: disputedAt })));
    return;
  }
  out.events.push({ communityId, exchangeId: id, kind: 'resolved', actorId: f.coordinator, minutes: f.minutes, note: outcome.note, createdAt: resolvedAt });
  if (f.minutes > 0) {
    const transactionId = randomUUID();
    out.transactions.push({ id: transactionId, communityId, kind: 'exchange', baseKind: 'exchange', exchangeId: id, createdBy: f.coordinator, postedAt: resolvedAt });
    out.entries.push(
      { transactionId, kind: 'exchange', owner: f.provider, amount: f.minutes, postedAt: resolvedAt },
      { transactionId, kind: 'exchange', owner: f.receiver, amount: -f.minutes, postedAt: resolvedAt },
    );
    out.interactions.push(...interactionRows(communityId, mutual(f.provider, f.receiver, 'exchange_confirmed', 'exchange', id, resolvedAt)));
  }
  if (against) {
    const wronged = against === f.provider ? f.receiver : f.provider;
    out.interactions.push(...interactionRows(communityId, [{ actorId: wronged, subjectId: against, kind: 'dispute_upheld', sourceType: 'exchange', sourceId: id, occurredAt: resolvedAt }]));
  }
}

/** An ordinary confirmed exchange (the copy of one recorded twice), as the demo's other exchanges are written; returns its transaction. */
function writeConfirmed(out: DemoCorrections, communityId: string, e: PlannedExchange): string {
  const at = new Date(e.at);
  const description = `Help with ${e.label.toLowerCase()}`;
  out.exchanges.push({
    id: e.id, communityId, providerId: e.provider, receiverId: e.receiver, proposedBy: e.receiver, skillId: e.skillId, category: e.category, description,
    proposedMinutes: e.minutes, scheduledFor: new Date(e.at - 2 * HOUR_MS), status: 'confirmed', recordedMinutes: e.minutes, confirmedMinutes: e.minutes, confirmedAt: at,
    confirmedHow: 'receiver', createdAt: new Date(e.at - 3 * HOUR_MS), updatedAt: at,
  });
  out.events.push(
    { communityId, exchangeId: e.id, kind: 'proposed', actorId: e.receiver, note: description, createdAt: new Date(e.at - 3 * HOUR_MS) },
    { communityId, exchangeId: e.id, kind: 'accepted', actorId: e.provider, createdAt: new Date(e.at - 2 * HOUR_MS) },
    { communityId, exchangeId: e.id, kind: 'done', actorId: e.provider, minutes: e.minutes, createdAt: new Date(e.at - HOUR_MS) },
    { communityId, exchangeId: e.id, kind: 'confirmed', actorId: e.receiver, minutes: e.minutes, createdAt: at },
  );
  const transactionId = randomUUID();
  out.transactions.push({ id: transactionId, communityId, kind: 'exchange', baseKind: 'exchange', exchangeId: e.id, createdBy: e.receiver, postedAt: at });
  out.entries.push(
    { transactionId, kind: 'exchange', owner: e.provider, amount: e.minutes, postedAt: at },
    { transactionId, kind: 'exchange', owner: e.receiver, amount: -e.minutes, postedAt: at },
  );
  out.interactions.push(...interactionRows(communityId, mutual(e.provider, e.receiver, 'exchange_confirmed', 'exchange', e.id, at)));
  return transactionId;
}
