import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, clientFromResponse, countRows, makeUser, signInAs, TEST_PASSWORD, unique } from '../../../test/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

const newPerson = () => ({ email: `new-${unique()}@example.org`, password: 'a long enough password', displayName: 'Ada Lovelace' });

describe('sign up', () => {
  it('creates an account, signs the person in with an HttpOnly SameSite cookie', async () => {
    const res = await anonymous(ctx).post('/api/auth/sign-up', newPerson());
    expect(res.statusCode).toBe(201);
    const cookie = res.cookies.find((c) => c.name === 'kith_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await clientFromResponse(ctx, res).get('/api/session');
    expect(me.json().user.displayName).toBe('Ada Lovelace');
  });

  it('refuses a duplicate email with 409, whatever its case, and adds no row', async () => {
    const person = newPerson();
    expect((await anonymous(ctx).post('/api/auth/sign-up', person)).statusCode).toBe(201);
    const before = await countRows(ctx, ['users', 'profiles', 'sessions']);
    const res = await anonymous(ctx).post('/api/auth/sign-up', { ...person, email: person.email.toUpperCase() });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'auth.email_taken', field: 'email' });
    expect(await countRows(ctx, ['users', 'profiles', 'sessions'])).toEqual(before);
  });

  it.each([
    [{ email: 'not-an-email', password: 'a long enough password', displayName: 'X' }, 'email'],
    [{ email: 'a@example.org', password: 'short', displayName: 'X' }, 'password'],
    [{ email: 'a@example.org', password: 'a long enough password', displayName: '' }, 'displayName'],
    [{ password: 'a long enough password', displayName: 'X' }, 'email'],
  ])('rejects bad input with 400 naming the field (%#)', async (body, field) => {
    const before = await countRows(ctx, ['users']);
    const res = await anonymous(ctx).post('/api/auth/sign-up', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('request.invalid');
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, ['users'])).toEqual(before);
  });
});

describe('sign in and out', () => {
  it('signs in with the right password and out again', async () => {
    const user = await makeUser(ctx);
    const res = await anonymous(ctx).post('/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const client = clientFromResponse(ctx, res);
    expect((await client.get('/api/session')).json().user.id).toBe(user.id);
    expect((await client.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await client.get('/api/session')).json().user).toBeNull();
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const user = await makeUser(ctx);
    const wrong = await anonymous(ctx).post('/api/auth/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await anonymous(ctx).post('/api/auth/sign-in', { email: `nobody-${unique()}@example.org`, password: 'whatever it is' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth.invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('rate-limits sign-in per account with 429, even with the right password', async () => {
    const user = await makeUser(ctx);
    for (let i = 0; i < ctx.config.signInLimits.perAccount; i++) {
      expect((await anonymous(ctx).request('POST', '/api/auth/sign-in', { email: user.email, password: 'wrong password' }, { 'x-forwarded-for': `10.0.0.${i}` })).statusCode).toBe(401);
    }
    const res = await anonymous(ctx).post('/api/auth/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('auth.rate_limited');
  });

  it('refuses a write with a session cookie but no CSRF token', async () => {
    const user = await makeUser(ctx);
    const client = await signInAs(ctx, user);
    const res = await client.request('PUT', '/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'another long password' }, { 'x-csrf-token': 'forged' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
  });
});

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends old sessions', async () => {
    const user = await makeUser(ctx);
    const old = await signInAs(ctx, user);
    expect((await anonymous(ctx).post('/api/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    const [mail] = await ctx.database.query<{ body: string }>('SELECT body FROM outbox WHERE to_address = $1', [user.email]);
    const token = /token=([\w-]+)/.exec(mail.body)![1];
    const res = await anonymous(ctx).post('/api/auth/password-reset/confirm', { token, password: 'a brand new password' });
    expect(res.statusCode).toBe(200);
    expect((await old.get('/api/session')).json().user).toBeNull();
    expect((await anonymous(ctx).post('/api/auth/sign-in', { email: user.email, password: 'a brand new password' })).statusCode).toBe(200);
    const again = await anonymous(ctx).post('/api/auth/password-reset/confirm', { token, password: 'yet another password' });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('auth.token_invalid');
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const before = await countRows(ctx, ['outbox']);
    expect((await anonymous(ctx).post('/api/auth/password-reset', { email: `ghost-${unique()}@example.org` })).statusCode).toBe(202);
    expect(await countRows(ctx, ['outbox'])).toEqual(before);
  });
});

describe('account changes', () => {
  it('changes the password only with the current one', async () => {
    const user = await makeUser(ctx);
    const client = await signInAs(ctx, user);
    const wrong = await client.put('/api/account/password', { currentPassword: 'not it at all', newPassword: 'another long password' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.field).toBe('currentPassword');
    expect((await client.put('/api/account/password', { currentPassword: TEST_PASSWORD, newPassword: 'another long password' })).statusCode).toBe(200);
    expect((await anonymous(ctx).post('/api/auth/sign-in', { email: user.email, password: 'another long password' })).statusCode).toBe(200);
  });

  it('changes the email after the new address confirms, and refuses a taken one', async () => {
    const user = await makeUser(ctx);
    const other = await makeUser(ctx);
    const client = await signInAs(ctx, user);
    expect((await client.post('/api/account/email', { currentPassword: TEST_PASSWORD, newEmail: other.email })).statusCode).toBe(409);
    const newEmail = `moved-${unique()}@example.org`;
    expect((await client.post('/api/account/email', { currentPassword: TEST_PASSWORD, newEmail })).statusCode).toBe(202);
    expect((await client.get('/api/session')).json().user.email).toBe(user.email);
    const [mail] = await ctx.database.query<{ body: string }>('SELECT body FROM outbox WHERE to_address = $1', [newEmail]);
    const token = /token=([\w-]+)/.exec(mail.body)![1];
    expect((await anonymous(ctx).post('/api/account/email/confirm', { token })).statusCode).toBe(200);
    expect((await client.get('/api/session')).json().user.email).toBe(newEmail);
  });
});
