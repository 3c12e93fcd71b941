import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeUser, signInAs, unique, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
let adminUser: TestUser;
let admin: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Admin Test Streets' });
  adminUser = await makeUser(ctx, { isAdmin: true, displayName: 'Ada Admin' });
  admin = await signInAs(ctx, adminUser);
});
afterAll(() => ctx?.close());

describe('the outbox', () => {
  it('lists mail newest first, a page at a time, and shows one mail so a reset link can be followed', async () => {
    const person = await makeUser(ctx);
    for (let i = 0; i < 3; i++) await anonymous(ctx).post('/api/auth/password-reset', { email: person.email });
    const page1 = (await admin.get(`/api/admin/outbox?to=${encodeURIComponent(person.email.toUpperCase())}&pageSize=2`)).json();
    expect(page1).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).not.toHaveProperty('body');
    const page2 = (await admin.get(`/api/admin/outbox?to=${encodeURIComponent(person.email)}&pageSize=2&page=2`)).json();
    expect(page2.items).toHaveLength(1);
    const all = [...page1.items, ...page2.items];
    expect(all.map((m: { createdAt: string }) => m.createdAt)).toEqual([...all.map((m: { createdAt: string }) => m.createdAt)].sort().reverse());

    const mail = await admin.get(`/api/admin/outbox/${all[0].id}`);
    expect(mail.statusCode).toBe(200);
    expect(mail.json()).toMatchObject({ toAddress: person.email, subject: 'Reset your Kith password', transport: 'outbox' });
    expect(mail.json().body).toMatch(/reset-password\?token=/);
    expect((await admin.get(`/api/admin/outbox/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('is for administrators only', async () => {
    const member = await signInAs(ctx, await makeMember(ctx, home, { role: 'coordinator' }));
    const res = await member.get('/api/admin/outbox');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.admin_only');
    expect((await anonymous(ctx).get('/api/admin/outbox')).statusCode).toBe(401);
    const bad = await admin.get('/api/admin/outbox?pageSize=1000');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('pageSize');
  });
});

describe('accounts', () => {
  it('searches accounts by name or email, leaving out deleted ones', async () => {
    const tag = unique();
    const byName = await makeUser(ctx, { displayName: `Zebedee ${tag}` });
    const byEmail = await makeUser(ctx, { email: `zeb-${tag}@example.org` });
    const found = (await admin.get(`/api/admin/users?q=${tag}`)).json();
    expect(found.items.map((u: { id: string }) => u.id).sort()).toEqual([byName.id, byEmail.id].sort());
    expect(found.items[0]).toMatchObject({ isAdmin: false, suspendedAt: null, suspensionReason: null, kind: 'person' });
    await ctx.database.query(`UPDATE users SET deleted_at = now(), email = NULL, password_hash = NULL WHERE id = $1`, [byName.id]);
    expect((await admin.get(`/api/admin/users?q=${tag}`)).json().total).toBe(1);
    // A wildcard in the search is taken literally.
    expect((await admin.get(`/api/admin/users?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
  });

  it('suspends and reinstates an account with a reason; the person can read but not write meanwhile', async () => {
    const person = await makeMember(ctx, home);
    const client = await signInAs(ctx, person);
    const res = await admin.post(`/api/admin/users/${person.id}/suspension`, { reason: 'Spam across several communities' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: person.id, suspensionReason: 'Spam across several communities' });
    expect(res.json().suspendedAt).toEqual(expect.any(String));
    expect((await admin.get('/api/admin/users?filter=suspended')).json().items.map((u: { id: string }) => u.id)).toContain(person.id);

    expect((await client.get('/api/blocks')).statusCode).toBe(200);
    const write = await client.post('/api/blocks', { userId: adminUser.id });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('account.suspended');
    expect((await client.get('/api/account/export')).statusCode).toBe(200);

    const twice = await admin.post(`/api/admin/users/${person.id}/suspension`, { reason: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('account.already_suspended');

    const back = await admin.post(`/api/admin/users/${person.id}/reinstatement`, { reason: 'Appeal accepted' });
    expect(back.json()).toMatchObject({ suspendedAt: null, suspensionReason: null });
    expect((await client.post('/api/blocks', { userId: adminUser.id })).statusCode).toBe(201);
    expect((await admin.post(`/api/admin/users/${person.id}/reinstatement`, {})).json().error.code).toBe('account.not_suspended');
    const actions = await ctx.database.query<{ action: string; community_id: string | null }>('SELECT action, community_id FROM moderation_actions WHERE subject_id = $1 ORDER BY created_at', [person.id]);
    expect(actions).toEqual([
      { action: 'suspend_account', community_id: null },
      { action: 'reinstate_account', community_id: null },
    ]);
  });

  it('refuses to suspend yourself, an unknown account, or without a reason, changing nothing', async () => {
    const before = await countRows(ctx, ['moderation_actions']);
    const self = await admin.post(`/api/admin/users/${adminUser.id}/suspension`, { reason: 'Oops' });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.code).toBe('admin.suspend_self');
    expect((await admin.post(`/api/admin/users/${randomUUID()}/suspension`, { reason: 'Who?' })).statusCode).toBe(404);
    const person = await makeUser(ctx);
    const noReason = await admin.post(`/api/admin/users/${person.id}/suspension`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.field).toBe('reason');
    expect(await countRows(ctx, ['moderation_actions'])).toEqual(before);
    expect((await admin.get(`/api/admin/users/${person.id}`)).json().suspendedAt).toBeNull();
  });

  it('is for administrators only', async () => {
    const person = await makeUser(ctx);
    const coordinator = await signInAs(ctx, home.coordinator);
    for (const res of [
      await coordinator.get('/api/admin/users'),
      await coordinator.post(`/api/admin/users/${person.id}/suspension`, { reason: 'I am in charge' }),
      await coordinator.put(`/api/admin/users/${person.id}/admin`, { isAdmin: true }),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('auth.admin_only');
    }
    expect((await anonymous(ctx).get('/api/admin/users')).statusCode).toBe(401);
  });
});

describe('administrators', () => {
  it('grants and revokes administrator rights, but never removes the last administrator', async () => {
    const ctx2 = await createTestContext();
    try {
      const first = await makeUser(ctx2, { isAdmin: true });
      const firstClient = await signInAs(ctx2, first);
      const second = await makeUser(ctx2);
      const granted = await firstClient.put(`/api/admin/users/${second.id}/admin`, { isAdmin: true, reason: 'Shares the running of Kith' });
      expect(granted.statusCode).toBe(200);
      expect(granted.json().isAdmin).toBe(true);
      // Unchanged is fine and records nothing new.
      const before = await countRows(ctx2, ['moderation_actions']);
      expect((await firstClient.put(`/api/admin/users/${second.id}/admin`, { isAdmin: true })).statusCode).toBe(200);
      expect(await countRows(ctx2, ['moderation_actions'])).toEqual(before);

      const secondClient = await signInAs(ctx2, second);
      expect((await secondClient.put(`/api/admin/users/${first.id}/admin`, { isAdmin: false })).json().isAdmin).toBe(false);
      const last = await secondClient.put(`/api/admin/users/${second.id}/admin`, { isAdmin: false });
      expect(last.statusCode).toBe(409);
      expect(last.json().error.code).toBe('admin.last_admin');
      expect((await secondClient.get(`/api/admin/users/${second.id}`)).json().isAdmin).toBe(true);
      // The former administrator has lost access.
      expect((await firstClient.get('/api/admin/users')).statusCode).toBe(403);
      const actions = await ctx2.database.query<{ action: string }>('SELECT action FROM moderation_actions ORDER BY created_at');
      expect(actions.map((a) => a.action)).toEqual(['grant_admin', 'revoke_admin']);
    } finally {
      await ctx2.close();
    }
  });

  it('answers 404 for an unknown account and 400 for a missing flag', async () => {
    expect((await admin.put(`/api/admin/users/${randomUUID()}/admin`, { isAdmin: true })).statusCode).toBe(404);
    const person = await makeUser(ctx);
    const bad = await admin.put(`/api/admin/users/${person.id}/admin`, { isAdmin: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('isAdmin');
  });
});

describe('communities and their members', () => {
  it('lists communities with their counts', async () => {
    const c = await makeCommunity(ctx, { name: 'Counted Close' });
    await makeMember(ctx, c);
    await makeMember(ctx, c, { role: 'officer' });
    await makeMember(ctx, c, { status: 'left' });
    const list = (await admin.get('/api/admin/communities')).json();
    expect(list.find((x: { id: string }) => x.id === c.id)).toMatchObject({ name: 'Counted Close', memberCount: 3, coordinatorCount: 1, officerCount: 1 });
  });

  it('lists a community’s current members with roles, coordinators first, searchable and filterable', async () => {
    const c = await makeCommunity(ctx);
    const officer = await makeMember(ctx, c, { role: 'officer', displayName: 'Olive Officer' });
    const member = await makeMember(ctx, c, { displayName: 'Mo Member' });
    const suspended = await makeMember(ctx, c, { status: 'suspended', displayName: 'Sam Suspended' });
    await makeMember(ctx, c, { status: 'left', displayName: 'Lee Left' });
    const res = (await admin.get(`/api/admin/communities/${c.id}/members`)).json();
    expect(res.total).toBe(4);
    expect(res.items.map((m: { userId: string }) => m.userId)).toEqual([c.coordinator.id, officer.id, member.id, suspended.id]);
    expect(res.items[3]).toMatchObject({ status: 'suspended', role: 'member', email: suspended.email });
    expect((await admin.get(`/api/admin/communities/${c.id}/members?role=officer`)).json().items.map((m: { userId: string }) => m.userId)).toEqual([officer.id]);
    expect((await admin.get(`/api/admin/communities/${c.id}/members?q=mo%20mem`)).json().items.map((m: { userId: string }) => m.userId)).toEqual([member.id]);

    // Appointing uses the existing role route; the list shows the change.
    expect((await admin.put(`/api/communities/${c.id}/members/${member.id}/role`, { role: 'coordinator' })).statusCode).toBe(200);
    expect((await admin.get(`/api/admin/communities/${c.id}/members?role=coordinator`)).json().total).toBe(2);
  });

  it('answers 404 for an unknown community and 403 for non-administrators', async () => {
    const res = await admin.get(`/api/admin/communities/${randomUUID()}/members`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('community.not_found');
    expect((await (await signInAs(ctx, home.coordinator)).get(`/api/admin/communities/${home.id}/members`)).statusCode).toBe(403);
  });
});
