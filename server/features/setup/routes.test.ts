import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, clientFromResponse, countRows } from '../../../test/factories.ts';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx?.close());

const body = {
  admin: { email: 'admin@example.org', password: 'a long admin password', displayName: 'Ada Admin' },
  community: { name: 'Riverside', slug: 'riverside', description: 'Streets by the river', centreLat: 52.2, centreLng: 0.12, radiusM: 1200 },
};

describe('first-run setup', () => {
  it('creates the administrator and first community, with the admin as its coordinator', async () => {
    expect((await anonymous(ctx).get('/api/setup')).json()).toEqual({ required: true });
    expect((await anonymous(ctx).get('/api/session')).json().setupRequired).toBe(true);
    const res = await anonymous(ctx).post('/api/setup', body);
    expect(res.statusCode).toBe(201);
    const session = res.json();
    expect(session.user).toMatchObject({ displayName: 'Ada Admin', isAdmin: true });
    expect(session.memberships).toEqual([expect.objectContaining({ slug: 'riverside', role: 'coordinator', status: 'active' })]);
    const client = clientFromResponse(ctx, res);
    expect((await client.get('/api/session')).json().activeCommunityId).toBe(session.memberships[0].communityId);
    expect((await anonymous(ctx).get('/api/setup')).json()).toEqual({ required: false });
  });

  it('cannot run twice, even at the same moment', async () => {
    const results = await Promise.all([
      anonymous(ctx).post('/api/setup', body),
      anonymous(ctx).post('/api/setup', { ...body, admin: { ...body.admin, email: 'other@example.org' }, community: { ...body.community, slug: 'other-place' } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().error.code).toBe('setup.done');
    expect(await countRows(ctx, ['users', 'communities', 'memberships'])).toEqual({ users: 1, communities: 1, memberships: 1 });
  });

  it('rejects a bad community and writes nothing', async () => {
    const res = await anonymous(ctx).post('/api/setup', { ...body, community: { ...body.community, slug: 'No Spaces Allowed' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('community.slug');
    expect(await countRows(ctx, ['users', 'communities'])).toEqual({ users: 0, communities: 0 });
  });
});
