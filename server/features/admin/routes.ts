import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adminCommunity,
  adminCommunityParams,
  adminFlagBody,
  adminUser,
  communityMember,
  communityMemberQuery,
  mailParams,
  outboxMail,
  outboxMailSummary,
  outboxQuery,
  paged,
  reinstateAccountBody,
  suspendAccountBody,
  userListQuery,
  userParams,
} from '../../../common/admin.ts';
import { errorResponses } from '../../../common/errors.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as admin from './service.ts';

/** The administrator's console: the outbox, accounts, administrators and community rosters. */
export function adminRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];

  r.get('/api/admin/outbox', { config: { access: 'admin' }, schema: { tags, querystring: outboxQuery, response: { 200: paged(outboxMailSummary), ...errorResponses } } }, async (request) =>
    admin.listOutbox(db, request.query),
  );

  r.get('/api/admin/outbox/:mailId', { config: { access: 'admin' }, schema: { tags, params: mailParams, response: { 200: outboxMail, ...errorResponses } } }, async (request) =>
    admin.getMail(db, request.params.mailId),
  );

  r.get('/api/admin/users', { config: { access: 'admin' }, schema: { tags, querystring: userListQuery, response: { 200: paged(adminUser), ...errorResponses } } }, async (request) =>
    admin.listUsers(db, request.query),
  );

  r.get('/api/admin/users/:userId', { config: { access: 'admin' }, schema: { tags, params: userParams, response: { 200: adminUser, ...errorResponses } } }, async (request) =>
    admin.getUser(db, request.params.userId),
  );

  r.post('/api/admin/users/:userId/suspension', { config: { access: 'admin' }, schema: { tags, params: userParams, body: suspendAccountBody, response: { 200: adminUser, ...errorResponses } } }, async (request) =>
    admin.suspendAccount(db, requireActor(request).userId, request.params.userId, request.body.reason),
  );

  r.post('/api/admin/users/:userId/reinstatement', { config: { access: 'admin' }, schema: { tags, params: userParams, body: reinstateAccountBody, response: { 200: adminUser, ...errorResponses } } }, async (request) =>
    admin.reinstateAccount(db, requireActor(request).userId, request.params.userId, request.body.reason),
  );

  r.put('/api/admin/users/:userId/admin', { config: { access: 'admin' }, schema: { tags, params: userParams, body: adminFlagBody, response: { 200: adminUser, ...errorResponses } } }, async (request) =>
    admin.setAdmin(db, requireActor(request).userId, request.params.userId, request.body.isAdmin, request.body.reason),
  );

  r.get('/api/admin/communities', { config: { access: 'admin' }, schema: { tags, response: { 200: z.array(adminCommunity), ...errorResponses } } }, async () =>
    admin.listCommunitiesForAdmin(db),
  );

  // The `admin` rule does not load a membership, so the service itself answers 404 for an unknown community.
  r.get('/api/admin/communities/:communityId/members', { config: { access: 'admin' }, schema: { tags, params: adminCommunityParams, querystring: communityMemberQuery, response: { 200: paged(communityMember), ...errorResponses } } }, async (request) =>
    admin.listCommunityMembers(db, request.params.communityId, request.query),
  );
}
