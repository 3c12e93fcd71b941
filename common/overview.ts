import { z } from 'zod';
import { nextStep, verificationLevel } from './verification.ts';

/** Counts under this are shown as null ("fewer than 5"), so no small group can be singled out. */
export const MIN_GROUP_SIZE = 5;

/** A count that is null when it is below MIN_GROUP_SIZE. */
const guardedCount = z.number().int().nullable();

/** The web app's home page: the community at a glance, the viewer's own standing, and coordinators' to-dos. */
export const communityOverview = z.object({
  community: z.object({ id: z.uuid(), name: z.string(), description: z.string() }),
  stats: z.object({
    /** Current members (active or suspended, accounts not deleted). */
    members: guardedCount,
    /** Members who joined in the last 30 days. */
    newMembers30d: guardedCount,
    /** Members with an identity and address check on record. */
    verifiedMembers: guardedCount,
    /** Vouches given in this community in the last 30 days. */
    vouches30d: guardedCount,
  }),
  you: z.object({
    role: z.enum(['member', 'coordinator', 'officer', 'organisation']),
    status: z.enum(['active', 'suspended']),
    level: verificationLevel,
    qualifyingVouchCount: z.number().int(),
    nextStep: nextStep,
  }),
  /** Only for coordinators: work waiting for them (reports about themselves left out). These are not hidden when small. */
  coordinator: z.object({ pendingJoinRequests: z.number().int(), openReports: z.number().int() }).nullable(),
});
export type CommunityOverview = z.infer<typeof communityOverview>;
