import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeUser, signInAs, type TestCommunity } from '../../../test/factories.ts';
import { blockedEitherWay, blockedIds } from './blocks.ts';

let ctx: TestContext;
let home: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

describe('blocking', () => {
  it('blocks a person, lists the block, and answers 200 with the same block when repeated', async () => {
    const me = await makeMember(ctx, home);
    const them = await makeMember(ctx, home, { displayName: 'Noisy Neighbour' });
    const client = await signInAs(ctx, me);

    const first = await client.post('/api/blocks', { userId: them.id });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ userId: them.id, displayName: 'Noisy Neighbour' });

    const before = await countRows(ctx, ['blocks']);
    const again = await client.post('/api/blocks', { userId: them.id });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await countRows(ctx, ['blocks'])).toEqual(before);

    const list = await client.get('/api/blocks');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([first.json()]);
    expect(await blockedEitherWay(ctx.db, them.id, me.id)).toBe(true);
    expect(await blockedIds(ctx.db, them.id)).toEqual(new Set([me.id]));
  });

  it('blocks people in other communities too: blocks are between people', async () => {
    const elsewhere = await makeCommunity(ctx);
    const me = await makeMember(ctx, home);
    const stranger = await makeMember(ctx, elsewhere);
    const res = await (await signInAs(ctx, me)).post('/api/blocks', { userId: stranger.id });
    expect(res.statusCode).toBe(201);
  });

  it('unblocks, and answers 404 when there is no such block', async () => {
    const me = await makeUser(ctx);
    const them = await makeUser(ctx);
    const client = await signInAs(ctx, me);
    await client.post('/api/blocks', { userId: them.id });
    expect((await client.delete(`/api/blocks/${them.id}`)).statusCode).toBe(200);
    expect((await client.get('/api/blocks')).json()).toEqual([]);
    expect(await blockedEitherWay(ctx.db, me.id, them.id)).toBe(false);
    const missing = await client.delete(`/api/blocks/${them.id}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('block.not_found');
  });

  it('does not let one person lift another person’s block', async () => {
    const me = await makeUser(ctx);
    const them = await makeUser(ctx);
    const meddler = await makeUser(ctx);
    await (await signInAs(ctx, me)).post('/api/blocks', { userId: them.id });
    const before = await countRows(ctx, ['blocks']);
    expect((await (await signInAs(ctx, meddler)).delete(`/api/blocks/${them.id}`)).statusCode).toBe(404);
    expect(await countRows(ctx, ['blocks'])).toEqual(before);
    expect(await blockedEitherWay(ctx.db, me.id, them.id)).toBe(true);
  });

  it('refuses to block yourself (400) or an unknown person (404), changing nothing', async () => {
    const me = await makeUser(ctx);
    const client = await signInAs(ctx, me);
    const before = await countRows(ctx, ['blocks']);
    const self = await client.post('/api/blocks', { userId: me.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'block.self', field: 'userId' });
    const unknown = await client.post('/api/blocks', { userId: randomUUID() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('person.not_found');
    const malformed = await client.post('/api/blocks', { userId: 'someone' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.field).toBe('userId');
    expect(await countRows(ctx, ['blocks'])).toEqual(before);
  });

  it('needs a signed-in person (401) and a CSRF token for writes', async () => {
    const them = await makeUser(ctx);
    expect((await anonymous(ctx).get('/api/blocks')).statusCode).toBe(401);
    expect((await anonymous(ctx).post('/api/blocks', { userId: them.id })).statusCode).toBe(401);
    const client = await signInAs(ctx, await makeUser(ctx));
    const forged = await client.request('POST', '/api/blocks', { userId: them.id }, { 'x-csrf-token': 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('auth.csrf');
  });

  it('does not let a suspended account block anyone, but lets it read its blocks', async () => {
    const me = await makeUser(ctx, { suspended: true });
    const them = await makeUser(ctx);
    const client = await signInAs(ctx, me);
    const res = await client.post('/api/blocks', { userId: them.id });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('account.suspended');
    expect((await client.get('/api/blocks')).statusCode).toBe(200);
  });
});
