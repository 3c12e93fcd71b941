import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses } from '../../../common/errors.ts';
import {
  checkBody,
  checkCreated,
  memberRefParams,
  verificationList,
  verificationListQuery,
  verificationSummary,
  vouchBody,
  vouchCreated,
} from '../../../common/verification.ts';
import { requireActor, requireMembership } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as service from './service.ts';

/** Vouching, coordinators' identity and DBS checks, and members' verification summaries. */
export function verificationRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['verification'];

  r.get('/api/communities/:communityId/members/:userId/verification', { config: { access: 'member' }, schema: { tags, params: memberRefParams, response: { 200: verificationSummary, ...errorResponses } } }, async (request) => {
    const membership = requireMembership(request);
    const viewer = { userId: requireActor(request).userId, role: membership.role, status: membership.status };
    return service.describeVerification(db, request.params.communityId, request.params.userId, viewer);
  });

  r.post('/api/communities/:communityId/members/:userId/vouches', { config: { access: 'member.act' }, schema: { tags, params: memberRefParams, body: vouchBody, response: { 201: vouchCreated, ...errorResponses } } }, async (request, reply) => {
    const created = await service.vouchFor(db, request.params.communityId, requireActor(request).userId, request.params.userId, request.body?.note ?? '');
    reply.code(201);
    return created;
  });

  r.post('/api/communities/:communityId/members/:userId/verifications', { config: { access: 'coordinator' }, schema: { tags, params: memberRefParams, body: checkBody, response: { 201: checkCreated, ...errorResponses } } }, async (request, reply) => {
    const created = await service.recordCheck(db, request.params.communityId, requireActor(request).userId, request.params.userId, request.body);
    reply.code(201);
    return created;
  });

  r.get('/api/communities/:communityId/verification/members', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: verificationListQuery, response: { 200: verificationList, ...errorResponses } } }, async (request) =>
    service.listVerification(db, request.params.communityId, request.query),
  );
}
