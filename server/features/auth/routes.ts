import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  changeEmailBody,
  changePasswordBody,
  confirmEmailBody,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  sessionSchema,
  signInBody,
  signUpBody,
  switchCommunityBody,
} from '../../../common/auth.ts';
import { errorResponses, okSchema } from '../../../common/errors.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { endSession, startSession } from '../../lib/session.ts';
import * as auth from './service.ts';

/** Sign up, sign in and out, the session, password reset and email change. */
export function authRoutes(app: FastifyInstance, { db, config, mailer }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = { secure: config.secureCookies, days: config.sessionDays };
  const tags = ['auth'];

  r.get('/api/session', { config: { access: 'public' }, schema: { tags, response: { 200: sessionSchema } } }, async (request) =>
    auth.describeSession(db, request.actor),
  );

  r.post('/api/auth/sign-up', { config: { access: 'public' }, schema: { tags, body: signUpBody, response: { 201: sessionSchema, ...errorResponses } } }, async (request, reply) => {
    const user = await auth.signUp(db, request.body);
    const actor = await startSession(db, reply, request, user.id, cookie);
    reply.code(201);
    return auth.describeSession(db, actor);
  });

  r.post('/api/auth/sign-in', { config: { access: 'public' }, schema: { tags, body: signInBody, response: { 200: sessionSchema, ...errorResponses } } }, async (request, reply) => {
    const user = await auth.signIn(db, config, request.body, request.ip);
    return auth.describeSession(db, await startSession(db, reply, request, user.id, cookie));
  });

  r.post('/api/auth/sign-out', { config: { access: 'signed-in', allowSuspended: true }, schema: { tags, response: { 200: okSchema } } }, async (request, reply) => {
    await endSession(db, reply, request.actor);
    return { ok: true as const };
  });

  r.put('/api/session/community', { config: { access: 'signed-in' }, schema: { tags, body: switchCommunityBody, response: { 200: sessionSchema, ...errorResponses } } }, async (request) => {
    const actor = requireActor(request);
    await auth.switchCommunity(db, actor, request.body.communityId);
    return auth.describeSession(db, { ...actor, activeCommunityId: request.body.communityId });
  });

  r.post('/api/auth/password-reset', { config: { access: 'public' }, schema: { tags, body: passwordResetRequestBody, response: { 202: okSchema, ...errorResponses } } }, async (request, reply) => {
    await auth.requestPasswordReset(db, mailer, config, request.body.email);
    reply.code(202);
    return { ok: true as const };
  });

  r.post('/api/auth/password-reset/confirm', { config: { access: 'public' }, schema: { tags, body: passwordResetConfirmBody, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await auth.resetPassword(db, request.body.token, request.body.password);
    return { ok: true as const };
  });

  r.put('/api/account/password', { config: { access: 'signed-in', allowSuspended: true }, schema: { tags, body: changePasswordBody, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await auth.changePassword(db, requireActor(request), request.body.currentPassword, request.body.newPassword);
    return { ok: true as const };
  });

  r.post('/api/account/email', { config: { access: 'signed-in' }, schema: { tags, body: changeEmailBody, response: { 202: okSchema, ...errorResponses } } }, async (request, reply) => {
    await auth.requestEmailChange(db, mailer, config, requireActor(request), request.body.currentPassword, request.body.newEmail);
    reply.code(202);
    return { ok: true as const };
  });

  r.post('/api/account/email/confirm', { config: { access: 'public' }, schema: { tags, body: confirmEmailBody, response: { 200: okSchema, ...errorResponses } } }, async (request) => {
    await auth.confirmEmailChange(db, request.body.token);
    return { ok: true as const };
  });
}
