import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  community,
  communityInput,
  communityParams,
  communityUpdate,
  createdInvite,
  decideJoinBody,
  invite,
  inviteBody,
  inviteParams,
  invitePreview,
  inviteTokenParams,
  joinRequest,
  joinRequestBody,
  joinRequestParams,
  memberParams,
  roleBody,
} from '../../../common/communities.ts';
import { errorResponses, okSchema } from '../../../common/errors.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as service from './service.ts';

/** Communities, joining (requests and invitation links), roles and leaving. */
export function communityRoutes(app: FastifyInstance, { db, config }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['communities'];

  r.get('/api/communities', { config: { access: 'public' }, schema: { tags, response: { 200: z.array(community) } } }, async () => service.listCommunities(db));

  r.post('/api/communities', { config: { access: 'admin' }, schema: { tags, body: communityInput, response: { 201: community, ...errorResponses } } }, async (request, reply) => {
    const created = await service.createCommunity(db, requireActor(request).userId, request.body);
    reply.code(201);
    return created;
  });

  r.get('/api/communities/:communityId', { config: { access: 'member' }, schema: { tags, params: communityParams, response: { 200: community, ...errorResponses } } }, async (request) =>
    service.getCommunity(db, request.params.communityId),
  );

  r.patch('/api/communities/:communityId', { config: { access: 'admin' }, schema: { tags, params: communityParams, body: communityUpdate, response: { 200: community, ...errorResponses } } }, async (request) =>
    service.updateCommunity(db, request.params.communityId, request.body),
  );

  r.post('/api/communities/:communityId/join-requests', { config: { access: 'signed-in' }, schema: { tags, params: communityParams, body: joinRequestBody, response: { 201: z.object({ id: z.uuid(), status: z.string() }), ...errorResponses } } }, async (request, reply) => {
    await service.getCommunity(db, request.params.communityId);
    const created = await service.requestToJoin(db, request.params.communityId, requireActor(request).userId, request.body.message);
    reply.code(201);
    return { id: created.id, status: created.status };
  });

  r.get('/api/join-requests/mine', { config: { access: 'signed-in' }, schema: { tags, response: { 200: z.array(z.object({ id: z.uuid(), communityId: z.uuid(), status: z.string(), createdAt: z.string() })) } } }, async (request) =>
    (await service.listOwnJoinRequests(db, requireActor(request).userId)).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  );

  r.get('/api/communities/:communityId/join-requests', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: z.object({ status: z.enum(['pending', 'approved', 'declined', 'withdrawn']).default('pending') }), response: { 200: z.array(joinRequest), ...errorResponses } } }, async (request) =>
    service.listJoinRequests(db, request.params.communityId, request.query.status),
  );

  r.post('/api/communities/:communityId/join-requests/:requestId/decision', { config: { access: 'coordinator' }, schema: { tags, params: joinRequestParams, body: decideJoinBody, response: { 200: z.object({ id: z.uuid(), status: z.string() }), ...errorResponses } } }, async (request) => {
    const decided = await service.decideJoinRequest(db, request.params.communityId, request.params.requestId, requireActor(request).userId, request.body.decision);
    return { id: decided.id, status: decided.status };
  });

  r.post('/api/communities/:communityId/invites', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: inviteBody, response: { 201: createdInvite, ...errorResponses } } }, async (request, reply) => {
    const created = await service.createInvite(db, request.params.communityId, requireActor(request).userId, request.body, config.publicUrl);
    reply.code(201);
    return created;
  });

  r.get('/api/communities/:communityId/invites', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: z.array(invite), ...errorResponses } } }, async (request) =>
    service.listInvites(db, request.params.communityId),
  );

  r.delete('/api/communities/:communityId/invites/:inviteId', { config: { access: 'coordinator' }, schema: { tags, params: inviteParams, response: { 200: invite, ...errorResponses } } }, async (request) =>
    service.revokeInvite(db, request.params.communityId, request.params.inviteId),
  );

  r.get('/api/invites/:token', { config: { access: 'public' }, schema: { tags, params: inviteTokenParams, response: { 200: invitePreview, ...errorResponses } } }, async (request) =>
    service.previewInvite(db, request.params.token),
  );

  r.post('/api/invites/:token/accept', { config: { access: 'signed-in' }, schema: { tags, params: inviteTokenParams, response: { 200: community, ...errorResponses } } }, async (request) =>
    service.acceptInvite(db, request.params.token, requireActor(request).userId),
  );

  r.put('/api/communities/:communityId/members/:userId/role', { config: { access: 'admin' }, schema: { tags, params: memberParams, body: roleBody, response: { 200: z.object({ userId: z.uuid(), role: z.string(), status: z.string() }), ...errorResponses } } }, async (request) =>
    service.setRole(db, request.params.communityId, request.params.userId, request.body.role),
  );

  r.delete('/api/communities/:communityId/membership', { config: { access: 'member', allowSuspended: false }, schema: { tags, params: communityParams, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await service.leaveCommunity(db, request.params.communityId, requireActor(request).userId);
    return { ok: true as const };
  });
}
