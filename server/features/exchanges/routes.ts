import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses } from '../../../common/errors.ts';
import {
  adjustBody,
  approvalBody,
  disputeBody,
  exchange,
  exchangeCounts,
  exchangeCountsQuery,
  exchangeDetail,
  exchangeParams,
  exchangeQueue,
  exchangesQuery,
  memberReferences,
  memberReferencesParams,
  proposeExchangeBody,
  proxyExchangeBody,
  reasonBody,
  recordBody,
  reference,
  referenceBody,
  resolutionBody,
} from '../../../common/exchanges.ts';
import type { Deps } from '../../lib/deps.ts';
import { timebankActor } from '../ledger/actor.ts';
import { getSettings } from '../ledger/settings.ts';
import { countExchanges } from './counts.ts';
import { recordByProxy } from './proxy.ts';
import { exchangeQueue as buildQueue, listExchanges } from './queries.ts';
import { addReference, memberReferences as loadMemberReferences } from './references.ts';
import * as exchanges from './service.ts';

/** Exchanges between members: the lifecycle, coordinator approvals, disputes, proxy recording and references. */
export function exchangeRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['exchanges'];
  const base = '/api/communities/:communityId';
  const one = { 200: exchangeDetail, ...errorResponses };

  r.get(`${base}/exchanges`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: exchangesQuery, response: { 200: z.array(exchange), ...errorResponses } } }, async (request) => {
    const { communityId } = request.params;
    const [viewer, settings] = await Promise.all([exchanges.viewerOf(db, communityId, timebankActor(request)), getSettings(db, communityId)]);
    return listExchanges(db, communityId, viewer, settings, request.query);
  });

  r.get(`${base}/exchanges/counts`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: exchangeCountsQuery, response: { 200: exchangeCounts, ...errorResponses } } }, async (request) => {
    const { communityId } = request.params;
    return countExchanges(db, communityId, await exchanges.viewerOf(db, communityId, timebankActor(request)), request.query);
  });

  r.post(`${base}/exchanges`, { config: { access: 'member.act' }, schema: { tags, params: communityParams, body: proposeExchangeBody, response: { 201: exchangeDetail, ...errorResponses } } }, async (request, reply) => {
    const actor = timebankActor(request);
    const id = await exchanges.proposeExchange(db, request.params.communityId, actor, request.body);
    reply.code(201);
    return exchanges.getExchange(db, request.params.communityId, actor, id);
  });

  r.post(`${base}/exchanges/proxy`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: proxyExchangeBody, response: { 201: exchangeDetail, ...errorResponses } } }, async (request, reply) => {
    const created = await recordByProxy(db, request.params.communityId, timebankActor(request), request.body);
    reply.code(201);
    return created;
  });

  r.get(`${base}/exchange-queue`, { config: { access: 'coordinator' }, schema: { tags, params: communityParams, response: { 200: exchangeQueue, ...errorResponses } } }, async (request) => {
    const { communityId } = request.params;
    const [viewer, settings] = await Promise.all([exchanges.viewerOf(db, communityId, timebankActor(request)), getSettings(db, communityId)]);
    return buildQueue(db, communityId, viewer, settings);
  });

  r.get(`${base}/exchanges/:exchangeId`, { config: { access: 'member' }, schema: { tags, params: exchangeParams, response: one } }, async (request) =>
    exchanges.getExchange(db, request.params.communityId, timebankActor(request), request.params.exchangeId),
  );

  const act = { config: { access: 'member.act' as const }, schema: { tags, params: exchangeParams, response: one } };
  r.post(`${base}/exchanges/:exchangeId/accept`, act, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.acceptExchange(db, communityId, actor, exchangeId);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/decline`, { ...act, schema: { ...act.schema, body: reasonBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.declineExchange(db, communityId, actor, exchangeId, request.body.reason);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/cancel`, { ...act, schema: { ...act.schema, body: reasonBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.cancelExchange(db, communityId, actor, exchangeId, request.body.reason);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/record`, { ...act, schema: { ...act.schema, body: recordBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.recordTime(db, communityId, actor, exchangeId, request.body.minutes, request.body.note);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/confirm`, act, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.confirmExchange(db, communityId, actor, exchangeId);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/adjust`, { ...act, schema: { ...act.schema, body: adjustBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.adjustTime(db, communityId, actor, exchangeId, request.body.minutes, request.body.note);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/accept-adjustment`, act, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.acceptAdjustment(db, communityId, actor, exchangeId);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/dispute`, { ...act, schema: { ...act.schema, body: disputeBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.disputeExchange(db, communityId, actor, exchangeId, request.body.reason);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });

  const coordinate = { config: { access: 'coordinator' as const }, schema: { tags, params: exchangeParams, response: one } };
  r.post(`${base}/exchanges/:exchangeId/approval`, { ...coordinate, schema: { ...coordinate.schema, body: approvalBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.decideApproval(db, communityId, actor, exchangeId, request.body.decision, request.body.note);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });
  r.post(`${base}/exchanges/:exchangeId/resolution`, { ...coordinate, schema: { ...coordinate.schema, body: resolutionBody } }, async (request) => {
    const { communityId, exchangeId } = request.params;
    const actor = timebankActor(request);
    await exchanges.resolveDispute(db, communityId, actor, exchangeId, request.body);
    return exchanges.getExchange(db, communityId, actor, exchangeId);
  });

  r.post(`${base}/exchanges/:exchangeId/references`, { config: { access: 'member.act' }, schema: { tags, params: exchangeParams, body: referenceBody, response: { 201: reference, ...errorResponses } } }, async (request, reply) => {
    const created = await addReference(db, request.params.communityId, timebankActor(request), request.params.exchangeId, request.body);
    reply.code(201);
    return created;
  });

  r.get(`${base}/members/:userId/references`, { config: { access: 'member' }, schema: { tags, params: memberReferencesParams, response: { 200: memberReferences, ...errorResponses } } }, async (request) =>
    loadMemberReferences(db, request.params.communityId, timebankActor(request), request.params.userId),
  );
}
