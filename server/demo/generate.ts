// Writes a planned demo neighbourhood (plan.ts) into the database through the same tables the
// app uses, in one transaction with bulk inserts. Vouches, checks and upheld reports are also
// appended to `interactions`, as the live services do. On top come months of exchanges and the
// trust network (trust-network.ts), then the time bank as it is today (timebank-activity.ts),
// then trust is recomputed. Reusable by tests and benchmarks:
// `await generateNeighbourhood(db, { seed: 7, members: 300 })`.
import { randomUUID } from 'node:crypto';
import { asc, count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import {
  blocks,
  communities,
  interactions,
  joinRequests,
  memberships,
  moderationActions,
  organisationAgents,
  profiles,
  reports,
  skills,
  userSkills,
  users,
  verifications,
  vouches,
} from '../db/schema.ts';
import { hashPassword } from '../lib/passwords.ts';
import { recomputeCommunity } from '../features/trust/recompute.ts';
import { REPORT_UPHELD_WEIGHT } from '../features/moderation/reports.ts';
import { INTERACTION_WEIGHTS } from '../features/verification/service.ts';
import { DEMO_ACCOUNTS, STARTER_SKILLS } from './data.ts';
import { planNeighbourhood, type Plan } from './plan.ts';
import { addTimebankActivity, tellMatchingHelpers } from './timebank-activity.ts';
import { growTrustNetwork } from './trust-network.ts';

export type NeighbourhoodOptions = {
  /** Same seed, same neighbourhood (ids and the password salts aside). Default 1. */
  seed?: number;
  /** People per community, coordinators and officer included. Default 300. */
  members?: number;
  /** 1 (Riverside) or more (Castlefields next). Default 1. */
  communities?: number;
  /** The moment the six months of history lead up to. Default: now. */
  now?: Date;
  /** Added to slugs and email addresses, to add a second demo beside the first. */
  tag?: string;
  /** Precomputed password hashes, so benchmarks and tests can skip scrypt. */
  passwordHashes?: { admin: string; member: string };
  /**
   * Also grow months of exchanges, references and a ring of fake accounts on top
   * (trust-network.ts), and today's time-bank activity (timebank-activity.ts), as `npm run demo`
   * does. Default true; false gives only the people, checks, vouches and moderation planned here.
   */
  trustNetwork?: boolean;
};

export type NeighbourhoodSummary = {
  communities: { id: string; slug: string; name: string; members: number }[];
  accounts: { role: string; email: string; password: string; displayName: string }[];
  counts: {
    people: number; organisations: number; verifications: number; vouches: number; pendingJoinRequests: number; reports: number; interactions: number;
    /** What trust-network.ts grew on top (all 0 without it). */
    exchanges: number; references: number; disputes: number; reversals: number;
    /** Today's time bank (timebank-activity.ts; all 0 without the trust network). */
    listings: number; exchangesInFlight: number; approvals: number; donations: number; grants: number; groupExchanges: number; proxyExchanges: number; notifications: number;
  };
  /** The fake accounts and the members left isolated by the grown network (empty without it), which the trust engine should contain and reach out to. */
  network: { ring: string[]; isolated: string[] };
  plan: Plan;
};

/** Inserts rows a few hundred at a time (PostgreSQL allows 65,535 parameters a statement). */
async function insertAll<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** The skill list to draw from; an instance with none gets a starter list first. */
async function skillIds(db: Db): Promise<Map<string, number>> {
  const [{ n }] = await db.select({ n: count() }).from(skills);
  if (n === 0) await db.insert(skills).values(STARTER_SKILLS.map(([slug, label, category]) => ({ slug, label, category }))).onConflictDoNothing();
  const rows = await db.select({ id: skills.id, slug: skills.slug }).from(skills).orderBy(asc(skills.slug));
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Fills the database with a deterministic synthetic neighbourhood and says how to sign in. */
export async function generateNeighbourhood(db: Db, options: NeighbourhoodOptions = {}): Promise<NeighbourhoodSummary> {
  const now = options.now ?? new Date();
  const skillMap = await skillIds(db);
  const plan = planNeighbourhood({
    seed: options.seed ?? 1,
    members: options.members ?? 300,
    communities: options.communities ?? 1,
    now,
    skillSlugs: [...skillMap.keys()],
    tag: options.tag,
  });
  const [adminHash, memberHash] = options.passwordHashes
    ? [options.passwordHashes.admin, options.passwordHashes.member]
    : await Promise.all([hashPassword(DEMO_ACCOUNTS.admin.password), hashPassword(DEMO_ACCOUNTS.password)]);

  const personId = plan.people.map(() => randomUUID());
  const communityId = plan.communities.map(() => randomUUID());
  const checkId = plan.checks.map(() => randomUUID());
  const vouchId = plan.vouches.map(() => randomUUID());
  const reportId = plan.reports.map(() => randomUUID());
  const hashOf = { admin: adminHash, member: memberHash } as const;

  const interactionRows = [
    ...plan.checks.map((k, i) => ({ communityId: communityId[k.community], actorId: personId[k.coordinator], subjectId: personId[k.subject], kind: 'verification', weight: INTERACTION_WEIGHTS.verification, occurredAt: k.createdAt, sourceType: 'verification', sourceId: checkId[i] })),
    ...plan.vouches.map((v, i) => ({ communityId: communityId[v.community], actorId: personId[v.voucher], subjectId: personId[v.subject], kind: 'vouch', weight: INTERACTION_WEIGHTS.vouch, occurredAt: v.createdAt, sourceType: 'vouch', sourceId: vouchId[i] })),
    ...plan.reports.flatMap((r, i) =>
      r.status === 'upheld'
        ? [{ communityId: communityId[r.community], actorId: personId[r.reporter], subjectId: personId[r.subject], kind: 'report_upheld', weight: REPORT_UPHELD_WEIGHT, occurredAt: r.resolvedAt!, sourceType: 'report', sourceId: reportId[i] }]
        : [],
    ),
  ].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  await db.transaction(async (tx) => {
    await insertAll(tx, users, plan.people.map((p, i) => ({
      id: personId[i], kind: p.kind, email: p.email, passwordHash: p.password ? hashOf[p.password] : null, displayName: p.displayName, isAdmin: p.isAdmin, createdAt: p.createdAt, updatedAt: p.createdAt,
    })));
    await insertAll(tx, communities, plan.communities.map((c, i) => ({
      id: communityId[i], slug: c.slug, name: c.name, description: c.place.description, centreLat: c.place.centreLat, centreLng: c.place.centreLng, radiusM: c.place.radiusM, createdBy: personId[c.createdBy], createdAt: c.createdAt,
    })));
    await insertAll(tx, profiles, plan.people.map((p, i) => ({ userId: personId[i], ...p.profile, updatedAt: p.createdAt })));
    await insertAll(tx, userSkills, plan.people.flatMap((p, i) => p.skills.map((s) => ({ userId: personId[i], skillId: skillMap.get(s.slug)!, kind: s.kind }))));
    await insertAll(tx, memberships, plan.memberships.map((m) => ({
      communityId: communityId[m.community], userId: personId[m.person], role: m.role, status: m.status, statusReason: m.statusReason, joinedAt: m.joinedAt, updatedAt: m.joinedAt,
    })));
    await insertAll(tx, joinRequests, plan.joinRequests.map((j) => ({
      communityId: communityId[j.community], userId: personId[j.person], message: j.message, status: j.status, decidedBy: j.decidedBy === null ? null : personId[j.decidedBy], decidedAt: j.decidedAt, createdAt: j.createdAt,
    })));
    await insertAll(tx, organisationAgents, plan.agents.map((a) => ({
      communityId: communityId[a.community], organisationId: personId[a.organisation], userId: personId[a.person], title: a.title, createdAt: a.createdAt,
    })));
    await insertAll(tx, verifications, plan.checks.map((k, i) => ({
      id: checkId[i], communityId: communityId[k.community], subjectId: personId[k.subject], coordinatorId: personId[k.coordinator], kind: k.kind, checkedOn: k.checkedOn, expiresOn: k.expiresOn, reference: k.reference, note: k.note, createdAt: k.createdAt,
    })));
    await insertAll(tx, vouches, plan.vouches.map((v, i) => ({
      id: vouchId[i], communityId: communityId[v.community], voucherId: personId[v.voucher], subjectId: personId[v.subject], voucherLevel: v.voucherLevel, note: v.note, createdAt: v.createdAt,
    })));
    await insertAll(tx, reports, plan.reports.map((r, i) => ({
      id: reportId[i], communityId: communityId[r.community], reporterId: personId[r.reporter], subjectUserId: personId[r.subject], contentType: 'profile', contentId: personId[r.subject], reason: r.reason, details: r.details,
      status: r.status, resolvedBy: r.resolvedBy === null ? null : personId[r.resolvedBy], resolutionNote: r.resolutionNote, resolvedAt: r.resolvedAt, createdAt: r.createdAt,
    })));
    await insertAll(tx, blocks, plan.blocks.map((b) => ({ blockerId: personId[b.blocker], blockedId: personId[b.blocked], createdAt: b.createdAt })));
    await insertAll(tx, moderationActions, plan.suspensions.map((s) => ({
      communityId: communityId[s.community], actorId: personId[s.actor], subjectId: personId[s.subject], action: 'suspend_member' as const, reason: s.reason, createdAt: s.createdAt,
    })));
    await insertAll(tx, interactions, interactionRows);
  });

  const seed = options.seed ?? 1;
  const grown = options.trustNetwork === false
    ? { exchanges: 0, references: 0, disputes: 0, reversals: 0, ring: [] as string[], isolated: [] as string[] }
    : await growTrustNetwork(db, { communityIds: communityId, now, seed, passwordHash: memberHash, tag: options.tag, recompute: false });
  const activity = options.trustNetwork === false
    ? { listings: 0, inFlight: 0, approvals: 0, donations: 0, grants: 0, groupExchanges: 0, proxyExchanges: 0, notifications: 0, recentRequests: [] }
    : await addTimebankActivity(db, { communityIds: communityId, now, seed, tag: options.tag, ring: grown.ring, isolated: grown.isolated });
  let matched = 0;
  if (options.trustNetwork !== false) {
    for (const id of communityId) await recomputeCommunity(db, id, { reason: 'demo', now, full: true });
    matched = await tellMatchingHelpers(db, activity.recentRequests, now);
  }
  const suffix = options.tag ? `+${options.tag}` : '';
  const address = (email: string) => email.replace('@', `${suffix}@`);
  return {
    communities: plan.communities.map((c, i) => ({ id: communityId[i], slug: c.slug, name: c.name, members: plan.memberships.filter((m) => m.community === i).length })),
    accounts: [
      { role: 'administrator (and coordinator)', email: address(DEMO_ACCOUNTS.admin.email), password: DEMO_ACCOUNTS.admin.password, displayName: DEMO_ACCOUNTS.admin.displayName },
      { role: 'coordinator', email: address(DEMO_ACCOUNTS.coordinator.email), password: DEMO_ACCOUNTS.password, displayName: DEMO_ACCOUNTS.coordinator.displayName },
      { role: 'council officer', email: address(DEMO_ACCOUNTS.officer.email), password: DEMO_ACCOUNTS.password, displayName: DEMO_ACCOUNTS.officer.displayName },
      { role: 'member', email: address(DEMO_ACCOUNTS.member.email), password: DEMO_ACCOUNTS.password, displayName: DEMO_ACCOUNTS.member.displayName },
    ],
    counts: {
      people: plan.people.filter((p) => p.kind === 'person').length,
      organisations: plan.people.filter((p) => p.kind === 'organisation').length,
      verifications: plan.checks.length,
      vouches: plan.vouches.length,
      pendingJoinRequests: plan.joinRequests.filter((j) => j.status === 'pending').length,
      reports: plan.reports.length,
      interactions: interactionRows.length,
      exchanges: grown.exchanges,
      references: grown.references,
      disputes: grown.disputes,
      reversals: grown.reversals,
      listings: activity.listings,
      exchangesInFlight: activity.inFlight,
      approvals: activity.approvals,
      donations: activity.donations,
      grants: activity.grants,
      groupExchanges: activity.groupExchanges,
      proxyExchanges: activity.proxyExchanges,
      notifications: activity.notifications + matched,
    },
    network: { ring: grown.ring, isolated: grown.isolated },
    plan,
  };
}
