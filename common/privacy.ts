import { z } from 'zod';

const person = z.object({ id: z.uuid(), displayName: z.string() });
const role = z.enum(['member', 'coordinator', 'officer', 'organisation']);

/** Deleting an account needs the current password, so a borrowed device cannot do it. */
export const deleteAccountBody = z.object({ currentPassword: z.string().min(1, { message: 'Enter your password' }).max(200) });

/** Everything Kith holds about one person, as they download it. */
export const accountExport = z.object({
  exportedAt: z.string(),
  account: z.object({
    id: z.uuid(),
    kind: z.enum(['person', 'organisation']),
    email: z.string().nullable(),
    displayName: z.string(),
    isAdmin: z.boolean(),
    suspendedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  profile: z
    .object({
      bio: z.string(),
      area: z.string(),
      languages: z.array(z.string()),
      accessibilityNeeds: z.string(),
      contactByEmail: z.boolean(),
      contactByApp: z.boolean(),
      phone: z.string(),
      showPhone: z.boolean(),
      showInDirectory: z.boolean(),
      showBio: z.boolean(),
      showArea: z.boolean(),
      analyticsOptOut: z.boolean(),
      reachOutOk: z.boolean(),
      /** The photo itself is not included; download it from your profile page. */
      hasPhoto: z.boolean(),
      photoType: z.string().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  skills: z.array(z.object({ slug: z.string(), label: z.string(), category: z.string(), kind: z.enum(['skill', 'interest']) })),
  memberships: z.array(
    z.object({ communityId: z.uuid(), communityName: z.string(), role, status: z.enum(['active', 'suspended', 'left']), statusReason: z.string(), joinedAt: z.string(), updatedAt: z.string() }),
  ),
  organisationRoles: z.array(z.object({ communityId: z.uuid(), organisation: person, title: z.string(), createdAt: z.string() })),
  joinRequests: z.array(
    z.object({ id: z.uuid(), communityId: z.uuid(), communityName: z.string(), message: z.string(), status: z.string(), decidedAt: z.string().nullable(), createdAt: z.string() }),
  ),
  vouchesGiven: z.array(z.object({ id: z.uuid(), communityId: z.uuid(), subject: person, voucherLevel: z.string(), note: z.string(), createdAt: z.string() })),
  vouchesReceived: z.array(z.object({ id: z.uuid(), communityId: z.uuid(), voucher: person, voucherLevel: z.string(), note: z.string(), createdAt: z.string() })),
  verifications: z.array(
    z.object({
      id: z.uuid(),
      communityId: z.uuid(),
      kind: z.enum(['identity_address', 'dbs']),
      checkedOn: z.string(),
      expiresOn: z.string().nullable(),
      reference: z.string(),
      note: z.string(),
      coordinator: person,
      createdAt: z.string(),
    }),
  ),
  interactions: z.array(
    z.object({
      id: z.number(),
      communityId: z.uuid(),
      as: z.enum(['actor', 'subject']),
      otherPerson: person,
      kind: z.string(),
      weight: z.number(),
      occurredAt: z.string(),
      sourceType: z.string(),
      sourceId: z.string(),
    }),
  ),
  reportsMade: z.array(
    z.object({
      id: z.uuid(),
      communityId: z.uuid(),
      subject: person.nullable(),
      contentType: z.string(),
      contentId: z.string(),
      reason: z.string(),
      details: z.string(),
      status: z.string(),
      resolvedAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  blocks: z.array(z.object({ userId: z.uuid(), displayName: z.string(), createdAt: z.string() })),
  moderationRecord: z.array(z.object({ communityId: z.uuid().nullable(), action: z.string(), reason: z.string(), createdAt: z.string() })),
  sessions: z.array(
    z.object({ id: z.uuid(), current: z.boolean(), ip: z.string(), userAgent: z.string(), createdAt: z.string(), lastSeenAt: z.string(), expiresAt: z.string() }),
  ),
  signInAttempts: z.array(z.object({ ip: z.string(), succeeded: z.boolean(), at: z.string() })),
  mails: z.array(
    z.object({ id: z.uuid(), toAddress: z.string(), subject: z.string(), body: z.string(), transport: z.string(), sentAt: z.string().nullable(), createdAt: z.string() }),
  ),
  /** Each feature's records about the person: offers and requests, exchanges, references, ledger entries, notifications, survey answers. */
  features: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type AccountExport = z.infer<typeof accountExport>;
