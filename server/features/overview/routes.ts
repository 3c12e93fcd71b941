import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses } from '../../../common/errors.ts';
import { communityOverview } from '../../../common/overview.ts';
import { requireActor, requireMembership } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as overview from './service.ts';

/** The home page: the community at a glance. */
export function overviewRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/communities/:communityId/overview', { config: { access: 'member' }, schema: { tags: ['overview'], params: communityParams, response: { 200: communityOverview, ...errorResponses } } }, async (request) =>
    overview.communityOverview(db, { userId: requireActor(request).userId, membership: requireMembership(request) }),
  );
}
