import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, errorSchema } from '../../../common/errors.ts';
import { newSkillBody, skill, skillChangeBody, skillList, skillParams } from '../../../common/skills.ts';
import { requireActor } from '../../lib/access.ts';
import type { Deps } from '../../lib/deps.ts';
import * as service from './service.ts';

/** The shared skill list: anyone may read it, anyone signed in may add to it, administrators correct it. */
export function skillRoutes(app: FastifyInstance, { db }: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['skills'];

  r.get('/api/skills', { config: { access: 'public' }, schema: { tags, response: { 200: skillList } } }, async () => service.listSkills(db));

  r.post('/api/skills', { config: { access: 'signed-in' }, schema: { tags, body: newSkillBody, response: { 201: skill, ...errorResponses, 429: errorSchema } } }, async (request, reply) => {
    const created = await service.addSkill(db, requireActor(request).userId, request.body);
    reply.code(201);
    return created;
  });

  r.patch('/api/skills/:skillId', { config: { access: 'admin' }, schema: { tags, params: skillParams, body: skillChangeBody, response: { 200: skill, ...errorResponses } } }, async (request) =>
    service.changeSkill(db, request.params.skillId, request.body),
  );
}
