import { z } from 'zod';
import { signUpBody } from './auth.ts';
import { communityInput } from './communities.ts';

export const setupStatus = z.object({ required: z.boolean() });
export const setupBody = z.object({ admin: signUpBody, community: communityInput });
export type SetupBody = z.infer<typeof setupBody>;
