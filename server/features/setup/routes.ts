import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionSchema } from '../../../common/auth.ts';
import { errorResponses } from '../../../common/errors.ts';
import { setupBody, setupStatus } from '../../../common/setup.ts';
import type { Deps } from '../../lib/deps.ts';
import { startSession } from '../../lib/session.ts';
import { describeSession } from '../auth/service.ts';
import { completeSetup, setupRequired } from './service.ts';

/** The first-run page's API: is setup needed, and do it. */
export function setupRoutes(app: FastifyInstance, { db, config }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['setup'];

  r.get('/api/setup', { config: { access: 'public' }, schema: { tags, response: { 200: setupStatus } } }, async () => ({ required: await setupRequired(db) }));

  r.post('/api/setup', { config: { access: 'public' }, schema: { tags, body: setupBody, response: { 201: sessionSchema, ...errorResponses } } }, async (request, reply) => {
    const { adminId } = await completeSetup(db, request.body);
    const actor = await startSession(db, reply, request, adminId, { secure: config.secureCookies, days: config.sessionDays });
    reply.code(201);
    return describeSession(db, actor);
  });
}
