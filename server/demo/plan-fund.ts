// The ledger's other movements in a demo community, in the shape the ledger service writes them
// (ledger/transfers.ts, exchanges/proxy.ts): a few donations to the community fund by members
// with hours to spare, coordinators' grants from it with their reasons, a group activity paid
// by the fund and one paid by an organisation, and exchanges a coordinator recorded for members
// who are not online. Each posting is checked on the ledger timeline at the moment it is dated
// (and against everything posted after it), as the service would have checked it then.
import { randomUUID } from 'node:crypto';
import type { exchangeEvents, exchanges, groupExchanges, interactions, ledgerTransactions, notifications } from '../db/schema.ts';
import { formatMinutes } from '../../common/ledger.ts';
import { interactionRows, mutual } from '../features/exchanges/interactions.ts';
import { KITH_TIME_ZONE, todayIn } from '../features/verification/dates.ts';
import { DAY_MS, HOUR_MS, firstName, mayHelp, type Cast, type Neighbour, type SkillRow } from './activity-cast.ts';
import { FUND, type LedgerTimeline, type TimelineLeg } from './ledger-timeline.ts';
import type { Random } from './random.ts';
import { DONATION_NOTES, FUND_GROUP_TITLES, GRANT_REASONS, ORGANISATION_GROUPS, PROXY_FALLBACK, PROXY_TEXTS, fill } from './timebank-texts.ts';

type Kind = 'exchange' | 'group_exchange' | 'donation' | 'grant';

export type FundActivity = {
  transactions: (typeof ledgerTransactions.$inferInsert & { postedAt: Date })[];
  /** Entries by owner (a user id, or FUND); the writer maps owners to ledger accounts. */
  entries: { transactionId: string; kind: Kind; owner: string; amount: number; postedAt: Date }[];
  groups: (Omit<typeof groupExchanges.$inferInsert, 'payerAccountId'> & { payer: string })[];
  exchanges: (typeof exchanges.$inferInsert)[];
  events: (typeof exchangeEvents.$inferInsert & { createdAt: Date })[];
  interactions: (typeof interactions.$inferInsert & { occurredAt: Date })[];
  notifications: (typeof notifications.$inferInsert & { createdAt: Date })[];
  counts: { donations: number; grants: number; groupExchanges: number; proxies: number };
};

const dateOf = (ms: number) => todayIn(KITH_TIME_ZONE, new Date(ms));

/** Plans the fund, group and proxy postings of one community onto `ledger`. */
export function planFund(random: Random, cast: Cast, ledger: LedgerTimeline): FundActivity {
  const { now, communityId } = cast;
  const out: FundActivity = { transactions: [], entries: [], groups: [], exchanges: [], events: [], interactions: [], notifications: [], counts: { donations: 0, grants: 0, groupExchanges: 0, proxies: 0 } };
  const daysAgo = (from: number, to: number) => now - random.int(from * 24, to * 24) * HOUR_MS - random.int(0, 59) * 60_000;
  const documented = new Set([cast.member?.id, cast.coordinator?.id]);
  const people = cast.people.filter((p) => p.kind === 'person' && !documented.has(p.id));
  const bySlug = new Map(cast.skills.map((s) => [s.slug, s]));
  const readIf = (at: number) => (at < now - 3 * DAY_MS ? new Date(at + random.int(2, 48) * HOUR_MS) : null);

  /** Posts one transaction if its legs fit the timeline; returns its id, or null. */
  const post = (kind: Kind, legs: TimelineLeg[], at: number, fields: { createdBy: string; note: string; exchangeId?: string; groupExchangeId?: string }, noOverdraw: string[] = []) => {
    if (!ledger.tryPost(legs, at, noOverdraw)) return null;
    const id = randomUUID();
    const postedAt = new Date(at);
    out.transactions.push({ id, communityId, kind, baseKind: kind, exchangeId: fields.exchangeId ?? null, groupExchangeId: fields.groupExchangeId ?? null, note: fields.note, createdBy: fields.createdBy, postedAt });
    out.entries.push(...legs.map((l) => ({ transactionId: id, kind, owner: l.owner, amount: l.amount, postedAt })));
    return id;
  };

  if (cast.mode === 'zero_sum') {
    // Donations: members with hours to spare give some to the fund, months ago and lately.
    const donations = Math.max(4, Math.round(people.length / 50));
    for (let i = 0, tries = 0; i < donations && tries < donations * 15; tries++) {
      const at = daysAgo(30, 160);
      const donor = random.pick(people.filter((p) => p.joinedAt < at - 7 * DAY_MS && ledger.balanceAt(p.id, at) >= 60));
      if (!donor) continue;
      const minutes = Math.min(Math.floor(ledger.balanceAt(donor.id, at) / 15) * 15, 60 * random.int(2, 5));
      if (post('donation', [{ owner: donor.id, amount: -minutes }, { owner: FUND, amount: minutes }], at, { createdBy: donor.id, note: random.pick(DONATION_NOTES) }, [donor.id])) i++;
    }
  }

  // A group activity paid by the fund and recorded by a coordinator: no tie between the fund and anyone.
  const fundSkill = Object.keys(FUND_GROUP_TITLES).map((slug) => bySlug.get(slug)).find(Boolean);
  if (fundSkill && cast.coordinators.length > 0 && cast.mode === 'zero_sum') {
    const at = daysAgo(8, 28);
    // Half of what the fund holds, so that there is some left for grants.
    const held = Math.floor(ledger.balanceAt(FUND, at) / 2);
    const size = Math.min(random.int(5, 8), Math.floor(held / 60));
    const participants = random.sample(people.filter((p) => p.joinedAt < at - DAY_MS && mayHelp(cast, p, fundSkill, null)), size);
    const each = participants.length > 0 ? Math.min(150, Math.floor(held / participants.length / 15) * 15) : 0;
    if (participants.length >= 2 && each >= 60) {
      group(fundSkill, FUND_GROUP_TITLES[fundSkill.slug], null, random.pick(cast.coordinators), participants.map((p) => ({ p, minutes: each - 15 * random.int(0, 2) })), at);
    }
  }

  // An organisation pays for an activity it ran, recorded by one of its agents.
  for (const organisation of random.shuffle(cast.organisations)) {
    const template = ORGANISATION_GROUPS.find((g) => g.name.test(organisation.displayName) && bySlug.has(g.slug));
    if (!template) continue;
    const at = daysAgo(6, 60);
    // Everyone credited helped, so each meets what the work needs (a DBS check to read with children).
    const skill = bySlug.get(template.slug)!;
    const participants = random.sample(people.filter((p) => p.joinedAt < at - DAY_MS && !organisation.agents.includes(p.id) && mayHelp(cast, p, skill, null)), random.int(3, 5));
    const agent = cast.people.find((p) => organisation.agents.includes(p.id));
    if (participants.length >= 2 && agent && group(skill, template.title, organisation, agent, participants.map((p) => ({ p, minutes: 15 * random.int(4, 8) })), at)) break;
  }

  if (cast.mode === 'zero_sum') {
    // Grants: coordinators give hours from the fund to members who need more help than they can return.
    const grants = Math.max(2, Math.round(people.length / 100));
    for (let i = 0, tries = 0; i < grants && tries < grants * 15; tries++) {
      const at = daysAgo(2, 45);
      const candidates = people.filter((p) => p.role !== 'coordinator' && p.joinedAt < at - 14 * DAY_MS)
        .sort((a, b) => ledger.balanceAt(a.id, at) - ledger.balanceAt(b.id, at)).slice(0, 8);
      const recipient = candidates.length > 0 ? random.pick(candidates) : undefined;
      const coordinator = random.pick(cast.coordinators.filter((c) => c.id !== recipient?.id));
      const minutes = Math.min(60 * random.int(2, 5), Math.floor(ledger.balanceAt(FUND, at) / 15) * 15);
      if (minutes < 30 || !recipient || !coordinator || out.transactions.some((t) => t.kind === 'grant' && out.entries.some((e) => e.transactionId === t.id && e.owner === recipient.id))) continue;
      const reason = fill(GRANT_REASONS[i % GRANT_REASONS.length], { name: firstName(recipient) });
      const id = post('grant', [{ owner: FUND, amount: -minutes }, { owner: recipient.id, amount: minutes }], at, { createdBy: coordinator.id, note: reason });
      if (!id) continue;
      i++;
      out.counts.grants++;
      out.notifications.push({ communityId, userId: recipient.id, kind: 'ledger.grant', title: `You were granted ${formatMinutes(minutes)} from the community fund`, body: reason, link: '/timebank/statement', sourceId: id, createdAt: new Date(at), readAt: readIf(at) });
    }
  }
  out.counts.donations = out.transactions.filter((t) => t.kind === 'donation').length;

  // Proxy recordings: a coordinator records help that has already happened, for someone not online.
  const proxySkills = Object.keys(PROXY_TEXTS).map((slug) => bySlug.get(slug)).filter((s): s is SkillRow => !!s && !cast.safeguardingCategories.includes(s.category));
  const skills = proxySkills.length > 0 ? proxySkills : cast.skills.filter((s) => !cast.safeguardingCategories.includes(s.category));
  for (let tries = 0; out.counts.proxies < 2 && tries < 30 && skills.length > 0 && cast.coordinators.length > 0; tries++) {
    const at = daysAgo(3, 50);
    const occurredOn = dateOf(at - random.int(1, 6) * DAY_MS);
    const occurredAt = new Date(`${occurredOn}T12:00:00Z`).getTime();
    const [provider, receiver] = random.sample(people.filter((p) => p.joinedAt < occurredAt - DAY_MS), 2);
    const coordinator = random.pick(cast.coordinators.filter((c) => c.id !== provider?.id && c.id !== receiver?.id));
    const skill = random.pick(skills);
    if (!provider || !receiver || !coordinator || cast.blocked(provider.id, receiver.id) || !mayHelp(cast, provider, skill, null)) continue;
    const offline = random.chance(0.7) ? receiver : provider;
    const minutes = 15 * random.int(4, 10);
    const description = fill(PROXY_TEXTS[skill.slug] ?? PROXY_FALLBACK, { offline: firstName(offline), skill: skill.label.toLowerCase() });
    const exchangeId = randomUUID();
    if (!post('exchange', [{ owner: provider.id, amount: minutes }, { owner: receiver.id, amount: -minutes }], at, { createdBy: coordinator.id, note: '', exchangeId })) continue;
    out.counts.proxies++;
    const recordedAt = new Date(at);
    out.exchanges.push({
      id: exchangeId, communityId, providerId: provider.id, receiverId: receiver.id, proposedBy: coordinator.id, skillId: skill.id, category: skill.category, description,
      scheduledFor: new Date(occurredAt), status: 'confirmed', approval: 'not_needed', recordedMinutes: minutes, awaitingSince: null, confirmedMinutes: minutes,
      confirmedAt: recordedAt, confirmedHow: 'proxy', proxyRecordedBy: coordinator.id, createdAt: recordedAt, updatedAt: recordedAt,
    });
    out.events.push({ communityId, exchangeId, kind: 'proxy_recorded', actorId: coordinator.id, onBehalfOf: offline.id, minutes, note: description, createdAt: recordedAt });
    out.interactions.push(...interactionRows(communityId, mutual(provider.id, receiver.id, 'exchange_confirmed', 'exchange', exchangeId, new Date(occurredAt))).map((r) => ({ ...r, occurredAt: new Date(occurredAt) })));
    for (const userId of [provider.id, receiver.id]) {
      out.notifications.push({ communityId, userId, kind: 'exchange.confirmed', title: `${formatMinutes(minutes)} confirmed for your exchange`, body: description, link: `/timebank/exchanges/${exchangeId}`, sourceId: exchangeId, createdAt: recordedAt, readAt: readIf(at) });
    }
  }
  return out;

  /** One group exchange: the payer (the fund, or an organisation) debited the total, each participant credited. */
  function group(skill: SkillRow, title: string, payer: Neighbour | null, recordedBy: Neighbour, participants: { p: Neighbour; minutes: number }[], at: number): boolean {
    const total = participants.reduce((sum, x) => sum + x.minutes, 0);
    const payerOwner = payer?.id ?? FUND;
    const groupExchangeId = randomUUID();
    const id = post('group_exchange', [{ owner: payerOwner, amount: -total }, ...participants.map((x) => ({ owner: x.p.id, amount: x.minutes }))], at, { createdBy: recordedBy.id, note: title, groupExchangeId });
    if (!id) return false;
    out.counts.groupExchanges++;
    const recordedAt = new Date(at);
    out.groups.push({ id: groupExchangeId, communityId, title, skillId: skill.id, category: skill.category, occurredOn: dateOf(at - random.int(0, 3) * DAY_MS), payer: payerOwner, recordedBy: recordedBy.id, createdAt: recordedAt });
    // A member or organisation paying makes a tie with each participant; the fund makes none.
    if (payer) {
      out.interactions.push(...interactionRows(communityId, participants.flatMap((x) => mutual(payer.id, x.p.id, 'exchange_confirmed', 'group_exchange', groupExchangeId, recordedAt))).map((r) => ({ ...r, occurredAt: recordedAt })));
    }
    for (const x of participants) {
      for (const userId of [x.p.id]) {
        out.notifications.push({ communityId, userId, kind: 'ledger.group_exchange', title: `You were credited ${formatMinutes(x.minutes)} for "${title}"`, body: '', link: '/timebank/statement', sourceId: id, createdAt: recordedAt, readAt: readIf(at) });
      }
    }
    return true;
  }
}
