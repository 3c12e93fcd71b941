// Test data builders with overrides, in the manner of Outline's and immich's factories. They
// write through the real database; none of them mocks anything.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { communities, memberships, profiles, sessions, users, verifications, type Role } from '../server/db/schema.ts';
import { hashPassword } from '../server/lib/passwords.ts';
import { hashToken, newToken } from '../server/lib/tokens.ts';
import type { TestContext } from './context.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
let counter = 0;
/** A short string unique within this process, for emails and slugs. */
export const unique = () => `${process.pid.toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type TestUser = { id: string; email: string; displayName: string };

/** A person with an account and an empty profile. */
export async function makeUser(ctx: TestContext, overrides: { email?: string; displayName?: string; isAdmin?: boolean; suspended?: boolean; area?: string; bio?: string } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `person-${unique()}@example.org`;
  const [user] = await ctx.db
    .insert(users)
    .values({
      email,
      passwordHash: await passwordHash,
      displayName: overrides.displayName ?? `Test Person ${unique()}`,
      isAdmin: overrides.isAdmin ?? false,
      suspendedAt: overrides.suspended ? new Date() : null,
    })
    .returning();
  await ctx.db.insert(profiles).values({ userId: user.id, area: overrides.area ?? '', bio: overrides.bio ?? '' });
  return { id: user.id, email, displayName: user.displayName };
}

export type TestCommunity = { id: string; slug: string; name: string; coordinator: TestUser };

/** A community with one verified coordinator. */
export async function makeCommunity(ctx: TestContext, overrides: { name?: string; slug?: string } = {}): Promise<TestCommunity> {
  const slug = overrides.slug ?? `c-${unique()}`;
  const [row] = await ctx.db
    .insert(communities)
    .values({ slug, name: overrides.name ?? `Community ${slug}`, description: 'A test neighbourhood', centreLat: 51.5, centreLng: -0.1, radiusM: 1500 })
    .returning();
  const coordinator = await makeUser(ctx, { displayName: `Coordinator ${slug}` });
  await ctx.db.insert(memberships).values({ communityId: row.id, userId: coordinator.id, role: 'coordinator' });
  await ctx.db.insert(verifications).values({ communityId: row.id, subjectId: coordinator.id, coordinatorId: coordinator.id, kind: 'identity_address', checkedOn: '2026-01-01' });
  return { id: row.id, slug, name: row.name, coordinator };
}

/** A person who belongs to `community` with a role, status and verification of choice. */
export async function makeMember(
  ctx: TestContext,
  community: TestCommunity,
  overrides: { role?: Role; status?: 'active' | 'suspended' | 'left'; verified?: boolean; dbsExpiresOn?: string; displayName?: string; area?: string; bio?: string; email?: string } = {},
): Promise<TestUser> {
  const user = await makeUser(ctx, { displayName: overrides.displayName, area: overrides.area, bio: overrides.bio, email: overrides.email });
  await ctx.db.insert(memberships).values({ communityId: community.id, userId: user.id, role: overrides.role ?? 'member', status: overrides.status ?? 'active' });
  if (overrides.verified || overrides.dbsExpiresOn) {
    await ctx.db.insert(verifications).values({ communityId: community.id, subjectId: user.id, coordinatorId: community.coordinator.id, kind: 'identity_address', checkedOn: '2026-01-02' });
  }
  if (overrides.dbsExpiresOn) {
    await ctx.db.insert(verifications).values({ communityId: community.id, subjectId: user.id, coordinatorId: community.coordinator.id, kind: 'dbs', checkedOn: '2025-01-01', expiresOn: overrides.dbsExpiresOn, reference: 'DBS-TEST' });
  }
  return user;
}

/** Calls the app as one person (or nobody), carrying their session cookie and CSRF token. */
export type Client = {
  userId: string | null;
  csrfToken: string | null;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown): Promise<LightMyRequestResponse>;
};

function makeClient(ctx: TestContext, cookie: string | null, csrfToken: string | null, userId: string | null): Client {
  const request: Client['request'] = (method, url, body, headers = {}) =>
    ctx.app.inject({
      method,
      url,
      headers: { ...(cookie ? { cookie: `kith_session=${cookie}` } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    userId,
    csrfToken,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url, body) => request('DELETE', url, body),
  };
}

/** A client signed in as `user` (the session is created directly, not through the sign-in route). */
export async function signInAs(ctx: TestContext, user: { id: string }): Promise<Client> {
  const token = newToken();
  const csrfToken = newToken(24);
  await ctx.db.insert(sessions).values({ tokenHash: hashToken(token), csrfToken, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
  return makeClient(ctx, token, csrfToken, user.id);
}

/** A client with no session. */
export const anonymous = (ctx: TestContext): Client => makeClient(ctx, null, null, null);

/** A client that carries the cookie a response set (for flows through sign-up and sign-in). */
export function clientFromResponse(ctx: TestContext, response: LightMyRequestResponse): Client {
  const cookie = response.cookies.find((c) => c.name === 'kith_session');
  const body = response.json() as { csrfToken: string | null; user: { id: string } | null };
  return makeClient(ctx, cookie?.value ?? null, body.csrfToken, body.user?.id ?? null);
}

/** Row counts of the given tables, to prove a failed request changed nothing. */
export async function countRows(ctx: TestContext, tables: string[]): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    result[table] = row.n;
  }
  return result;
}
