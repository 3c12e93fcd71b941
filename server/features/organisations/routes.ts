import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { communityParams } from '../../../common/communities.ts';
import { errorResponses } from '../../../common/errors.ts';
import { agentInput, agentParams, newOrganisationBody, organisation, organisationList, organisationParams, organisationUpdate } from '../../../common/organisations.ts';
import type { Deps } from '../../lib/deps.ts';
import * as service from './service.ts';

/** Organisation accounts in a community and the people who act for them. */
export function organisationRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisations'];

  r.get('/api/communities/:communityId/organisations', { config: { access: 'member' }, schema: { tags, params: communityParams, response: { 200: organisationList, ...errorResponses } } }, async (request) =>
    service.listOrganisations(db, request.params.communityId),
  );

  r.post('/api/communities/:communityId/organisations', { config: { access: 'coordinator' }, schema: { tags, params: communityParams, body: newOrganisationBody, response: { 201: organisation, ...errorResponses } } }, async (request, reply) => {
    const created = await service.createOrganisation(db, request.params.communityId, request.body);
    reply.code(201);
    return created;
  });

  r.patch('/api/communities/:communityId/organisations/:organisationId', { config: { access: 'coordinator' }, schema: { tags, params: organisationParams, body: organisationUpdate, response: { 200: organisation, ...errorResponses } } }, async (request) =>
    service.updateOrganisation(db, request.params.communityId, request.params.organisationId, request.body),
  );

  r.post('/api/communities/:communityId/organisations/:organisationId/agents', { config: { access: 'coordinator' }, schema: { tags, params: organisationParams, body: agentInput, response: { 201: organisation, ...errorResponses } } }, async (request, reply) => {
    const updated = await service.addAgent(db, request.params.communityId, request.params.organisationId, request.body);
    reply.code(201);
    return updated;
  });

  r.delete('/api/communities/:communityId/organisations/:organisationId/agents/:userId', { config: { access: 'coordinator' }, schema: { tags, params: agentParams, response: { 200: organisation, ...errorResponses } } }, async (request) =>
    service.removeAgent(db, request.params.communityId, request.params.organisationId, request.params.userId),
  );
}
