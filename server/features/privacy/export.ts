import { asc, desc, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  blocks,
  communities,
  interactions,
  joinRequests,
  memberships,
  moderationActions,
  organisationAgents,
  outbox,
  profiles,
  sessions,
  signInAttempts,
  skills,
  userSkills,
  users,
  verifications,
  vouches,
} from '../../db/schema.ts';
import { notFound } from '../../lib/errors.ts';
import type { AccountExport } from '../../../common/privacy.ts';
import { reportsMadeBy } from '../moderation/reports.ts';
import { PRIVACY_SECTIONS } from './sections.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const other = alias(users, 'other');

/**
 * Everything Kith holds about a person, for their right of access. Secrets (password hash,
 * session and CSRF tokens) and the photo's bytes are left out; blocks and reports made by
 * others about them are left out too, because those are the other people's data.
 */
export async function exportAccount(db: Db, userId: string, currentSessionId: string | null): Promise<AccountExport> {
  const [account] = await db.select().from(users).where(eq(users.id, userId));
  if (!account) throw notFound('account');
  const email = account.email?.toLowerCase() ?? null;

  const [profile] = await db
    .select({ row: profiles, hasPhoto: sql<boolean>`${profiles.photo} IS NOT NULL` })
    .from(profiles)
    .where(eq(profiles.userId, userId));

  const skillRows = await db
    .select({ slug: skills.slug, label: skills.label, category: skills.category, kind: userSkills.kind })
    .from(userSkills)
    .innerJoin(skills, eq(skills.id, userSkills.skillId))
    .where(eq(userSkills.userId, userId))
    .orderBy(asc(userSkills.kind), asc(skills.label));

  const membershipRows = await db
    .select({ m: memberships, communityName: communities.name })
    .from(memberships)
    .innerJoin(communities, eq(communities.id, memberships.communityId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.joinedAt));

  const agentRows = await db
    .select({ a: organisationAgents, name: other.displayName })
    .from(organisationAgents)
    .innerJoin(other, eq(other.id, organisationAgents.organisationId))
    .where(eq(organisationAgents.userId, userId));

  const joinRows = await db
    .select({ j: joinRequests, communityName: communities.name })
    .from(joinRequests)
    .innerJoin(communities, eq(communities.id, joinRequests.communityId))
    .where(eq(joinRequests.userId, userId))
    .orderBy(asc(joinRequests.createdAt));

  const given = await db.select({ v: vouches, name: other.displayName }).from(vouches).innerJoin(other, eq(other.id, vouches.subjectId)).where(eq(vouches.voucherId, userId)).orderBy(asc(vouches.createdAt));
  const received = await db.select({ v: vouches, name: other.displayName }).from(vouches).innerJoin(other, eq(other.id, vouches.voucherId)).where(eq(vouches.subjectId, userId)).orderBy(asc(vouches.createdAt));

  const verificationRows = await db
    .select({ v: verifications, name: other.displayName })
    .from(verifications)
    .innerJoin(other, eq(other.id, verifications.coordinatorId))
    .where(eq(verifications.subjectId, userId))
    .orderBy(asc(verifications.createdAt));

  const interactionRows = await db
    .select({ i: interactions, name: other.displayName })
    .from(interactions)
    .innerJoin(other, sql`${other.id} = CASE WHEN ${interactions.actorId} = ${userId} THEN ${interactions.subjectId} ELSE ${interactions.actorId} END`)
    .where(or(eq(interactions.actorId, userId), eq(interactions.subjectId, userId)))
    .orderBy(asc(interactions.occurredAt), asc(interactions.id));

  const blockRows = await db
    .select({ userId: blocks.blockedId, displayName: other.displayName, createdAt: blocks.createdAt })
    .from(blocks)
    .innerJoin(other, eq(other.id, blocks.blockedId))
    .where(eq(blocks.blockerId, userId))
    .orderBy(asc(blocks.createdAt));

  const moderationRows = await db.select().from(moderationActions).where(eq(moderationActions.subjectId, userId)).orderBy(asc(moderationActions.createdAt));
  const sessionRows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.lastSeenAt));
  const attemptRows = email ? await db.select().from(signInAttempts).where(eq(signInAttempts.email, email)).orderBy(desc(signInAttempts.at)) : [];
  const mailRows = email ? await db.select().from(outbox).where(sql`lower(${outbox.toAddress}) = ${email}`).orderBy(desc(outbox.createdAt)) : [];

  const features: Record<string, Record<string, unknown>[]> = {};
  for (const section of PRIVACY_SECTIONS) features[section.key] = await section.collect(db, userId);

  return {
    exportedAt: new Date().toISOString(),
    features,
    account: {
      id: account.id,
      kind: account.kind,
      email: account.email,
      displayName: account.displayName,
      isAdmin: account.isAdmin,
      suspendedAt: iso(account.suspendedAt),
      createdAt: account.createdAt.toISOString(),
      updatedAt: account.updatedAt.toISOString(),
    },
    profile: profile
      ? {
          bio: profile.row.bio,
          area: profile.row.area,
          languages: profile.row.languages,
          accessibilityNeeds: profile.row.accessibilityNeeds,
          contactByEmail: profile.row.contactByEmail,
          contactByApp: profile.row.contactByApp,
          phone: profile.row.phone,
          showPhone: profile.row.showPhone,
          showInDirectory: profile.row.showInDirectory,
          showBio: profile.row.showBio,
          showArea: profile.row.showArea,
          analyticsOptOut: profile.row.analyticsOptOut,
          reachOutOk: profile.row.reachOutOk,
          hasPhoto: Boolean(profile.hasPhoto),
          photoType: profile.row.photoType,
          updatedAt: profile.row.updatedAt.toISOString(),
        }
      : null,
    skills: skillRows,
    memberships: membershipRows.map(({ m, communityName }) => ({
      communityId: m.communityId,
      communityName,
      role: m.role,
      status: m.status,
      statusReason: m.statusReason,
      joinedAt: m.joinedAt.toISOString(),
      updatedAt: m.updatedAt.toISOString(),
    })),
    organisationRoles: agentRows.map(({ a, name }) => ({ communityId: a.communityId, organisation: { id: a.organisationId, displayName: name }, title: a.title, createdAt: a.createdAt.toISOString() })),
    joinRequests: joinRows.map(({ j, communityName }) => ({
      id: j.id,
      communityId: j.communityId,
      communityName,
      message: j.message,
      status: j.status,
      decidedAt: iso(j.decidedAt),
      createdAt: j.createdAt.toISOString(),
    })),
    vouchesGiven: given.map(({ v, name }) => ({ id: v.id, communityId: v.communityId, subject: { id: v.subjectId, displayName: name }, voucherLevel: v.voucherLevel, note: v.note, createdAt: v.createdAt.toISOString() })),
    vouchesReceived: received.map(({ v, name }) => ({ id: v.id, communityId: v.communityId, voucher: { id: v.voucherId, displayName: name }, voucherLevel: v.voucherLevel, note: v.note, createdAt: v.createdAt.toISOString() })),
    verifications: verificationRows.map(({ v, name }) => ({
      id: v.id,
      communityId: v.communityId,
      kind: v.kind,
      checkedOn: v.checkedOn,
      expiresOn: v.expiresOn,
      reference: v.reference,
      note: v.note,
      coordinator: { id: v.coordinatorId, displayName: name },
      createdAt: v.createdAt.toISOString(),
    })),
    interactions: interactionRows.map(({ i, name }) => ({
      id: i.id,
      communityId: i.communityId,
      as: i.actorId === userId ? ('actor' as const) : ('subject' as const),
      otherPerson: { id: i.actorId === userId ? i.subjectId : i.actorId, displayName: name },
      kind: i.kind,
      weight: i.weight,
      occurredAt: i.occurredAt.toISOString(),
      sourceType: i.sourceType,
      sourceId: i.sourceId,
    })),
    reportsMade: (await reportsMadeBy(db, userId)).map((r) => ({
      id: r.id,
      communityId: r.communityId,
      subject: r.subject,
      contentType: r.contentType,
      contentId: r.contentId,
      reason: r.reason,
      details: r.details,
      status: r.status,
      resolvedAt: r.resolvedAt,
      createdAt: r.createdAt,
    })),
    blocks: blockRows.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })),
    moderationRecord: moderationRows.map((m) => ({ communityId: m.communityId, action: m.action, reason: m.reason, createdAt: m.createdAt.toISOString() })),
    sessions: sessionRows.map((s) => ({
      id: s.id,
      current: s.id === currentSessionId,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
    signInAttempts: attemptRows.map((a) => ({ ip: a.ip, succeeded: a.succeeded, at: a.at.toISOString() })),
    mails: mailRows.map((m) => ({ id: m.id, toAddress: m.toAddress, subject: m.subject, body: m.body, transport: m.transport, sentAt: iso(m.sentAt), createdAt: m.createdAt.toISOString() })),
  };
}
