import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { migrationsApplied } from './db/migrate.ts';
import { registerAccess, type RouteAccess } from './lib/access.ts';
import type { Deps } from './lib/deps.ts';
import { AppError } from './lib/errors.ts';
import { createMailer, type Mailer } from './lib/mailer.ts';
import { FEATURES } from './features/index.ts';

export type BuildOptions = { config: Config; database: Database; mailer?: Mailer; logger?: Logger };

/** The app and the route table the access module built (for the authorisation matrix test). */
export type KithApp = FastifyInstance & { routeAccess: RouteAccess[]; deps: Deps };

/** Builds the Kith HTTP app on a database, without opening a port. */
export async function buildApp(options: BuildOptions): Promise<KithApp> {
  const { config, database } = options;
  const log = options.logger ?? pino({ level: config.logLevel, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] });
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    trustProxy: config.production,
    bodyLimit: 3 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message, field: error.field } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const field = path || (issue.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.') || error.validationContext || 'body';
      return reply.code(400).send({
        error: { code: 'request.invalid', message: `Please check ${field}: ${issue.message}`, field },
      });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ error: { code: 'request.too_large', message: 'That upload is too large.' } });
    if (status === 415) return reply.code(415).send({ error: { code: 'request.unsupported_type', message: 'Please send JSON.' } });
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: { code: 'request.invalid', message: 'That request could not be read. Please check it and try again.' } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'server.error', message: 'Something went wrong on our side. Please try again; if it keeps happening, tell a coordinator.' } });
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kith API', description: 'Neighbourhood trust, co-production and local voice.', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kith_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const mailer = options.mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log });
  const deps: Deps = { config, database, db: database.db, mailer, log };
  const routeAccess = registerAccess(app, database.db);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await database.query('SELECT 1');
      if (!(await migrationsApplied(database))) return reply.code(503).send({ status: 'migrations pending' });
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  await app.register(async (api) => {
    for (const feature of FEATURES) await feature(api, deps);
  });

  app.all('/api/*', { schema: { hide: true }, config: { access: 'public' } }, async () => {
    throw new AppError('not_found', 'route.not_found', 'There is no such address in the Kith API.');
  });

  const index = join(config.webDist, 'index.html');
  if (existsSync(index)) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
    // The web app routes in the browser: any other GET gets index.html.
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api/')) {
        return reply.code(404).send({ error: { code: 'route.not_found', message: 'Not found.' } });
      }
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  return Object.assign(app, { routeAccess, deps }) as KithApp;
}
