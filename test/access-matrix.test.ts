// Every /api route × every role, generated from the route table the access module records, so
// that a new route is covered the moment it is added. The expectations below are written out
// by hand from the rules in docs/ARCHITECTURE.md rather than computed by the module under test.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../server/db/schema.ts';
import type { Access } from '../server/lib/access.ts';
import { createTestContext, type TestContext } from './context.ts';
import { anonymous, makeCommunity, makeMember, makeUser, signInAs, type Client, type TestCommunity } from './factories.ts';

const ROLES = ['anonymous', 'outsider', 'member', 'suspendedMember', 'suspendedAccount', 'officer', 'coordinator', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** Who may pass each rule; for `suspended*`, reads only unless the route allows suspended accounts. */
const ALLOWED: Record<Access, readonly Role[]> = {
  public: ROLES,
  'signed-in': ['outsider', 'member', 'suspendedMember', 'suspendedAccount', 'officer', 'coordinator', 'admin'],
  admin: ['admin'],
  member: ['member', 'suspendedMember', 'suspendedAccount', 'officer', 'coordinator'],
  'member.act': ['member', 'suspendedAccount', 'officer', 'coordinator'],
  officer: ['officer', 'coordinator'],
  coordinator: ['coordinator'],
};

const DENIAL_CODES = new Set(['auth.required', 'auth.admin_only', 'community.not_member', 'community.coordinator_only', 'community.officer_only', 'membership.suspended', 'account.suspended', 'auth.csrf']);

function expectedAllowed(rule: Access, role: Role, method: string, allowSuspended: boolean): boolean {
  if (!ALLOWED[rule].includes(role)) return false;
  const write = method !== 'GET';
  if (role === 'suspendedAccount' && write && rule !== 'public' && !allowSuspended) return false;
  if (role === 'suspendedMember' && write && rule === 'member' && !allowSuspended) return false;
  return true;
}

let ctx: TestContext;
let community: TestCommunity;

beforeAll(async () => {
  ctx = await createTestContext();
  community = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

async function clientFor(role: Role): Promise<Client> {
  switch (role) {
    case 'anonymous':
      return anonymous(ctx);
    case 'outsider': {
      const elsewhere = await makeCommunity(ctx);
      return signInAs(ctx, await makeMember(ctx, elsewhere));
    }
    case 'member':
      return signInAs(ctx, await makeMember(ctx, community, { verified: true }));
    case 'suspendedMember':
      return signInAs(ctx, await makeMember(ctx, community, { status: 'suspended', verified: true }));
    case 'suspendedAccount': {
      const user = await makeMember(ctx, community, { verified: true });
      await ctx.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, user.id));
      return signInAs(ctx, user);
    }
    case 'officer':
      return signInAs(ctx, await makeMember(ctx, community, { role: 'officer', verified: true }));
    case 'coordinator':
      return signInAs(ctx, await makeMember(ctx, community, { role: 'coordinator', verified: true }));
    case 'admin':
      return signInAs(ctx, await makeUser(ctx, { isAdmin: true }));
  }
}

function fillPath(url: string): string {
  return url
    .replace(':communityId', community.id)
    .replace(/:token/g, 'a'.repeat(24))
    .replace(/:(\w+)/g, () => randomUUID());
}

describe('authorisation matrix', () => {
  it('has routes to check, each with a rule', () => {
    expect(ctx.app.routeAccess.length).toBeGreaterThan(10);
  });

  it('applies each route’s rule to each role', async () => {
    const failures: string[] = [];
    for (const route of ctx.app.routeAccess) {
      if (route.url.includes('*')) continue;
      for (const role of ROLES) {
        const client = await clientFor(role);
        const response = await client.request(route.method as 'GET', fillPath(route.url), route.method === 'GET' ? undefined : {});
        const code = String(response.headers['content-type'] ?? '').includes('json') ? (response.json() as { error?: { code?: string } }).error?.code : undefined;
        const denied = response.statusCode === 401 || (response.statusCode === 403 && code !== undefined && DENIAL_CODES.has(code));
        const shouldPass = expectedAllowed(route.access, role, route.method, route.allowSuspended);
        if (shouldPass === denied) {
          failures.push(`${route.method} ${route.url} [${route.access}] as ${role}: expected ${shouldPass ? 'allowed' : 'denied'}, got ${response.statusCode} ${code ?? ''}`);
        }
        if (!shouldPass && role === 'anonymous' && response.statusCode !== 401) failures.push(`${route.method} ${route.url} as anonymous: expected 401, got ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
