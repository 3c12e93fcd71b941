import type { Feature } from '../lib/deps.ts';
import { authRoutes } from './auth/routes.ts';
import { communityRoutes } from './communities/routes.ts';
import { setupRoutes } from './setup/routes.ts';

/** Every feature's routes, registered in this order under the app. */
export const FEATURES: Feature[] = [setupRoutes, authRoutes, communityRoutes];
