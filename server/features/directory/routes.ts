import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityParams } from '../../../common/communities.ts';
import { directoryPage, directoryQuery } from '../../../common/directory.ts';
import { errorResponses } from '../../../common/errors.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as service from './service.ts';

/** The searchable member directory of a community. */
export function directoryRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/communities/:communityId/members', { config: { access: 'member' }, schema: { tags: ['directory'], params: communityParams, querystring: directoryQuery, response: { 200: directoryPage, ...errorResponses } } }, async (request) =>
    service.searchDirectory(db, request.params.communityId, requireActor(request).userId, request.query),
  );
}
