import type { FastifyRequest } from 'fastify';
import { requireActor } from '../../lib/access.ts';

/**
 * Who is acting in the time bank: the signed-in person and whether they are an active
 * coordinator of the route's community (the access hook has already loaded the membership).
 * Shared by the offers, exchanges and ledger routes.
 */
export function timebankActor(request: FastifyRequest): { userId: string; coordinator: boolean } {
  const membership = request.membership;
  return { userId: requireActor(request).userId, coordinator: membership?.role === 'coordinator' && membership.status === 'active' };
}
