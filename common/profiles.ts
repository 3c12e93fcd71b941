// Profiles: a member's own profile and settings, and another member's profile as a viewer in
// a shared community may see it.
import { z } from 'zod';
import { displayName } from './auth.ts';
import { skill } from './skills.ts';
import { verificationLevel } from './verification.ts';

/** Photos: JPEG, PNG or WebP, up to 2 MB, sent as the raw body of PUT /api/profile/photo. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

const HOUSE_NUMBER = /^\s*(?:(?:flat|apartment|apt|unit|house|no\.?)\s*)?\d+[a-z]?\b|\b(?:flat|apartment|apt|unit)\s*\d|\b\d+[a-z]?,?\s+[a-z]{2,}/i;
const FULL_POSTCODE = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/i;

/** True when text looks like an exact address (a house number or a full postcode). */
export function looksLikeExactAddress(text: string): boolean {
  return HOUSE_NUMBER.test(text) || FULL_POSTCODE.test(text);
}

/** A street or area, never an exact address: no house number, no full postcode. */
export const area = z
  .string()
  .trim()
  .max(120, { message: 'Use at most 120 characters' })
  .refine((text) => !looksLikeExactAddress(text), {
    message: 'Give your street or area only (for example "Mill Lane" or "Northfield"), not a house number or full postcode',
  });

export const contactPreferences = z.object({
  /** Members of a shared community may see the account's email address. */
  email: z.boolean(),
  /** Members may message through Kith. */
  app: z.boolean(),
  phone: z.string().trim().max(40, { message: 'Use at most 40 characters' }).regex(/^[0-9 +()-]*$/, { message: 'Use only numbers, spaces and + ( ) -' }),
  /** Members of a shared community may see the phone number. */
  showPhone: z.boolean(),
});
export type ContactPreferences = z.infer<typeof contactPreferences>;

export const privacySettings = z.object({
  /** Listed in the member directory (the profile is still reachable from exchanges and links). */
  showInDirectory: z.boolean(),
  showBio: z.boolean(),
  showArea: z.boolean(),
  /** Left out of the trust and social-capital analytics. */
  analyticsOptOut: z.boolean(),
  /** Happy for a coordinator to get in touch (for example to offer help or ask how things are). */
  coordinatorMayContact: z.boolean(),
});
export type PrivacySettings = z.infer<typeof privacySettings>;

const language = z.string().trim().min(1, { message: 'Enter a language' }).max(40, { message: 'Use at most 40 characters' });
const skillIds = z.array(z.number().int().positive()).max(30, { message: 'Choose at most 30' });

/** The signed-in person's own profile, with every setting. */
export const ownProfile = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'organisation']),
  displayName: z.string(),
  email: z.string().nullable(),
  bio: z.string(),
  area: z.string(),
  languages: z.array(z.string()),
  accessibilityNeeds: z.string(),
  skills: z.array(skill),
  interests: z.array(skill),
  contact: contactPreferences,
  privacy: privacySettings,
  /** The photo at GET /api/profile/photo (changes when the profile does), or null. */
  photoUrl: z.string().nullable(),
  updatedAt: z.string(),
});
export type OwnProfile = z.infer<typeof ownProfile>;

/** Changes to the own profile; every field is optional, and lists replace what was there. */
export const profileUpdate = z.object({
  displayName: displayName.optional(),
  bio: z.string().trim().max(1000, { message: 'Use at most 1000 characters' }).optional(),
  area: area.optional(),
  languages: z.array(language).max(10, { message: 'Choose at most 10' }).optional(),
  accessibilityNeeds: z.string().trim().max(500, { message: 'Use at most 500 characters' }).optional(),
  /** Ids from GET /api/skills: what the member can offer. */
  skillIds: skillIds.optional(),
  /** Ids from GET /api/skills: what the member would like to learn or receive. */
  interestIds: skillIds.optional(),
  contact: contactPreferences.partial().optional(),
  privacy: privacySettings.partial().optional(),
});
export type ProfileUpdate = z.infer<typeof profileUpdate>;

export const ROLE_BADGES = ['coordinator', 'officer', 'organisation'] as const;
/** The badge shown beside a name: coordinator, council officer or organisation; null for members. */
export const roleBadge = z.enum(ROLE_BADGES).nullable();

export const organisationAgentRef = z.object({ id: z.uuid(), displayName: z.string(), title: z.string() });

/**
 * Another member's profile as the viewer may see it. Fields the member keeps private are null:
 * bio and area follow their settings, email shows only if they accept contact by email, phone
 * only if they chose to show it. Accessibility needs and whether a coordinator may get in
 * touch are shown to the member themself and to coordinators only.
 */
export const memberProfile = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'organisation']),
  displayName: z.string(),
  badge: roleBadge,
  photoUrl: z.string().nullable(),
  bio: z.string().nullable(),
  area: z.string().nullable(),
  languages: z.array(z.string()),
  skills: z.array(skill),
  interests: z.array(skill),
  accessibilityNeeds: z.string().nullable(),
  contact: z.object({ app: z.boolean(), email: z.string().nullable(), phone: z.string().nullable() }),
  coordinatorMayContact: z.boolean().nullable(),
  verification: z.object({ level: verificationLevel, vouchCount: z.number().int() }),
  /** The viewer has blocked this member (they can unblock from the profile). */
  blockedByViewer: z.boolean(),
  isSelf: z.boolean(),
  joinedAt: z.string(),
  /** For an organisation: the people who act for it; null for a person. */
  agents: z.array(organisationAgentRef).nullable(),
});
export type MemberProfile = z.infer<typeof memberProfile>;

export const memberProfileParams = z.object({ communityId: z.uuid(), userId: z.uuid() });
