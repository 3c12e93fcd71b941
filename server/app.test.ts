import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/context.ts';
import { anonymous } from '../test/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('the app', () => {
  it('answers health and readiness', async () => {
    expect((await ctx.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await ctx.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when a migration is missing', async () => {
    await ctx.database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations_backup AS SELECT * FROM schema_migrations; DELETE FROM schema_migrations WHERE name = (SELECT max(name) FROM schema_migrations)`);
    const res = await ctx.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().status).toBe('migrations pending');
    await ctx.database.exec(`DELETE FROM schema_migrations; INSERT INTO schema_migrations SELECT * FROM schema_migrations_backup; DROP TABLE schema_migrations_backup`);
    expect((await ctx.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('serves an OpenAPI document built from the route schemas', async () => {
    const res = await anonymous(ctx).get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/auth/sign-up'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
  });

  it('gives every response a request id and unknown API addresses a JSON 404', async () => {
    const res = await anonymous(ctx).get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route.not_found');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a body that is not JSON with a clear error', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/xml' }, payload: '<hello/>' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('request.unsupported_type');
    const broken = await ctx.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('request.invalid');
  });
});
