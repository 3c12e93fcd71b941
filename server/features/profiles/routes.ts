import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../common/errors.ts';
import { memberProfile, memberProfileParams, ownProfile, PHOTO_MAX_BYTES, PHOTO_TYPES, profileUpdate, type PhotoType } from '../../../common/profiles.ts';
import { requireActor, requireMembership } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import * as service from './service.ts';

const sendPhoto = (reply: FastifyReply, photo: { bytes: Buffer; type: PhotoType }) =>
  reply
    .type(photo.type)
    // Photo URLs carry a version, so a browser may keep one a while; "private" keeps shared caches out.
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .send(photo.bytes);

const viewerOf = (request: FastifyRequest) => {
  const membership = requireMembership(request);
  return { userId: requireActor(request).userId, role: membership.role, status: membership.status };
};

/** The own profile and photo, and other members' profiles and photos within a community. */
export async function profileRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['profiles'];

  r.get('/api/profile', { config: { access: 'signed-in' }, schema: { tags, response: { 200: ownProfile, ...errorResponses } } }, async (request) =>
    service.getOwnProfile(db, requireActor(request).userId),
  );

  r.patch('/api/profile', { config: { access: 'signed-in' }, schema: { tags, body: profileUpdate, response: { 200: ownProfile, ...errorResponses } } }, async (request) =>
    service.updateOwnProfile(db, requireActor(request).userId, request.body),
  );

  r.get('/api/profile/photo', { config: { access: 'signed-in' }, schema: { tags, response: errorResponses } }, async (request, reply) =>
    sendPhoto(reply, await service.getOwnPhoto(db, requireActor(request).userId)),
  );

  r.delete('/api/profile/photo', { config: { access: 'signed-in' }, schema: { tags, response: { 200: ownProfile, ...errorResponses } } }, async (request) =>
    service.removePhoto(db, requireActor(request).userId),
  );

  // Raw image bodies are accepted only here: the parsers live in this child scope, so every
  // other route still takes JSON alone.
  await app.register(async (upload) => {
    upload.addContentTypeParser([...PHOTO_TYPES], { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
    upload.addContentTypeParser('*', (_request, _payload, done) =>
      done(new AppError('invalid', 'photo.unsupported_type', 'Please upload a JPEG, PNG or WebP photo.', 'photo'), undefined),
    );
    upload.withTypeProvider<ZodTypeProvider>().put(
      '/api/profile/photo',
      {
        config: { access: 'signed-in' },
        bodyLimit: PHOTO_MAX_BYTES,
        schema: {
          tags,
          summary: 'Upload or replace the own photo',
          description: 'Send the image itself as the request body, with Content-Type image/jpeg, image/png or image/webp, up to 2 MB. Its first bytes must match that type.',
          consumes: [...PHOTO_TYPES],
          response: { 200: ownProfile, ...errorResponses },
        },
      },
      async (request) => service.setPhoto(db, requireActor(request).userId, request.body, String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()),
    );
  });

  r.get('/api/communities/:communityId/members/:userId', { config: { access: 'member' }, schema: { tags, params: memberProfileParams, response: { 200: memberProfile, ...errorResponses } } }, async (request) =>
    service.viewMemberProfile(db, request.params.communityId, viewerOf(request), request.params.userId),
  );

  r.get('/api/communities/:communityId/members/:userId/photo', { config: { access: 'member' }, schema: { tags, params: memberProfileParams, response: errorResponses } }, async (request, reply) =>
    sendPhoto(reply, await service.getMemberPhoto(db, request.params.communityId, viewerOf(request), request.params.userId)),
  );
}
