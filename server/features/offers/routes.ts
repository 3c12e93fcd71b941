import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses, okSchema } from '../../../common/errors.ts';
import {
  listing,
  listingInput,
  listingMatches,
  listingPage,
  listingParams,
  listingsQuery,
  listingStatusBody,
  listingUpdate,
  markReadBody,
  notificationList,
  notificationPreferences,
  notificationPreferencesUpdate,
  notificationsQuery,
} from '../../../common/offers.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { timebankActor } from '../ledger/actor.ts';
import { notifyNewRequest, suggestionsFor } from './matching.ts';
import { listNotifications, markRead } from './notifications.ts';
import { getNotificationPreferences, updateNotificationPreferences } from './preferences.ts';
import * as offers from './service.ts';

/** Offers and requests: posting, browsing and searching, matching, and members' notifications. */
export function offerRoutes(app: FastifyInstance, { db, mailer, config, log }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['offers'];
  const base = '/api/communities/:communityId';
  const viewer = async (request: Parameters<typeof timebankActor>[0], communityId: string) => {
    const actor = timebankActor(request);
    return offers.listingViewer(db, communityId, actor.userId, actor.coordinator);
  };

  r.get(`${base}/listings`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: listingsQuery, response: { 200: listingPage, ...errorResponses } } }, async (request) =>
    offers.searchListings(db, request.params.communityId, await viewer(request, request.params.communityId), request.query),
  );

  r.post(`${base}/listings`, { config: { access: 'member.act' }, schema: { tags, params: communityParams, body: listingInput, response: { 201: listing, ...errorResponses } } }, async (request, reply) => {
    const { communityId } = request.params;
    const created = await offers.createListing(db, communityId, await viewer(request, communityId), request.body);
    if (created.kind === 'request') {
      // The request is posted whatever happens to the notifications; a failure is logged.
      await notifyNewRequest(db, mailer, config.publicUrl, communityId, created.id).catch((error: Error) => log.error({ err: error, listingId: created.id }, 'matching notifications failed'));
    }
    reply.code(201);
    return created;
  });

  r.get(`${base}/listings/:listingId`, { config: { access: 'member' }, schema: { tags, params: listingParams, response: { 200: listing, ...errorResponses } } }, async (request) =>
    offers.getListing(db, request.params.communityId, await viewer(request, request.params.communityId), request.params.listingId),
  );

  r.patch(`${base}/listings/:listingId`, { config: { access: 'member.act' }, schema: { tags, params: listingParams, body: listingUpdate, response: { 200: listing, ...errorResponses } } }, async (request) =>
    offers.updateListing(db, request.params.communityId, await viewer(request, request.params.communityId), request.params.listingId, request.body),
  );

  r.put(`${base}/listings/:listingId/status`, { config: { access: 'member.act' }, schema: { tags, params: listingParams, body: listingStatusBody, response: { 200: listing, ...errorResponses } } }, async (request) =>
    offers.setListingStatus(db, request.params.communityId, await viewer(request, request.params.communityId), request.params.listingId, request.body.status),
  );

  r.get(`${base}/listings/:listingId/matches`, { config: { access: 'member' }, schema: { tags, params: listingParams, response: { 200: listingMatches, ...errorResponses } } }, async (request) =>
    suggestionsFor(db, request.params.communityId, await viewer(request, request.params.communityId), request.params.listingId),
  );

  r.get(`${base}/notifications`, { config: { access: 'member' }, schema: { tags, params: communityParams, querystring: notificationsQuery, response: { 200: notificationList, ...errorResponses } } }, async (request) =>
    listNotifications(db, request.params.communityId, timebankActor(request).userId, request.query),
  );

  r.post(`${base}/notifications/read`, { config: { access: 'member' }, schema: { tags, params: communityParams, body: markReadBody, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await markRead(db, request.params.communityId, timebankActor(request).userId, request.body.ids);
    return { ok: true as const };
  });

  // A person's own choices, whatever community they are in; a suspended account may still turn emails off.
  r.get('/api/notification-preferences', { config: { access: 'signed-in' }, schema: { tags: ['notifications'], response: { 200: notificationPreferences, ...errorResponses } } }, async (request) =>
    getNotificationPreferences(db, requireActor(request).userId),
  );

  r.put('/api/notification-preferences', { config: { access: 'signed-in', allowSuspended: true }, schema: { tags: ['notifications'], body: notificationPreferencesUpdate, response: { 200: notificationPreferences, ...errorResponses } } }, async (request) =>
    updateNotificationPreferences(db, requireActor(request).userId, request.body),
  );
}
