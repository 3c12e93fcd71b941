import { z } from 'zod';

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/, { message: 'Use 3 to 50 lower-case letters, numbers and dashes' });

export const communityInput = z.object({
  name: z.string().trim().min(2, { message: 'Use at least 2 characters' }).max(80),
  slug,
  description: z.string().trim().max(2000).default(''),
  centreLat: z.number().min(-90).max(90),
  centreLng: z.number().min(-180).max(180),
  radiusM: z.number().int().min(100, { message: 'Use at least 100 metres' }).max(100_000, { message: 'Use at most 100 km' }),
});
export type CommunityInput = z.infer<typeof communityInput>;
export const communityUpdate = communityInput.partial();

export const community = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  centreLat: z.number(),
  centreLng: z.number(),
  radiusM: z.number(),
});
export type Community = z.infer<typeof community>;

export const communityParams = z.object({ communityId: z.uuid() });

export const joinRequestBody = z.object({ message: z.string().trim().max(1000).default('') });
export const joinRequest = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  message: z.string(),
  status: z.enum(['pending', 'approved', 'declined', 'withdrawn']),
  createdAt: z.string(),
});
export type JoinRequest = z.infer<typeof joinRequest>;
export const joinRequestParams = communityParams.extend({ requestId: z.uuid() });
export const decideJoinBody = z.object({ decision: z.enum(['approve', 'decline']) });

export const inviteBody = z.object({
  note: z.string().trim().max(200).default(''),
  maxUses: z.number().int().min(1).max(500).default(1),
  expiresInDays: z.number().int().min(1).max(90).default(14),
});
export const invite = z.object({
  id: z.uuid(),
  note: z.string(),
  maxUses: z.number(),
  uses: z.number(),
  expiresAt: z.string(),
  revoked: z.boolean(),
  createdAt: z.string(),
});
export const createdInvite = invite.extend({ token: z.string(), url: z.string() });
export const inviteParams = communityParams.extend({ inviteId: z.uuid() });
export const inviteTokenParams = z.object({ token: z.string().min(10).max(200) });
export const invitePreview = z.object({ community: community, expiresAt: z.string() });

export const roleBody = z.object({ role: z.enum(['member', 'coordinator', 'officer']) });
export const memberParams = communityParams.extend({ userId: z.uuid() });
