import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, okSchema } from '../../../common/errors.ts';
import { accountExport, deleteAccountBody } from '../../../common/privacy.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { endSession } from '../../lib/session.ts';
import { deleteAccount } from './erase.ts';
import { exportAccount } from './export.ts';

/** A person's rights over their data: download all of it, and delete their account. */
export function privacyRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];

  // Suspended people keep these rights.
  r.get('/api/account/export', { config: { access: 'signed-in', allowSuspended: true }, schema: { tags, response: { 200: accountExport, ...errorResponses } } }, async (request, reply) => {
    const actor = requireActor(request);
    const data = await exportAccount(db, actor.userId, actor.sessionId);
    reply.header('content-disposition', `attachment; filename="kith-data-${data.exportedAt.slice(0, 10)}.json"`);
    reply.header('cache-control', 'no-store');
    return data;
  });

  r.delete('/api/account', { config: { access: 'signed-in', allowSuspended: true }, schema: { tags, body: deleteAccountBody, response: { 200: okSchema, ...errorResponses } } }, async (request, reply) => {
    const actor = requireActor(request);
    await deleteAccount(db, actor.userId, request.body.currentPassword);
    // The sessions are already gone with the account; this clears the cookie.
    await endSession(db, reply, null);
    return { ok: true as const };
  });
}
