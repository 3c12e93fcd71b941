import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../../common/errors.ts';
import {
  communityParams,
  connection,
  connectionParams,
  council,
  dashboard,
  memberSurvey,
  network,
  openSurveyBody,
  recomputeQueued,
  recomputeStatus,
  surveyAnswer,
  surveyParams,
  surveyResults,
} from '../../../common/trust.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { describeConnection } from './connection.ts';
import { coordinatorDashboard, councilView } from './dashboard.ts';
import { getRecomputeStatus, requestRecompute } from './jobs.ts';
import { communityNetwork } from './network.ts';
import * as surveys from './surveys.ts';

/** How members are connected, the coordinators' dashboard and map, the council's view and the trust survey. */
export function trustRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['trust'];
  const base = '/api/communities/:communityId/trust';

  r.get('/api/communities/:communityId/members/:userId/connection', { config: { access: 'member' }, schema: { tags, params: connectionParams, response: { 200: connection, ...errorResponses } } }, async (request) =>
    describeConnection(db, request.params.communityId, requireActor(request).userId, request.params.userId),
  );

  r.get(`${base}/dashboard`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: dashboard, ...errorResponses } } }, async (request) =>
    coordinatorDashboard(db, request.params.communityId),
  );

  r.get(`${base}/network`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: network, ...errorResponses } } }, async (request) =>
    communityNetwork(db, request.params.communityId),
  );

  r.get(`${base}/council`, { config: { access: 'officer' }, schema: { tags, params: communityParams, response: { 200: council, ...errorResponses } } }, async (request) =>
    councilView(db, request.params.communityId),
  );

  r.post(`${base}/recompute`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 202: recomputeQueued, ...errorResponses } } }, async (request, reply) => {
    const queued = await requestRecompute(db, request.params.communityId);
    reply.code(202);
    return { queued };
  });

  r.get(`${base}/recompute`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: recomputeStatus, ...errorResponses } } }, async (request) =>
    getRecomputeStatus(db, request.params.communityId),
  );

  r.get(`${base}/surveys`, { config: { access: 'officer' }, schema: { tags, params: communityParams, response: { 200: z.array(surveyResults), ...errorResponses } } }, async (request) =>
    surveys.listSurveys(db, request.params.communityId),
  );

  r.post(`${base}/surveys`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: openSurveyBody, response: { 201: surveyResults, ...errorResponses } } }, async (request, reply) => {
    const opened = await surveys.openSurvey(db, request.params.communityId, requireActor(request).userId, request.body.title);
    reply.code(201);
    return opened;
  });

  r.post(`${base}/surveys/:surveyId/close`, { config: { access: 'coordinator' }, schema: { tags, params: surveyParams, response: { 200: surveyResults, ...errorResponses } } }, async (request) =>
    surveys.closeSurvey(db, request.params.communityId, request.params.surveyId, requireActor(request).userId),
  );

  r.get(`${base}/survey`, { config: { access: 'member' }, schema: { tags, params: communityParams, response: { 200: memberSurvey, ...errorResponses } } }, async (request) =>
    surveys.surveyForMember(db, request.params.communityId, requireActor(request).userId),
  );

  r.post(`${base}/surveys/:surveyId/responses`, { config: { access: 'member.act' }, schema: { tags, params: surveyParams, body: surveyAnswer, response: { 201: memberSurvey, ...errorResponses } } }, async (request, reply) => {
    const answered = await surveys.answerSurvey(db, request.params.communityId, request.params.surveyId, requireActor(request).userId, request.body);
    reply.code(201);
    return answered;
  });
}
