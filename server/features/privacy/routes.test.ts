import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, clientFromResponse, countRows, makeCommunity, makeMember, makeUser, signInAs, TEST_PASSWORD, type TestCommunity } from '../../../test/factories.ts';
import { FORMER_MEMBER } from './erase.ts';

let ctx: TestContext;
let home: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Privacy Park' });
});
afterAll(() => ctx?.close());

const q = <T = Record<string, unknown>>(sqlText: string, params: unknown[] = []) => ctx.database.query<T>(sqlText, params);

/** A member with something in every table the export covers. */
async function makeRichMember() {
  const person = await makeMember(ctx, home, { verified: true, displayName: 'Rita Rich', area: 'Mill Lane', bio: 'I grow tomatoes' });
  const friend = await makeMember(ctx, home, { verified: true, displayName: 'Fred Friend' });
  const annoying = await makeMember(ctx, home, { displayName: 'Andy Annoying' });
  await q(`UPDATE profiles SET photo = '\\x89504e47'::bytea, photo_type = 'image/png', phone = '07700 900123', languages = '{English,Welsh}' WHERE user_id = $1`, [person.id]);
  await q(`INSERT INTO user_skills (user_id, skill_id, kind) SELECT $1, id, 'skill' FROM skills ORDER BY id LIMIT 1`, [person.id]);
  await q(`INSERT INTO vouches (community_id, voucher_id, subject_id, voucher_level, note) VALUES ($1, $2, $3, 'verified', 'Good neighbour')`, [home.id, friend.id, person.id]);
  await q(`INSERT INTO vouches (community_id, voucher_id, subject_id, voucher_level) VALUES ($1, $2, $3, 'verified')`, [home.id, person.id, annoying.id]);
  await q(`INSERT INTO interactions (community_id, actor_id, subject_id, kind, weight, source_type, source_id) VALUES ($1, $2, $3, 'vouch', 3, 'vouch', 'x')`, [home.id, friend.id, person.id]);
  await q(`INSERT INTO join_requests (community_id, user_id, message) VALUES ($1, $2, 'Please let me in')`, [(await makeCommunity(ctx)).id, person.id]);
  const client = await signInAs(ctx, person);
  await client.post('/api/blocks', { userId: annoying.id });
  await client.post(`/api/communities/${home.id}/reports`, { subjectUserId: annoying.id, reason: 'spam', details: 'Leaflets everywhere' });
  // The annoying member blocks and reports the person back: that is their data, not the person's.
  const other = await signInAs(ctx, annoying);
  await other.post('/api/blocks', { userId: person.id });
  await other.post(`/api/communities/${home.id}/reports`, { subjectUserId: person.id, reason: 'other', details: 'Secret complaint' });
  await anonymous(ctx).post('/api/auth/sign-in', { email: person.email, password: 'not my password' });
  await anonymous(ctx).post('/api/auth/password-reset', { email: person.email });
  return { person, friend, annoying, client };
}

describe('downloading my data', () => {
  it('returns everything Kith holds about me as an attachment, without secrets or other people’s data', async () => {
    const { person, friend, annoying, client } = await makeRichMember();
    const res = await client.get('/api/account/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="kith-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = res.json();
    expect(data.account).toMatchObject({ id: person.id, email: person.email, displayName: 'Rita Rich', isAdmin: false });
    expect(data.profile).toMatchObject({ bio: 'I grow tomatoes', area: 'Mill Lane', phone: '07700 900123', languages: ['English', 'Welsh'], hasPhoto: true, photoType: 'image/png' });
    expect(data.profile).not.toHaveProperty('photo');
    expect(data.skills).toHaveLength(1);
    expect(data.memberships).toEqual([expect.objectContaining({ communityId: home.id, communityName: 'Privacy Park', role: 'member', status: 'active' })]);
    expect(data.joinRequests).toEqual([expect.objectContaining({ message: 'Please let me in', status: 'pending' })]);
    expect(data.vouchesReceived).toEqual([expect.objectContaining({ voucher: { id: friend.id, displayName: 'Fred Friend' }, note: 'Good neighbour' })]);
    expect(data.vouchesGiven).toEqual([expect.objectContaining({ subject: { id: annoying.id, displayName: 'Andy Annoying' } })]);
    expect(data.verifications).toEqual([expect.objectContaining({ kind: 'identity_address', coordinator: { id: home.coordinator.id, displayName: home.coordinator.displayName } })]);
    expect(data.interactions).toEqual([expect.objectContaining({ as: 'subject', otherPerson: { id: friend.id, displayName: 'Fred Friend' }, kind: 'vouch' })]);
    expect(data.reportsMade).toEqual([expect.objectContaining({ subject: { id: annoying.id, displayName: 'Andy Annoying' }, details: 'Leaflets everywhere', status: 'open' })]);
    expect(data.blocks).toEqual([expect.objectContaining({ userId: annoying.id })]);
    expect(data.sessions).toEqual([expect.objectContaining({ current: true })]);
    expect(data.signInAttempts).toEqual([expect.objectContaining({ succeeded: false })]);
    expect(data.mails).toEqual([expect.objectContaining({ subject: 'Reset your Kith password' })]);

    const text = res.body;
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toMatch(/tokenHash|token_hash|csrf/i);
    expect(text).not.toContain('Secret complaint');
    expect(JSON.stringify(data.blocks)).not.toContain(person.id);
  });

  it('works for a suspended account, and needs a signed-in person', async () => {
    const person = await makeUser(ctx, { suspended: true });
    expect((await (await signInAs(ctx, person)).get('/api/account/export')).statusCode).toBe(200);
    expect((await anonymous(ctx).get('/api/account/export')).statusCode).toBe(401);
  });
});

describe('deleting my account', () => {
  it('erases personal data, keeps the facts others rely on anonymised, and frees the email', async () => {
    const { person, friend, client } = await makeRichMember();
    const before = await countRows(ctx, ['vouches', 'verifications', 'interactions', 'reports']);
    const res = await client.delete('/api/account', { currentPassword: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'kith_session')?.value).toBe('');

    const [user] = await q<{ email: string | null; password_hash: string | null; display_name: string; deleted_at: Date | null }>('SELECT email, password_hash, display_name, deleted_at FROM users WHERE id = $1', [person.id]);
    expect(user).toMatchObject({ email: null, password_hash: null, display_name: FORMER_MEMBER });
    expect(user.deleted_at).not.toBeNull();
    const [profile] = await q('SELECT bio, area, phone, photo, photo_type, languages, show_in_directory FROM profiles WHERE user_id = $1', [person.id]);
    expect(profile).toEqual({ bio: '', area: '', phone: '', photo: null, photo_type: null, languages: [], show_in_directory: false });
    for (const [table, column] of [['user_skills', 'user_id'], ['sessions', 'user_id'], ['account_tokens', 'user_id'], ['blocks', 'blocker_id']]) {
      expect(await q(`SELECT 1 FROM ${table} WHERE ${column} = $1`, [person.id]), table).toEqual([]);
    }
    expect(await q('SELECT 1 FROM sign_in_attempts WHERE email = $1', [person.email])).toEqual([]);
    expect(await q('SELECT 1 FROM outbox WHERE lower(to_address) = $1', [person.email])).toEqual([]);
    expect(await q(`SELECT 1 FROM memberships WHERE user_id = $1 AND status <> 'left'`, [person.id])).toEqual([]);
    expect(await q(`SELECT status, message FROM join_requests WHERE user_id = $1`, [person.id])).toEqual([{ status: 'withdrawn', message: '' }]);

    // Facts other people rely on stay, pointing at the anonymised account.
    expect(await countRows(ctx, ['vouches', 'verifications', 'interactions', 'reports'])).toEqual(before);
    const friendView = (await (await signInAs(ctx, friend)).get('/api/account/export')).json();
    expect(friendView.vouchesGiven).toEqual([expect.objectContaining({ subject: { id: person.id, displayName: FORMER_MEMBER } })]);

    // The old session and the old password no longer work; the email is free again.
    expect((await client.get('/api/account/export')).statusCode).toBe(401);
    const signIn = await anonymous(ctx).post('/api/auth/sign-in', { email: person.email, password: TEST_PASSWORD });
    expect(signIn.statusCode).toBe(401);
    const fresh = await anonymous(ctx).post('/api/auth/sign-up', { email: person.email, password: 'a new beginning here', displayName: 'Rita Again' });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().user.id).not.toBe(person.id);
    expect((await clientFromResponse(ctx, fresh).get('/api/account/export')).json().vouchesReceived).toEqual([]);
  });

  it('needs the current password (403) and changes nothing without it', async () => {
    const person = await makeMember(ctx, home);
    const client = await signInAs(ctx, person);
    const before = await countRows(ctx, ['users', 'sessions', 'profiles', 'memberships']);
    const wrong = await client.delete('/api/account', { currentPassword: 'not my password' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toMatchObject({ code: 'auth.wrong_password', field: 'currentPassword' });
    const missing = await client.delete('/api/account', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('currentPassword');
    expect(await countRows(ctx, ['users', 'sessions', 'profiles', 'memberships'])).toEqual(before);
    expect((await q('SELECT deleted_at FROM users WHERE id = $1', [person.id]))[0].deleted_at).toBeNull();
    expect((await anonymous(ctx).delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('lets a suspended account delete itself', async () => {
    const person = await makeUser(ctx, { suspended: true });
    expect((await (await signInAs(ctx, person)).delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('refuses to delete the last administrator (409), and allows it once there is another', async () => {
    const ctx2 = await createTestContext();
    try {
      const only = await makeUser(ctx2, { isAdmin: true });
      const client = await signInAs(ctx2, only);
      const before = await countRows(ctx2, ['sessions']);
      const res = await client.delete('/api/account', { currentPassword: TEST_PASSWORD });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('account.last_admin');
      expect(await countRows(ctx2, ['sessions'])).toEqual(before);
      expect((await ctx2.database.query<{ is_admin: boolean }>('SELECT is_admin FROM users WHERE id = $1', [only.id]))[0].is_admin).toBe(true);
      // A suspended administrator cannot run the instance, so they do not count.
      await makeUser(ctx2, { isAdmin: true, suspended: true });
      expect((await client.delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(409);
      await makeUser(ctx2, { isAdmin: true });
      expect((await client.delete('/api/account', { currentPassword: TEST_PASSWORD })).statusCode).toBe(200);
    } finally {
      await ctx2.close();
    }
  });
});
