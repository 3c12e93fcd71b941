// Profiles: the member's own profile and settings, their photo, and another member's profile
// as a viewer in a shared community may see it (their privacy settings decide what shows).
import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { blocks, memberships, profiles, skills, userSkills, users, type Role } from '../../db/schema.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import type { MemberProfile, OwnProfile, PhotoType, ProfileUpdate } from '../../../common/profiles.ts';
import type { Skill } from '../../../common/skills.ts';
import { listAgents } from '../organisations/service.ts';
import { getVerificationLevel } from '../verification/service.ts';
import { detectImageType } from './photo.ts';

/** Where another member's photo is served within a community, or null without a photo. */
export function memberPhotoUrl(communityId: string, userId: string, hasPhoto: boolean, version: Date): string | null {
  return hasPhoto ? `/api/communities/${communityId}/members/${userId}/photo?v=${version.getTime()}` : null;
}

/** The badge beside a member's name for their role; plain members have none. */
export const badgeFor = (role: Role) => (role === 'member' ? null : role);

const profileColumns = {
  bio: profiles.bio,
  area: profiles.area,
  languages: profiles.languages,
  accessibilityNeeds: profiles.accessibilityNeeds,
  contactByEmail: profiles.contactByEmail,
  contactByApp: profiles.contactByApp,
  phone: profiles.phone,
  showPhone: profiles.showPhone,
  showInDirectory: profiles.showInDirectory,
  showBio: profiles.showBio,
  showArea: profiles.showArea,
  analyticsOptOut: profiles.analyticsOptOut,
  reachOutOk: profiles.reachOutOk,
  hasPhoto: sql<boolean>`${profiles.photo} IS NOT NULL`,
  updatedAt: profiles.updatedAt,
};

/** Skills and interests of a member, each list ordered by label. */
async function loadSkills(db: Db, userId: string): Promise<{ skills: Skill[]; interests: Skill[] }> {
  const rows = await db
    .select({ id: skills.id, slug: skills.slug, label: skills.label, category: skills.category, worksWith: skills.worksWith, kind: userSkills.kind })
    .from(userSkills)
    .innerJoin(skills, eq(skills.id, userSkills.skillId))
    .where(eq(userSkills.userId, userId))
    .orderBy(asc(skills.label));
  const pick = (kind: 'skill' | 'interest') => rows.filter((r) => r.kind === kind).map(({ kind: _kind, ...s }) => s);
  return { skills: pick('skill'), interests: pick('interest') };
}

/** The signed-in person's own profile with all of its settings. */
export async function getOwnProfile(db: Db, userId: string): Promise<OwnProfile> {
  const [row] = await db
    .select({ id: users.id, kind: users.kind, displayName: users.displayName, email: users.email, ...profileColumns })
    .from(users)
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) throw notFound('profile');
  const { skills: offered, interests } = await loadSkills(db, userId);
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.displayName,
    email: row.email,
    bio: row.bio,
    area: row.area,
    languages: row.languages,
    accessibilityNeeds: row.accessibilityNeeds,
    skills: offered,
    interests,
    contact: { email: row.contactByEmail, app: row.contactByApp, phone: row.phone, showPhone: row.showPhone },
    privacy: { showInDirectory: row.showInDirectory, showBio: row.showBio, showArea: row.showArea, analyticsOptOut: row.analyticsOptOut, coordinatorMayContact: row.reachOutOk },
    photoUrl: row.hasPhoto ? `/api/profile/photo?v=${row.updatedAt.getTime()}` : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function checkSkillIds(db: Db, ids: readonly number[], field: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const found = await db.select({ id: skills.id }).from(skills).where(inArray(skills.id, unique));
  if (found.length !== unique.length) throw invalid('profile.unknown_skill', 'One of the chosen skills is not on the list. Please choose again.', field);
  return unique;
}

async function replaceSkills(tx: Db, userId: string, kind: 'skill' | 'interest', ids: readonly number[]) {
  await tx.delete(userSkills).where(and(eq(userSkills.userId, userId), eq(userSkills.kind, kind)));
  if (ids.length > 0) await tx.insert(userSkills).values(ids.map((skillId) => ({ userId, skillId, kind })));
}

/** Changes the own profile; given lists replace the old ones, all in one transaction. */
export async function updateOwnProfile(db: Db, userId: string, input: ProfileUpdate): Promise<OwnProfile> {
  const [skillIds, interestIds] = await Promise.all([
    input.skillIds ? checkSkillIds(db, input.skillIds, 'skillIds') : undefined,
    input.interestIds ? checkSkillIds(db, input.interestIds, 'interestIds') : undefined,
  ]);
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ phone: profiles.phone, showPhone: profiles.showPhone }).from(profiles).where(eq(profiles.userId, userId));
    if (!current) throw notFound('profile');
    const phone = input.contact?.phone ?? current.phone;
    const showPhone = input.contact?.showPhone ?? current.showPhone;
    if (showPhone && phone === '') throw invalid('profile.phone_missing', 'Add a phone number before choosing to show it.', 'contact.phone');
    if (input.displayName !== undefined) await tx.update(users).set({ displayName: input.displayName, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.update(profiles).set({
      bio: input.bio,
      area: input.area,
      languages: input.languages && [...new Set(input.languages)],
      accessibilityNeeds: input.accessibilityNeeds,
      contactByEmail: input.contact?.email,
      contactByApp: input.contact?.app,
      phone: input.contact?.phone,
      showPhone: input.contact?.showPhone,
      showInDirectory: input.privacy?.showInDirectory,
      showBio: input.privacy?.showBio,
      showArea: input.privacy?.showArea,
      analyticsOptOut: input.privacy?.analyticsOptOut,
      reachOutOk: input.privacy?.coordinatorMayContact,
      updatedAt: new Date(),
    }).where(eq(profiles.userId, userId));
    if (skillIds) await replaceSkills(tx, userId, 'skill', skillIds);
    if (interestIds) await replaceSkills(tx, userId, 'interest', interestIds);
  });
  return getOwnProfile(db, userId);
}

/** Stores a new photo after checking its bytes are the image type it claims to be. */
export async function setPhoto(db: Db, userId: string, body: unknown, declaredType: string): Promise<OwnProfile> {
  if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) {
    throw invalid('photo.missing', 'Please choose a JPEG, PNG or WebP photo to upload.', 'photo');
  }
  // Text and JSON bodies arrive parsed by the app's own parsers; they are not photos either.
  const actual = Buffer.isBuffer(body) ? detectImageType(body) : null;
  if (!Buffer.isBuffer(body) || !actual) throw invalid('photo.unsupported_type', 'That file is not a JPEG, PNG or WebP image. Please choose a photo in one of those formats.', 'photo');
  if (actual !== declaredType) {
    const name = (type: string) => type.replace('image/', '').toUpperCase();
    throw invalid('photo.type_mismatch', `That file is a ${name(actual)} image but was sent as ${name(declaredType)}. Please try uploading it again.`, 'photo');
  }
  await db.update(profiles).set({ photo: body, photoType: actual, updatedAt: new Date() }).where(eq(profiles.userId, userId));
  return getOwnProfile(db, userId);
}

/** Removes the own photo. */
export async function removePhoto(db: Db, userId: string): Promise<OwnProfile> {
  await db.update(profiles).set({ photo: null, photoType: null, updatedAt: new Date() }).where(eq(profiles.userId, userId));
  return getOwnProfile(db, userId);
}

/** The bytes and type of a photo, or 404. */
async function readPhoto(db: Db, userId: string): Promise<{ bytes: Buffer; type: PhotoType }> {
  const [row] = await db.select({ photo: profiles.photo, photoType: profiles.photoType }).from(profiles).where(and(eq(profiles.userId, userId), isNotNull(profiles.photo)));
  if (!row?.photo || !row.photoType) throw notFound('photo');
  return { bytes: row.photo, type: row.photoType as PhotoType };
}

/** The signed-in person's own photo. */
export const getOwnPhoto = (db: Db, userId: string) => readPhoto(db, userId);

/** Who is looking at a profile, and their standing in the community. */
export type ProfileViewer = { userId: string; role: Role; status: 'active' | 'suspended' | 'left' };

/**
 * The target's membership and profile if the viewer may see them in this community: a current
 * member, not deleted, and not someone who has blocked the viewer (coordinators still see
 * them, to keep people safe). Anything else is a 404, so nothing is given away.
 */
async function visibleMember(db: Db, communityId: string, viewer: ProfileViewer, targetId: string) {
  const [row] = await db
    .select({ id: users.id, kind: users.kind, displayName: users.displayName, email: users.email, role: memberships.role, joinedAt: memberships.joinedAt, ...profileColumns })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, targetId), sql`${memberships.status} <> 'left'`, sql`${users.deletedAt} IS NULL`));
  if (!row) throw notFound('member');
  const blockRows = targetId === viewer.userId ? [] : await db
    .select({ blockerId: blocks.blockerId })
    .from(blocks)
    .where(or(and(eq(blocks.blockerId, viewer.userId), eq(blocks.blockedId, targetId)), and(eq(blocks.blockerId, targetId), eq(blocks.blockedId, viewer.userId))));
  const blockedViewer = blockRows.some((b) => b.blockerId === targetId);
  const isCoordinator = viewer.role === 'coordinator' && viewer.status === 'active';
  if (blockedViewer && !isCoordinator) throw notFound('member');
  return { row, blockedByViewer: blockRows.some((b) => b.blockerId === viewer.userId), isCoordinator };
}

/** Another member's profile, showing only what their settings allow this viewer to see. */
export async function viewMemberProfile(db: Db, communityId: string, viewer: ProfileViewer, targetId: string): Promise<MemberProfile> {
  const { row, blockedByViewer, isCoordinator } = await visibleMember(db, communityId, viewer, targetId);
  const isSelf = viewer.userId === targetId;
  const [{ skills: offered, interests }, level, agents] = await Promise.all([
    loadSkills(db, targetId),
    getVerificationLevel(db, communityId, targetId),
    row.kind === 'organisation' ? listAgents(db, communityId, targetId) : null,
  ]);
  return {
    id: row.id,
    kind: row.kind,
    displayName: row.displayName,
    badge: badgeFor(row.role),
    photoUrl: memberPhotoUrl(communityId, row.id, row.hasPhoto, row.updatedAt),
    bio: isSelf || row.showBio ? row.bio : null,
    area: isSelf || row.showArea ? row.area : null,
    languages: row.languages,
    skills: offered,
    interests,
    accessibilityNeeds: isSelf || isCoordinator ? row.accessibilityNeeds : null,
    contact: {
      app: row.contactByApp,
      email: row.contactByEmail && row.email ? row.email : null,
      phone: row.showPhone && row.phone !== '' ? row.phone : null,
    },
    coordinatorMayContact: isSelf || isCoordinator ? row.reachOutOk : null,
    verification: { level: level.level, vouchCount: level.vouchCount },
    blockedByViewer,
    isSelf,
    joinedAt: row.joinedAt.toISOString(),
    agents: agents && agents.map((a) => ({ id: a.userId, displayName: a.displayName, title: a.title })),
  };
}

/** Another member's photo, under the same rules as their profile. */
export async function getMemberPhoto(db: Db, communityId: string, viewer: ProfileViewer, targetId: string) {
  await visibleMember(db, communityId, viewer, targetId);
  return readPhoto(db, targetId);
}
