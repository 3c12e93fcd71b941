// The time bank as it is today in each demo community, on top of the months of history that
// trust-network.ts grew: open offers and requests (and some paused, closed or expired), exchanges
// still under way around the documented accounts and across the neighbourhood, donations to the
// community fund and coordinators' grants, group and proxy exchanges, and coordinator approval
// for the community's care-and-company category. Written as the services write them, with
// the notifications they send. The people the network keeps apart (the fake ring and the
// isolated members) take no part, except that isolated members may have asked for help.
// Planned from its own random stream, so the network grown before it is the same with or without it.
import { and, eq, inArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import {
  blocks, communities, exchangeEvents, exchanges, groupExchanges, interactions, ledgerAccounts, ledgerEntries, ledgerTransactions, listings, memberships,
  notifications, organisationAgents, profiles, skills, timebankSettings, userSkills, users,
} from '../db/schema.ts';
import { helperLevels } from '../features/exchanges/safeguarding.ts';
import { getSettings } from '../features/ledger/settings.ts';
import { notifyNewRequest } from '../features/offers/matching.ts';
import type { Mailer } from '../lib/mailer.ts';
import { KITH_TIME_ZONE, todayIn } from '../features/verification/dates.ts';
import { DAY_MS, HOUR_MS, type Cast, type Neighbour } from './activity-cast.ts';
import { DEMO_ACCOUNTS } from './data.ts';
import { ExchangeBuilder } from './exchange-builder.ts';
import { FUND, LedgerTimeline } from './ledger-timeline.ts';
import { LISTING_TEXTS } from './listing-texts.ts';
import { planFund } from './plan-fund.ts';
import { planInFlight } from './plan-in-flight.ts';
import { ListingPlanner, isLive, planListings } from './plan-listings.ts';
import { Random } from './random.ts';

export type ActivityOptions = {
  communityIds: readonly string[];
  now: Date;
  seed: number;
  tag?: string;
  /** The fake accounts and isolated members of the grown network, kept out of the activity. */
  ring: readonly string[];
  isolated: readonly string[];
};

export type ActivitySummary = {
  listings: number; inFlight: number; approvals: number; donations: number; grants: number; groupExchanges: number; proxyExchanges: number; notifications: number;
  /** The newest requests (the last few days'), whose matching helpers are told once trust is recomputed (tellMatchingHelpers). */
  recentRequests: { communityId: string; listingId: string; createdAt: Date }[];
};

async function insertAll<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

const byTime = <T>(at: (row: T) => Date) => (a: T, b: T) => at(a).getTime() - at(b).getTime();

/** Reads one community's people, skills, checks, blocks and ledger into a cast for the planners. */
async function loadCast(db: Db, communityId: string, options: ActivityOptions): Promise<{ cast: Cast; ledger: LedgerTimeline; approvalChanged: boolean } | null> {
  const now = options.now.getTime();
  const today = todayIn(KITH_TIME_ZONE, options.now);
  const [community] = await db.select({ lat: communities.centreLat, lng: communities.centreLng, radiusM: communities.radiusM }).from(communities).where(eq(communities.id, communityId));
  if (!community) return null;
  const settings = await getSettings(db, communityId);
  const skillRows = (await db.select({ id: skills.id, slug: skills.slug, label: skills.label, category: skills.category, worksWith: skills.worksWith }).from(skills)).sort((a, b) => a.slug.localeCompare(b.slug));
  const rows = (await db
    .select({ id: users.id, displayName: users.displayName, kind: users.kind, email: users.email, blocked: users.suspendedAt, deletedAt: users.deletedAt, role: memberships.role, status: memberships.status, joinedAt: memberships.joinedAt, street: profiles.area, contactByApp: profiles.contactByApp })
    .from(memberships).innerJoin(users, eq(users.id, memberships.userId)).innerJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(memberships.communityId, communityId)))
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.email ?? '').localeCompare(b.email ?? '') || a.displayName.localeCompare(b.displayName));
  const ids = rows.map((r) => r.id);
  const [skillLinks, agentRows, blockRows, levels, entryRows] = await Promise.all([
    db.select({ userId: userSkills.userId, skillId: userSkills.skillId, kind: userSkills.kind }).from(userSkills).where(inArray(userSkills.userId, ids)),
    db.select({ organisationId: organisationAgents.organisationId, userId: organisationAgents.userId, createdAt: organisationAgents.createdAt }).from(organisationAgents).where(eq(organisationAgents.communityId, communityId)),
    db.select({ a: blocks.blockerId, b: blocks.blockedId }).from(blocks).where(inArray(blocks.blockerId, ids)),
    // Everyone's level as of today, as the exchange rules ask it, organisations included.
    helperLevels(db, communityId, rows.map((r) => r.id), today),
    db.select({ kind: ledgerAccounts.kind, userId: ledgerAccounts.userId, amount: ledgerEntries.amount, postedAt: ledgerEntries.postedAt })
      .from(ledgerEntries).innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId)).where(eq(ledgerEntries.communityId, communityId)),
  ]);
  const slugOf = new Map(skillRows.map((s) => [s.id, s.slug]));
  const blockedPairs = new Set(blockRows.flatMap((r) => [`${r.a}|${r.b}`, `${r.b}|${r.a}`]));
  const ring = new Set(options.ring);
  const isolated = new Set(options.isolated);
  const active = rows.filter((r) => r.status === 'active' && r.blocked === null && r.deletedAt === null);
  const neighbour = (r: (typeof rows)[number], agents: string[] = []): Neighbour => ({
    id: r.id, displayName: r.displayName, kind: r.kind, role: r.role === 'coordinator' ? 'coordinator' : r.role === 'organisation' ? 'organisation' : 'member', street: r.street,
    joinedAt: r.joinedAt.getTime(), contactByApp: r.contactByApp, agents,
    skills: skillLinks.filter((l) => l.userId === r.id).map((l) => ({ slug: slugOf.get(l.skillId)!, kind: l.kind })).sort((a, b) => a.slug.localeCompare(b.slug) || a.kind.localeCompare(b.kind)),
    level: levels.get(r.id) ?? 'registered',
  });
  const persons = active.filter((r) => r.kind === 'person' && (r.role === 'member' || r.role === 'coordinator'));
  const people = persons.filter((r) => !ring.has(r.id) && !isolated.has(r.id)).map((r) => neighbour(r));
  const eligible = new Set(people.map((p) => p.id));
  const organisations = active.filter((r) => r.kind === 'organisation').map((r) => {
    const agents = agentRows.filter((a) => a.organisationId === r.id && eligible.has(a.userId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((a) => a.userId);
    return neighbour(r, agents);
  }).filter((o) => o.agents.length > 0);
  const tagged = (email: string) => email.replace('@', `${options.tag ? `+${options.tag}` : ''}@`);
  const member = people.find((p) => rows.find((r) => r.id === p.id)?.email === tagged(DEMO_ACCOUNTS.member.email)) ?? null;
  const coordinator = people.find((p) => rows.find((r) => r.id === p.id)?.email === tagged(DEMO_ACCOUNTS.coordinator.email)) ?? null;

  // Coordinators approve exchanges in the care-and-company category (help at home, with people
  // who may be vulnerable), unless the community already chose approval categories.
  let approvalCategories = settings.approvalCategories;
  const careCategory = settings.safeguardingCategories.find((c) => skillRows.some((s) => s.category === c && LISTING_TEXTS[s.slug]));
  const approvalChanged = approvalCategories.length === 0 && careCategory !== undefined;
  if (approvalChanged) approvalCategories = [careCategory!];

  const cast: Cast = {
    communityId, now, today, centre: { lat: community.lat, lng: community.lng, radiusM: community.radiusM },
    people, quiet: persons.filter((r) => isolated.has(r.id)).map((r) => neighbour(r)), organisations,
    coordinators: people.filter((p) => p.role === 'coordinator'), member, coordinator, skills: skillRows, mode: settings.mode,
    safeguardingCategories: settings.safeguardingCategories, homeVisitLevel: settings.homeVisitLevel, approvalCategories, approvalInHome: settings.approvalInHome, autoConfirmDays: settings.autoConfirmDays,
    blocked: (a, b) => blockedPairs.has(`${a}|${b}`),
  };
  const ledger = new LedgerTimeline(settings, entryRows.map((e) => ({ owner: e.kind === 'fund' ? FUND : e.userId!, at: e.postedAt.getTime(), amount: e.amount })));
  return { cast, ledger, approvalChanged };
}

/** Adds today's time-bank activity to each demo community. */
export async function addTimebankActivity(db: Db, options: ActivityOptions): Promise<ActivitySummary> {
  const summary: ActivitySummary = { listings: 0, inFlight: 0, approvals: 0, donations: 0, grants: 0, groupExchanges: 0, proxyExchanges: 0, notifications: 0, recentRequests: [] };
  const now = options.now.getTime();
  for (const [c, communityId] of options.communityIds.entries()) {
    const loaded = await loadCast(db, communityId, options);
    if (!loaded) continue;
    const { cast, ledger, approvalChanged } = loaded;
    const random = new Random((((options.seed * 3_266_489_917) >>> 0) ^ (0x5bd1e995 + c)) >>> 0);
    const planner = new ListingPlanner(random, cast);
    planListings(random, cast, planner);
    // The past first (its postings are checked where they are dated), then what may still happen.
    const fund = planFund(random, cast, ledger);
    const builder = new ExchangeBuilder(cast, ledger);
    planInFlight(random, cast, planner, builder);
    const inFlight = builder.out;

    await db.transaction(async (tx) => {
      if (approvalChanged) {
        await tx.update(timebankSettings)
          .set({ approvalCategories: [...cast.approvalCategories], updatedBy: cast.coordinators[0]?.id ?? null, updatedAt: new Date(now - 30 * DAY_MS) })
          .where(eq(timebankSettings.communityId, communityId));
      }
      await insertAll(tx, listings, planner.listings.map((l) => ({
        id: l.id, communityId, kind: l.kind, ownerId: l.owner.id, createdBy: l.createdBy, title: l.title, description: l.description, skillId: l.skill.id, durationMinutes: l.durationMinutes,
        place: l.place, availability: l.availability, expiresOn: l.expiresOn, status: l.status, lat: l.lat, lng: l.lng, createdAt: new Date(l.createdAt), updatedAt: new Date(l.updatedAt),
      })));
      // Accounts open on first use, as memberAccountIds opens them.
      const owners = [...new Set(fund.entries.map((e) => e.owner).filter((o) => o !== FUND))].sort();
      if (owners.length > 0) await tx.insert(ledgerAccounts).values(owners.map((userId) => ({ communityId, kind: 'member' as const, userId }))).onConflictDoNothing();
      const accounts = await tx.select({ id: ledgerAccounts.id, kind: ledgerAccounts.kind, userId: ledgerAccounts.userId }).from(ledgerAccounts).where(eq(ledgerAccounts.communityId, communityId));
      const accountOf = new Map(accounts.map((a) => [a.kind === 'fund' ? FUND : a.userId!, a.id]));
      await insertAll(tx, groupExchanges, fund.groups.map(({ payer, ...g }) => ({ ...g, payerAccountId: accountOf.get(payer)! })));
      await insertAll(tx, exchanges, [...fund.exchanges, ...inFlight.exchanges]);
      await insertAll(tx, exchangeEvents, [...fund.events, ...inFlight.events].sort(byTime((e) => e.createdAt)));
      await insertAll(tx, ledgerTransactions, [...fund.transactions].sort(byTime((t) => t.postedAt)));
      await insertAll(tx, ledgerEntries, fund.entries.sort(byTime((e) => e.postedAt)).map((e) => ({
        communityId, transactionId: e.transactionId, kind: e.kind, baseKind: e.kind, accountId: accountOf.get(e.owner)!, amount: e.amount, postedAt: e.postedAt,
      })));
      await insertAll(tx, interactions, [...fund.interactions].sort(byTime((i) => i.occurredAt)));
      await insertAll(tx, notifications, [...fund.notifications, ...inFlight.notifications].sort(byTime((n) => n.createdAt)));
    });

    summary.listings += planner.listings.length;
    summary.inFlight += inFlight.exchanges.length;
    summary.approvals += inFlight.exchanges.filter((x) => x.approval === 'pending' && (x.status === 'proposed' || x.status === 'accepted')).length;
    summary.donations += fund.counts.donations;
    summary.grants += fund.counts.grants;
    summary.groupExchanges += fund.counts.groupExchanges;
    summary.proxyExchanges += fund.counts.proxies;
    summary.notifications += fund.notifications.length + inFlight.notifications.length;
    // Matching is the slowest thing the demo asks of a service (personal trust for each
    // requester), so only the newest requests tell their helpers.
    summary.recentRequests.push(...planner.listings
      .filter((l) => l.kind === 'request' && isLive(l, cast.today) && l.createdAt > now - 5 * DAY_MS)
      .sort((a, b) => b.createdAt - a.createdAt).slice(0, 5)
      .map((l) => ({ communityId, listingId: l.id, createdAt: new Date(l.createdAt) })));
  }
  return summary;
}

/** The demo's neighbours are invented: their addresses go nowhere, so nothing is mailed. */
const noMail: Mailer = { send: async () => {} };

/**
 * Tells the best-fitting helpers about each recent request through the service that does it
 * when a request is posted (offers/matching.ts notifyNewRequest; in the app only, as the demo
 * mails no one), dated when the request was posted. Run after trust is recomputed, since
 * matching ranks by personal trust. Returns how many notifications were written.
 */
export async function tellMatchingHelpers(db: Db, requests: ActivitySummary['recentRequests'], now: Date): Promise<number> {
  let told = 0;
  for (const request of requests) {
    await notifyNewRequest(db, noMail, '', request.communityId, request.listingId);
    const readAt = request.createdAt.getTime() < now.getTime() - 3 * DAY_MS ? new Date(request.createdAt.getTime() + 20 * HOUR_MS) : null;
    const rows = await db.update(notifications).set({ createdAt: request.createdAt, readAt })
      .where(and(eq(notifications.communityId, request.communityId), eq(notifications.kind, 'listing.matching_request'), eq(notifications.sourceId, request.listingId)))
      .returning({ id: notifications.id });
    told += rows.length;
  }
  return told;
}
