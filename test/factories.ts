// Test data builders with overrides, in the manner of Outline's and immich's factories. They
// write through the real database; none of them mocks anything.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { eq as eqColumn, inArray } from 'drizzle-orm';
import {
  communities,
  exchanges,
  interactions as interactionRows,
  listings,
  memberships,
  organisationAgents,
  profiles,
  sessions,
  skills,
  timebankSettings,
  users,
  userSkills,
  verifications,
  vouches,
  type Role,
} from '../server/db/schema.ts';
import { hashPassword } from '../server/lib/passwords.ts';
import { hashToken, newToken } from '../server/lib/tokens.ts';
import { createTestContext, type TestContext } from './context.ts';

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

/** The bytes of a tiny valid image of each accepted photo type (only the signature matters for WebP). */
export function makeImageBytes(type: 'image/jpeg' | 'image/png' | 'image/webp'): Buffer {
  if (type === 'image/png') return Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  if (type === 'image/jpeg') return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(32, 7), Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18, 3)]);
}

/** A vouch by `voucher` for `subject` in `community`, recorded as if the voucher was `voucherLevel`. */
export async function makeVouch(ctx: TestContext, community: { id: string }, voucher: { id: string }, subject: { id: string }, voucherLevel = 'verified') {
  const [row] = await ctx.db.insert(vouches).values({ communityId: community.id, voucherId: voucher.id, subjectId: subject.id, voucherLevel }).returning();
  return row;
}

/** Gives a person skills (kind 'skill') or interests by slug from the shared list. */
export async function giveSkills(ctx: TestContext, user: { id: string }, slugs: string[], kind: 'skill' | 'interest' = 'skill') {
  const rows = await ctx.db.select({ id: skills.id, slug: skills.slug }).from(skills).where(inArray(skills.slug, slugs));
  if (rows.length !== slugs.length) throw new Error(`Unknown skill among ${slugs.join(', ')}`);
  await ctx.db.insert(userSkills).values(rows.map((s) => ({ userId: user.id, skillId: s.id, kind })));
}

/** An organisation account in `community` with its profile, membership and the given agents. */
export async function makeOrganisation(ctx: TestContext, community: { id: string }, overrides: { name?: string; agents?: { id: string }[]; bio?: string; area?: string } = {}): Promise<TestUser> {
  const [user] = await ctx.db.insert(users).values({ kind: 'organisation', displayName: overrides.name ?? `Organisation ${unique()}` }).returning();
  await ctx.db.insert(profiles).values({ userId: user.id, bio: overrides.bio ?? '', area: overrides.area ?? '' });
  await ctx.db.insert(memberships).values({ communityId: community.id, userId: user.id, role: 'organisation' });
  for (const agent of overrides.agents ?? []) {
    await ctx.db.insert(organisationAgents).values({ communityId: community.id, organisationId: user.id, userId: agent.id });
  }
  return { id: user.id, email: '', displayName: user.displayName };
}

/** The id of a skill on the shared list, by slug. */
export async function skillIdOf(ctx: TestContext, slug: string): Promise<number> {
  const [row] = await ctx.db.select({ id: skills.id }).from(skills).where(eqColumn(skills.slug, slug));
  if (!row) throw new Error(`Unknown skill ${slug}`);
  return row.id;
}

/** Changes a community's time-bank settings (mode, limits, auto-confirm days, categories). */
export async function setTimebank(ctx: TestContext, community: { id: string }, settings: Partial<typeof timebankSettings.$inferInsert>) {
  await ctx.db.update(timebankSettings).set(settings).where(eqColumn(timebankSettings.communityId, community.id));
}

/** An offer or request by `owner`, open unless told otherwise. */
export async function makeListing(
  ctx: TestContext,
  community: { id: string },
  owner: { id: string },
  overrides: Partial<Omit<typeof listings.$inferInsert, 'communityId' | 'ownerId' | 'skillId'>> & { skill?: string } = {},
) {
  const { skill = 'gardening', ...rest } = overrides;
  const [row] = await ctx.db.insert(listings).values({
    communityId: community.id, ownerId: owner.id, createdBy: owner.id, kind: 'offer', title: `Help with ${skill}`, durationMinutes: 60, place: 'in_public',
    skillId: await skillIdOf(ctx, skill), ...rest,
  }).returning();
  return row;
}

/**
 * An exchange between `provider` and `receiver` already at `status` (proposed, accepted or done;
 * done needs `recordedMinutes`). Later steps go through the API or the services.
 */
export async function makeExchange(
  ctx: TestContext,
  community: { id: string },
  provider: { id: string },
  receiver: { id: string },
  overrides: { status?: 'proposed' | 'accepted' | 'done'; recordedMinutes?: number; skill?: string; awaitingSince?: Date; approval?: 'not_needed' | 'pending' | 'approved' } = {},
) {
  const [skill] = await ctx.db.select().from(skills).where(eqColumn(skills.slug, overrides.skill ?? 'gardening'));
  const status = overrides.status ?? 'proposed';
  const [row] = await ctx.db.insert(exchanges).values({
    communityId: community.id, providerId: provider.id, receiverId: receiver.id, proposedBy: receiver.id, skillId: skill.id, category: skill.category,
    status, approval: overrides.approval ?? 'not_needed',
    recordedMinutes: status === 'done' ? overrides.recordedMinutes ?? 60 : null,
    awaitingSince: status === 'done' ? overrides.awaitingSince ?? new Date() : null,
  }).returning();
  return row;
}

/**
 * Ties between members as the trust engine reads them: for each [a, b], a confirmed exchange's
 * two interactions (a → b and b → a), or only a → b with `oneWay`. Dated `daysAgo` (default 10).
 */
export async function makeTies(
  ctx: TestContext,
  community: { id: string },
  pairs: readonly (readonly [{ id: string }, { id: string }])[],
  options: { kind?: string; oneWay?: boolean; daysAgo?: number } = {},
) {
  const kind = options.kind ?? 'exchange_confirmed';
  const occurredAt = new Date(Date.now() - (options.daysAgo ?? 10) * 86_400_000);
  const rows = pairs.flatMap(([a, b]) => {
    const sourceId = unique();
    const one = { communityId: community.id, actorId: a.id, subjectId: b.id, kind, weight: 2, occurredAt, sourceType: 'test', sourceId };
    return options.oneWay ? [one] : [one, { ...one, actorId: b.id, subjectId: a.id }];
  });
  for (let i = 0; i < rows.length; i += 500) await ctx.db.insert(interactionRows).values(rows.slice(i, i + 500));
}

/** Sets a member's privacy choices directly (analytics opt-out, "a coordinator may contact me", directory listing). */
export async function setPrivacy(ctx: TestContext, user: { id: string }, choices: { analyticsOptOut?: boolean; reachOutOk?: boolean; showInDirectory?: boolean; showArea?: boolean }) {
  await ctx.db.update(profiles).set(choices).where(eqColumn(profiles.userId, user.id));
}

/**
 * The world most route tests start from: the file's own database and app, one community and
 * its coordinator signed in. Call it in beforeAll and close `ctx` in afterAll.
 */
export async function openCommunityWorld(): Promise<{ ctx: TestContext; community: TestCommunity; coordinator: Client }> {
  const ctx = await createTestContext();
  const community = await makeCommunity(ctx);
  return { ctx, community, coordinator: await signInAs(ctx, community.coordinator) };
}
