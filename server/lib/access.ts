// Authorisation lives here and only here. Every /api route declares one `access` rule in its
// config; a route without one fails at start-up, and test/access-matrix.test.ts walks every
// route × role from the table this module keeps.
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { communities, memberships, type Role } from '../db/schema.ts';
import { AppError } from './errors.ts';
import { resolveActor, SESSION_COOKIE, type Actor } from './session.ts';

/**
 * - `public`: anyone, signed in or not.
 * - `signed-in`: any signed-in person.
 * - `admin`: the instance's administrators.
 * - `member`: an active or suspended member of the route's `:communityId` (reading).
 * - `member.act`: an active member (a suspended member cannot act).
 * - `officer`: an active council officer or coordinator of the community.
 * - `coordinator`: an active coordinator of the community.
 */
export const ACCESS_RULES = ['public', 'signed-in', 'admin', 'member', 'member.act', 'officer', 'coordinator'] as const;
export type Access = (typeof ACCESS_RULES)[number];

/** The requester's standing in the community named by the route, when it names one. */
export type MembershipContext = { communityId: string; role: Role; status: 'active' | 'suspended' | 'left' };

export type RouteAccess = { method: string; url: string; access: Access; allowSuspended: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Lets a suspended account use the route (sign out, export or delete their data). */
    allowSuspended?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    membership: MembershipContext | null;
  }
}

const COMMUNITY_RULES = new Set<Access>(['member', 'member.act', 'officer', 'coordinator']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor, or a 401 for routes that need one. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'auth.required', 'Please sign in to do that.');
  return request.actor;
}

/** The membership the access hook resolved, for community routes. */
export function requireMembership(request: FastifyRequest): MembershipContext {
  if (!request.membership) throw new AppError('forbidden', 'community.not_member', 'You need to be a member of this community to do that.');
  return request.membership;
}

/**
 * The decision itself, pure so that it can be tested on its own: returns the error to send,
 * or null when the request may go on.
 */
export function decide(rule: Access, input: { actor: Actor | null; membership: MembershipContext | null; method: string; allowSuspended: boolean }): AppError | null {
  const { actor, membership, method } = input;
  if (rule === 'public') return null;
  if (!actor) return new AppError('unauthenticated', 'auth.required', 'Please sign in to do that.');
  const writing = !READ_METHODS.has(method);
  if (actor.suspended && writing && !input.allowSuspended) {
    return new AppError('forbidden', 'account.suspended', 'Your account is suspended, so you cannot make changes. Please contact a coordinator.');
  }
  if (rule === 'signed-in') return null;
  if (rule === 'admin') return actor.isAdmin ? null : new AppError('forbidden', 'auth.admin_only', 'Only an administrator of this Kith can do that.');
  if (!membership || membership.status === 'left') {
    return new AppError('forbidden', 'community.not_member', 'You need to be a member of this community to do that.');
  }
  if (membership.status === 'suspended' && (rule !== 'member' || writing) && !input.allowSuspended) {
    return new AppError('forbidden', 'membership.suspended', 'Your membership of this community is suspended, so you cannot do that. Please contact a coordinator.');
  }
  if (rule === 'coordinator' && membership.role !== 'coordinator') {
    return new AppError('forbidden', 'community.coordinator_only', 'Only a coordinator of this community can do that.');
  }
  if (rule === 'officer' && membership.role !== 'officer' && membership.role !== 'coordinator') {
    return new AppError('forbidden', 'community.officer_only', 'Only a council officer or coordinator of this community can do that.');
  }
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadMembership(db: Db, userId: string, communityId: string): Promise<MembershipContext | null> {
  const [row] = await db
    .select({ role: memberships.role, status: memberships.status })
    .from(memberships)
    .where(and(eq(memberships.communityId, communityId), eq(memberships.userId, userId)));
  return row ? { communityId, role: row.role, status: row.status } : null;
}

/**
 * Registers the hooks: every /api route must declare `config.access`; each request resolves
 * its actor from the session cookie, checks CSRF on cookie-authenticated writes, resolves the
 * community membership and applies the rule before the handler runs.
 */
export function registerAccess(app: FastifyInstance, db: Db): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('actor', null);
  app.decorateRequest('membership', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access || !ACCESS_RULES.includes(access)) {
      throw new Error(`Route ${route.method} ${route.url} has no access rule: add config.access (see server/lib/access.ts).`);
    }
    if (COMMUNITY_RULES.has(access) && !route.url.includes(':communityId')) {
      throw new Error(`Route ${route.method} ${route.url} uses a community rule but has no :communityId.`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      table.push({ method, url: route.url, access, allowSuspended: route.config?.allowSuspended === true });
    }
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    request.actor = await resolveActor(db, request.cookies[SESSION_COOKIE]);
    if (request.actor && !READ_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.actor.csrfToken) {
      throw new AppError('forbidden', 'auth.csrf', 'This page is out of date. Please reload it and try again.');
    }
    const communityId = (request.params as Record<string, string> | undefined)?.communityId;
    if (COMMUNITY_RULES.has(access) && communityId !== undefined) {
      if (!UUID.test(communityId)) throw new AppError('invalid', 'request.invalid', 'That community id is not valid.', 'communityId');
      const [community] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, communityId));
      if (!community) throw new AppError('not_found', 'community.not_found', 'We could not find that community.');
      if (request.actor) request.membership = await loadMembership(db, request.actor.userId, communityId);
    }
    const denied = decide(access, {
      actor: request.actor,
      membership: request.membership,
      method: request.method,
      allowSuspended: request.routeOptions.config?.allowSuspended === true,
    });
    if (denied) throw denied;
  });

  return table;
}
