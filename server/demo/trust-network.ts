// Grows a living network in demo communities, so that the trust dashboard shows something true
// to explore: months of confirmed exchanges (and the references after them) forming mostly
// inside streets and, as the months pass, more and more across them; a few members who have
// done nothing with anyone yet; and one small ring of fake accounts that only exchange with
// each other, joined to real members by one or two "attack" ties, which the engine should
// contain. Everything is written as the live services write it: exchanges with their timeline,
// one balanced ledger transaction each (within the community's limits), references, and both
// directions of each tie in `interactions`; then a few disputes and reversals (corrections.ts).
// Then each community is recomputed (or the caller does, once it has added the rest).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import {
  communities, exchangeEvents, exchangeReferences, exchanges, interactions, ledgerAccounts, ledgerEntries, ledgerTransactions,
  memberships, notifications, profiles, skills, timebankSettings, users,
} from '../db/schema.ts';
import { hashPassword } from '../lib/passwords.ts';
import { KIND_WEIGHTS } from '../../trust/kind-weights.ts';
import { recomputeCommunity } from '../features/trust/recompute.ts';
import { planCorrections } from './corrections.ts';
import { DEMO_ACCOUNTS, FIRST_NAMES, SURNAMES } from './data.ts';
import { Random } from './random.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const RING_SIZE = 10;
const ATTACK_TIES = 2;

export type TrustNetworkOptions = {
  communityIds: readonly string[];
  now?: Date;
  seed?: number;
  /** A password hash for the fake accounts (they are never meant to sign in). */
  passwordHash?: string;
  /** As in generateNeighbourhood: keeps the fake accounts' emails apart from a first demo. */
  tag?: string;
  /** Recompute each community's trust at the end (default true); false when the caller adds more first. */
  recompute?: boolean;
};

export type TrustNetworkSummary = {
  exchanges: number; references: number; disputes: number; reversals: number; ring: string[]; isolated: string[]; attackTies: { ring: string; member: string }[];
};

type Person = { id: string; street: string; joinedAt: number; reachOutOk: boolean; email: string | null };
type Exchange = { id: string; provider: string; receiver: string; minutes: number; at: number; skillId: number; category: string; label: string; references: { author: string; subject: string; again: boolean }[] };

const REFERENCE_TEXTS = ['Lovely to meet properly at last.', 'Really helpful, and on time.', 'Thank you so much, it made my week.', 'Friendly and careful. Would ask again.', 'A great neighbour.'] as const;

async function insertAll<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** Keeps every balance inside the community's limits, as the ledger service would. */
class Balances {
  private readonly balance = new Map<string, number>();
  constructor(private readonly limits: { mode: string; maxDebitMinutes: number; maxCreditMinutes: number }, start: Map<string, number>) {
    for (const [id, b] of start) this.balance.set(id, b);
  }
  /** Orders the pair so the hours can move (the one further below zero helps), or null if neither way fits. */
  settle(a: string, b: string, minutes: number): [string, string] | null {
    const fits = (provider: string, receiver: string) => this.limits.mode === 'participation'
      || ((this.balance.get(provider) ?? 0) + minutes <= this.limits.maxCreditMinutes && (this.balance.get(receiver) ?? 0) - minutes >= -this.limits.maxDebitMinutes);
    const order: [string, string] = (this.balance.get(a) ?? 0) <= (this.balance.get(b) ?? 0) ? [a, b] : [b, a];
    const pair = fits(...order) ? order : fits(order[1], order[0]) ? ([order[1], order[0]] as [string, string]) : null;
    if (pair) {
      this.balance.set(pair[0], (this.balance.get(pair[0]) ?? 0) + minutes);
      this.balance.set(pair[1], (this.balance.get(pair[1]) ?? 0) - minutes);
    }
    return pair;
  }
  /** Moves minutes from receiver to provider if both stay inside the limits; false (and nothing moves) otherwise. */
  move(provider: string, receiver: string, minutes: number): boolean {
    const fits = this.limits.mode === 'participation'
      || ((this.balance.get(provider) ?? 0) + minutes <= this.limits.maxCreditMinutes && (this.balance.get(receiver) ?? 0) - minutes >= -this.limits.maxDebitMinutes);
    if (fits) {
      this.balance.set(provider, (this.balance.get(provider) ?? 0) + minutes);
      this.balance.set(receiver, (this.balance.get(receiver) ?? 0) - minutes);
    }
    return fits;
  }
}

/** Plans one community's exchanges: street ties first, bridges growing month by month. */
function planExchanges(random: Random, people: Person[], start: number, now: number, pickSkill: () => { id: number; category: string; label: string }, balances: Balances): Exchange[] {
  const out: Exchange[] = [];
  const partners = new Map<string, string[]>();
  const byStreet = new Map<string, Person[]>();
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const p of people) {
    if (!byStreet.has(p.street)) byStreet.set(p.street, []);
    byStreet.get(p.street)!.push(p);
  }
  const months = Math.max(1, Math.ceil((now - start) / (30 * DAY_MS)));
  const add = (a: Person, b: Person, at: number, againShare = 0.97) => {
    const minutes = 15 * random.int(2, 12);
    const pair = balances.settle(a.id, b.id, minutes);
    if (!pair) return;
    const skill = pickSkill();
    const references = pair.flatMap((author, i) => (random.chance(0.45) ? [{ author, subject: pair[1 - i], again: random.chance(againShare) }] : []));
    out.push({ id: randomUUID(), provider: pair[0], receiver: pair[1], minutes, at, skillId: skill.id, category: skill.category, label: skill.label, references });
    for (const [x, y] of [[a.id, b.id], [b.id, a.id]]) {
      if (!partners.has(x)) partners.set(x, []);
      partners.get(x)!.push(y);
    }
  };
  for (let k = 0; k < months; k++) {
    const from = start + k * 30 * DAY_MS;
    const to = Math.min(now - 2 * HOUR_MS, from + 30 * DAY_MS);
    // Exchanges across streets grow from about 3% of the month's new ones to well over half.
    const across = 0.03 + 0.75 * (k / Math.max(1, months - 1)) ** 1.5;
    const present = people.filter((p) => p.joinedAt < to);
    const count = Math.round(present.length * (0.25 + 0.1 * k / Math.max(1, months - 1)));
    for (let i = 0; i < count; i++) {
      const a = random.pick(present);
      const known = (partners.get(a.id) ?? []).map((id) => byId.get(id)!).filter((p) => p.joinedAt < to);
      let b: Person | undefined;
      if (known.length > 0 && random.chance(0.25)) b = random.pick(known);
      else if (random.chance(across)) {
        // A few draws find someone from another street without scanning everyone.
        for (let tries = 0; tries < 8 && (!b || b.street === a.street); tries++) b = random.pick(present);
        if (b?.street === a.street) b = undefined;
      } else {
        const street = (byStreet.get(a.street) ?? []).filter((p) => p.joinedAt < to && p.id !== a.id);
        if (street.length > 0) b = random.pick(street);
      }
      if (!b || b.id === a.id) continue;
      const earliest = Math.max(from, a.joinedAt, b.joinedAt) + HOUR_MS;
      if (earliest >= to) continue;
      add(a, b, earliest + random.next() * (to - earliest));
    }
  }
  return out;
}

/** Grows the trust network of each demo community, then recomputes its trust and measures. */
export async function growTrustNetwork(db: Db, options: TrustNetworkOptions): Promise<TrustNetworkSummary> {
  const now = (options.now ?? new Date()).getTime();
  const random = new Random(((options.seed ?? 1) * 2_654_435_761) >>> 0);
  const passwordHash = options.passwordHash ?? (await hashPassword(randomUUID()));
  const summary: TrustNetworkSummary = { exchanges: 0, references: 0, disputes: 0, reversals: 0, ring: [], isolated: [], attackTies: [] };
  const documented = new Set<string>(Object.values(DEMO_ACCOUNTS).flatMap((a) => (typeof a === 'object' ? [a.email.replace('@', `${options.tag ? `+${options.tag}` : ''}@`)] : [])));
  const skillRows = await db.select({ id: skills.id, category: skills.category, label: skills.label }).from(skills);

  for (const [c, communityId] of options.communityIds.entries()) {
    const [community] = await db.select({ createdAt: communities.createdAt }).from(communities).where(eq(communities.id, communityId));
    const [settings] = await db.select().from(timebankSettings).where(eq(timebankSettings.communityId, communityId));
    if (!community || !settings) continue;
    const usable = skillRows.filter((s) => !settings.safeguardingCategories.includes(s.category) && !settings.approvalCategories.includes(s.category));
    if (usable.length === 0) continue;
    const pickSkill = () => random.pick(usable);
    const rows = await db
      .select({ id: users.id, email: users.email, area: profiles.area, joinedAt: memberships.joinedAt, reachOutOk: profiles.reachOutOk })
      .from(memberships).innerJoin(users, eq(users.id, memberships.userId)).innerJoin(profiles, eq(profiles.userId, users.id))
      .where(and(eq(memberships.communityId, communityId), eq(memberships.status, 'active'), inArray(memberships.role, ['member', 'coordinator']), eq(users.kind, 'person')))
      .orderBy(memberships.joinedAt, users.id);
    const acted = new Set((await db.select({ a: interactions.actorId, s: interactions.subjectId }).from(interactions).where(eq(interactions.communityId, communityId))).flatMap((r) => [r.a, r.s]));
    const people: Person[] = rows.map((r) => ({ id: r.id, street: r.area, joinedAt: r.joinedAt.getTime(), reachOutOk: r.reachOutOk, email: r.email }));

    // A few members who have done nothing with anyone yet; most of them said a coordinator may get in touch.
    const untouched = random.shuffle(people.filter((p) => !acted.has(p.id) && !documented.has(p.email ?? '')));
    const isolatedCount = Math.max(3, Math.round(people.length * 0.03));
    const willing = untouched.filter((p) => p.reachOutOk);
    const isolated = [...willing.slice(0, Math.ceil(isolatedCount * 0.6)), ...untouched.filter((p) => !p.reachOutOk)].slice(0, isolatedCount);
    const isolatedIds = new Set(isolated.map((p) => p.id));
    summary.isolated.push(...isolatedIds);
    const active = people.filter((p) => !isolatedIds.has(p.id));

    const accounts = await db.select({ userId: ledgerAccounts.userId, balance: ledgerAccounts.balance }).from(ledgerAccounts)
      .where(and(eq(ledgerAccounts.communityId, communityId), ne(ledgerAccounts.kind, 'fund')));
    const balances = new Balances(settings, new Map(accounts.map((a) => [a.userId!, a.balance])));
    const planned = planExchanges(random, active, community.createdAt.getTime() + 3 * DAY_MS, now, pickSkill, balances);

    // The ring: ten accounts that joined in the last two months and only exchange among themselves.
    const street = random.pick([...new Set(active.map((p) => p.street))]);
    const ring: Person[] = Array.from({ length: RING_SIZE }, (_, i) => ({ id: randomUUID(), street, joinedAt: now - random.int(20, 60) * DAY_MS, reachOutOk: false, email: `ring.${c + 1}.${i + 1}${options.tag ? `+${options.tag}` : ''}@example.net` }));
    for (const [i, a] of ring.entries()) {
      for (const b of ring.slice(i + 1)) {
        if (!random.chance(0.6)) continue;
        for (let n = random.int(1, 3); n > 0; n--) {
          const pair = balances.settle(a.id, b.id, 60);
          if (!pair) continue;
          const skill = pickSkill();
          const at = Math.max(a.joinedAt, b.joinedAt) + random.next() * (now - 2 * HOUR_MS - Math.max(a.joinedAt, b.joinedAt));
          planned.push({ id: randomUUID(), provider: pair[0], receiver: pair[1], minutes: 60, at, skillId: skill.id, category: skill.category, label: skill.label, references: [{ author: pair[0], subject: pair[1], again: true }, { author: pair[1], subject: pair[0], again: true }] });
        }
      }
    }
    // The attack ties: real members who did one exchange with someone in the ring.
    for (const member of random.sample(active.filter((p) => p.street === street), ATTACK_TIES)) {
      const fake = random.pick(ring);
      const pair = balances.settle(member.id, fake.id, 45);
      if (!pair) continue;
      const skill = pickSkill();
      planned.push({ id: randomUUID(), provider: pair[0], receiver: pair[1], minutes: 45, at: now - random.int(3, 15) * DAY_MS, skillId: skill.id, category: skill.category, label: skill.label, references: [] });
      summary.attackTies.push({ ring: fake.id, member: member.id });
    }
    summary.ring.push(...ring.map((r) => r.id));
    planned.sort((a, b) => a.at - b.at);
    const txIds = planned.map(() => randomUUID());
    const transactionOf = new Map(planned.map((e, i) => [e.id, txIds[i]]));

    // A few disputes and coordinators' reversals among the real members, drawn from their own
    // random stream so the rest of the neighbourhood is the same with or without them.
    const coordinators = (await db.select({ id: memberships.userId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.communityId, communityId), eq(memberships.role, 'coordinator'), eq(memberships.status, 'active'), eq(users.kind, 'person')))
      .orderBy(memberships.joinedAt, memberships.userId)).map((r) => r.id);
    const ringIds = new Set(ring.map((r) => r.id));
    const correctionsRandom = new Random((((options.seed ?? 1) * 2_246_822_519) ^ (c + 1)) >>> 0);
    const corrections = planCorrections(correctionsRandom, {
      communityId, now, coordinators,
      parties: active.filter((p) => !documented.has(p.email ?? '')),
      confirmed: planned.filter((e) => !ringIds.has(e.provider) && !ringIds.has(e.receiver)),
      transactionOf: (id) => transactionOf.get(id),
      pickSkill: () => correctionsRandom.pick(usable),
      move: (provider, receiver, minutes) => balances.move(provider, receiver, minutes),
    });

    await db.transaction(async (tx) => {
      await insertAll(tx, users, ring.map((r, i) => ({
        id: r.id, email: r.email, passwordHash, displayName: `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`, createdAt: new Date(r.joinedAt - (i + 1) * 60_000), updatedAt: new Date(r.joinedAt),
      })));
      await insertAll(tx, profiles, ring.map((r) => ({ userId: r.id, area: street, bio: 'New to the area and keen to help.', updatedAt: new Date(r.joinedAt) })));
      await insertAll(tx, memberships, ring.map((r) => ({ communityId, userId: r.id, role: 'member' as const, joinedAt: new Date(r.joinedAt), updatedAt: new Date(r.joinedAt) })));
      const involved = [...new Set([...planned.flatMap((e) => [e.provider, e.receiver]), ...corrections.entries.map((e) => e.owner)])].sort();
      await insertAll(tx, ledgerAccounts, involved.map((userId) => ({ communityId, kind: 'member' as const, userId })).filter((a) => !accounts.some((x) => x.userId === a.userId)));
      const accountOf = new Map((await tx.select({ id: ledgerAccounts.id, userId: ledgerAccounts.userId }).from(ledgerAccounts).where(eq(ledgerAccounts.communityId, communityId))).map((a) => [a.userId, a.id]));
      await insertAll(tx, exchanges, planned.map((e) => {
        const at = new Date(e.at);
        return {
          id: e.id, communityId, providerId: e.provider, receiverId: e.receiver, proposedBy: e.receiver, skillId: e.skillId, category: e.category, description: `Help with ${e.label.toLowerCase()}`,
          proposedMinutes: e.minutes, scheduledFor: new Date(e.at - 2 * HOUR_MS), status: 'confirmed' as const, recordedMinutes: e.minutes, confirmedMinutes: e.minutes, confirmedAt: at,
          confirmedHow: 'receiver' as const, createdAt: new Date(e.at - 3 * DAY_MS), updatedAt: at,
        };
      }));
      await insertAll(tx, exchanges, corrections.exchanges);
      await insertAll(tx, exchangeEvents, planned.flatMap((e) => [
        { communityId, exchangeId: e.id, kind: 'proposed' as const, actorId: e.receiver, note: `Help with ${e.label.toLowerCase()}`, createdAt: new Date(e.at - 3 * DAY_MS) },
        { communityId, exchangeId: e.id, kind: 'accepted' as const, actorId: e.provider, createdAt: new Date(e.at - 2 * DAY_MS) },
        { communityId, exchangeId: e.id, kind: 'done' as const, actorId: e.provider, minutes: e.minutes, createdAt: new Date(e.at - HOUR_MS) },
        { communityId, exchangeId: e.id, kind: 'confirmed' as const, actorId: e.receiver, minutes: e.minutes, createdAt: new Date(e.at) },
      ]));
      await insertAll(tx, exchangeEvents, corrections.events);
      await insertAll(tx, ledgerTransactions, planned.map((e, i) => ({ id: txIds[i], communityId, kind: 'exchange' as const, baseKind: 'exchange' as const, exchangeId: e.id, createdBy: e.receiver, postedAt: new Date(e.at) })));
      await insertAll(tx, ledgerEntries, planned.flatMap((e, i) => [
        { communityId, transactionId: txIds[i], kind: 'exchange' as const, baseKind: 'exchange' as const, accountId: accountOf.get(e.provider)!, amount: e.minutes, postedAt: new Date(e.at) },
        { communityId, transactionId: txIds[i], kind: 'exchange' as const, baseKind: 'exchange' as const, accountId: accountOf.get(e.receiver)!, amount: -e.minutes, postedAt: new Date(e.at) },
      ]));
      // Resolutions and the exchange recorded twice, then the reversals that point at them.
      await insertAll(tx, ledgerTransactions, corrections.transactions);
      await insertAll(tx, ledgerTransactions, corrections.reversals);
      await insertAll(tx, ledgerEntries, corrections.entries.map((e) => ({
        communityId, transactionId: e.transactionId, kind: e.kind, baseKind: 'exchange' as const, accountId: accountOf.get(e.owner)!, amount: e.amount, postedAt: e.postedAt,
      })));
      const references = planned.flatMap((e) => e.references.map((r) => ({ ...r, id: randomUUID(), exchangeId: e.id, at: new Date(Math.min(now - HOUR_MS, e.at + random.int(1, 72) * HOUR_MS)) })));
      await insertAll(tx, exchangeReferences, references.map((r) => ({
        id: r.id, communityId, exchangeId: r.exchangeId, authorId: r.author, subjectId: r.subject, body: random.pick(REFERENCE_TEXTS), wouldExchangeAgain: r.again, createdAt: r.at,
      })));
      await insertAll(tx, interactions, [
        ...planned.flatMap((e) => [[e.provider, e.receiver], [e.receiver, e.provider]].map(([actorId, subjectId]) => ({
          communityId, actorId, subjectId, kind: 'exchange_confirmed', weight: Math.sign(KIND_WEIGHTS.exchange_confirmed), occurredAt: new Date(e.at), sourceType: 'exchange', sourceId: e.id,
        }))),
        ...references.map((r) => ({
          communityId, actorId: r.author, subjectId: r.subject, kind: r.again ? 'reference' : 'reference_negative', weight: r.again ? Math.sign(KIND_WEIGHTS.reference) : Math.sign(KIND_WEIGHTS.reference_negative),
          occurredAt: r.at, sourceType: 'reference', sourceId: r.id,
        })),
        ...corrections.interactions.map((i) => ({ ...i, occurredAt: i.occurredAt! })),
      ].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()));
      await insertAll(tx, notifications, corrections.notifications);
      summary.exchanges += planned.length + corrections.exchanges.length;
      summary.references += references.length;
      summary.disputes += corrections.disputes;
      summary.reversals += corrections.reversals.length;
    });
    if (options.recompute !== false) await recomputeCommunity(db, communityId, { reason: 'demo', now: new Date(now), full: true });
  }
  return summary;
}
