import { z } from 'zod';

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email({ message: 'Enter an email address like name@example.com' }));
export const password = z
  .string()
  .min(10, { message: 'Use at least 10 characters' })
  .max(200, { message: 'Use at most 200 characters' });
export const displayName = z.string().trim().min(1, { message: 'Enter your name' }).max(80, { message: 'Use at most 80 characters' });

export const signUpBody = z.object({ email, password, displayName });
export type SignUpBody = z.infer<typeof signUpBody>;

export const signInBody = z.object({ email, password: z.string().min(1, { message: 'Enter your password' }).max(200) });
export type SignInBody = z.infer<typeof signInBody>;

export const passwordResetRequestBody = z.object({ email });
export const passwordResetConfirmBody = z.object({ token: z.string().min(10).max(200), password });
export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const changeEmailBody = z.object({ currentPassword: z.string().min(1).max(200), newEmail: email });
export const confirmEmailBody = z.object({ token: z.string().min(10).max(200) });
export const switchCommunityBody = z.object({ communityId: z.uuid() });

export const sessionMembership = z.object({
  communityId: z.uuid(),
  slug: z.string(),
  name: z.string(),
  role: z.enum(['member', 'coordinator', 'officer', 'organisation']),
  status: z.enum(['active', 'suspended', 'left']),
});

export const sessionSchema = z.object({
  setupRequired: z.boolean(),
  user: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      email: z.string(),
      isAdmin: z.boolean(),
      suspended: z.boolean(),
    })
    .nullable(),
  csrfToken: z.string().nullable(),
  activeCommunityId: z.uuid().nullable(),
  memberships: z.array(sessionMembership),
});
export type Session = z.infer<typeof sessionSchema>;
