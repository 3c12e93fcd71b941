import type { Feature } from '../lib/deps.ts';
import { authRoutes } from './auth/routes.ts';
import { communityRoutes } from './communities/routes.ts';
import { setupRoutes } from './setup/routes.ts';
import { moderationRoutes } from './moderation/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { adminRoutes } from './admin/routes.ts';
import { overviewRoutes } from './overview/routes.ts';
import { verificationRoutes } from './verification/routes.ts';
import { profileRoutes } from './profiles/routes.ts';
import { skillRoutes } from './skills/routes.ts';
import { directoryRoutes } from './directory/routes.ts';
import { organisationRoutes } from './organisations/routes.ts';
import { offerRoutes } from './offers/routes.ts';
import { exchangeRoutes } from './exchanges/routes.ts';
import { ledgerRoutes } from './ledger/routes.ts';
import { trustRoutes } from './trust/routes.ts';

/** Every feature's routes, registered in this order under the app. */
export const FEATURES: Feature[] = [setupRoutes, authRoutes, communityRoutes, moderationRoutes, privacyRoutes, adminRoutes, overviewRoutes, verificationRoutes, profileRoutes, skillRoutes, directoryRoutes, organisationRoutes, offerRoutes, exchangeRoutes, ledgerRoutes, trustRoutes];
