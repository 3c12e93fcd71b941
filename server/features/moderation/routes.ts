import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { paged } from '../../../common/admin.ts';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses, okSchema } from '../../../common/errors.ts';
import {
  block,
  blockBody,
  blockParams,
  createdReport,
  memberParams,
  memberStanding,
  reinstateMemberBody,
  report,
  reportBody,
  reportListQuery,
  reportParams,
  resolveReportBody,
  suspendMemberBody,
} from '../../../common/moderation.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { blockPerson, listBlocks, unblockPerson } from './blocks.ts';
import { fileReport, getReport, listReports, resolveReport } from './reports.ts';
import { reinstateMember, suspendMember } from './suspensions.ts';

/** Blocking people, reporting profiles and content, and coordinators' moderation. */
export function moderationRoutes(app: FastifyInstance, { db, config, mailer }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['moderation'];

  r.get('/api/blocks', { config: { access: 'signed-in' }, schema: { tags, response: { 200: z.array(block), ...errorResponses } } }, async (request) =>
    listBlocks(db, requireActor(request).userId),
  );

  // Idempotent: 201 when the block is new, 200 with the same body when it already existed.
  r.post('/api/blocks', { config: { access: 'signed-in' }, schema: { tags, body: blockBody, response: { 200: block, 201: block, ...errorResponses } } }, async (request, reply) => {
    const { block: created, created: isNew } = await blockPerson(db, requireActor(request).userId, request.body.userId);
    reply.code(isNew ? 201 : 200);
    return created;
  });

  r.delete('/api/blocks/:userId', { config: { access: 'signed-in' }, schema: { tags, params: blockParams, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await unblockPerson(db, requireActor(request).userId, request.params.userId);
    return { ok: true as const };
  });

  r.post('/api/communities/:communityId/reports', { config: { access: 'member.act' }, schema: { tags, params: communityParams, body: reportBody, response: { 201: createdReport, ...errorResponses } } }, async (request, reply) => {
    const created = await fileReport(db, mailer, config.publicUrl, request.params.communityId, requireActor(request).userId, request.body);
    reply.code(201);
    return created;
  });

  r.get('/api/communities/:communityId/reports', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, querystring: reportListQuery, response: { 200: paged(report), ...errorResponses } } }, async (request) =>
    listReports(db, request.params.communityId, requireActor(request).userId, request.query),
  );

  r.get('/api/communities/:communityId/reports/:reportId', { config: { access: 'coordinator' }, schema: { tags, params: reportParams, response: { 200: report, ...errorResponses } } }, async (request) =>
    getReport(db, request.params.communityId, request.params.reportId, requireActor(request).userId),
  );

  r.post('/api/communities/:communityId/reports/:reportId/resolution', { config: { access: 'coordinator' }, schema: { tags, params: reportParams, body: resolveReportBody, response: { 200: report, ...errorResponses } } }, async (request) =>
    resolveReport(db, request.params.communityId, request.params.reportId, requireActor(request).userId, request.body),
  );

  r.post('/api/communities/:communityId/members/:userId/suspension', { config: { access: 'coordinator' }, schema: { tags, params: memberParams, body: suspendMemberBody, response: { 200: memberStanding, ...errorResponses } } }, async (request) =>
    suspendMember(db, request.params.communityId, requireActor(request).userId, request.params.userId, request.body.reason),
  );

  r.post('/api/communities/:communityId/members/:userId/reinstatement', { config: { access: 'coordinator' }, schema: { tags, params: memberParams, body: reinstateMemberBody, response: { 200: memberStanding, ...errorResponses } } }, async (request) =>
    reinstateMember(db, request.params.communityId, requireActor(request).userId, request.params.userId, request.body.reason),
  );
}
