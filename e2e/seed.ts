// A small, realistic neighbourhood for the page tour: named members at every verification
// level, skills, a pending request, a report, an invitation and an email in the outbox.
import { eq } from 'drizzle-orm';
import { communities, memberships, profiles, users } from '../server/db/schema.ts';
import { anonymous, giveSkills, makeCommunity, makeMember, makeUser, makeVouch, signInAs, type TestUser } from '../test/factories.ts';
import type { Kith } from './harness.ts';

export type World = { communityId: string; coordinator: TestUser; member: TestUser; neighbour: TestUser; inviteUrl: string };

const PEOPLE = [
  { displayName: 'Margaret Jones', area: 'Mill Lane', bio: 'Retired teacher, lived here 40 years. Happy to help with reading and letters.', skills: ['reading-together', 'letter-writing', 'baking'], verified: true },
  { displayName: 'Samir Haddad', area: 'Northfield Road', bio: 'I fix bikes at weekends and can help with phones and computers.', skills: ['bike-repair', 'smartphone-help', 'computer-help'], verified: true },
  { displayName: 'Grace Okonkwo', area: 'Church Street', bio: 'Nurse. DBS checked for home visits.', skills: ['befriending', 'home-visits', 'first-aid'], verified: true, dbsExpiresOn: '2028-06-30' },
  { displayName: 'Owen Price', area: 'Mill Lane', bio: 'Keen gardener with a big shed of tools to lend.', skills: ['gardening', 'lawn-mowing', 'diy-repairs'], verified: false },
  { displayName: 'Lena Kowalska', area: 'The Crescent', bio: 'New to the area with two small children.', skills: ['english-conversation', 'language-teaching', 'cooking-meals'], verified: false },
  { displayName: 'Peter Walsh', area: 'Station Road', bio: '', skills: ['dog-walking', 'shopping-errands'], verified: false },
] as const;

/** Builds the neighbourhood; the coordinator is also the instance's administrator. */
export async function seedWorld(kith: Kith): Promise<World> {
  const ctx = kith.ctx;
  const community = await makeCommunity(ctx, { name: 'Northfield', slug: 'northfield' });
  await ctx.db.update(communities).set({ description: 'The streets between the river, the park and Station Road. Neighbours helping neighbours since 2024.' }).where(eq(communities.id, community.id));
  await ctx.db.update(users).set({ displayName: 'Amira Shah', isAdmin: true }).where(eq(users.id, community.coordinator.id));
  await ctx.db.update(profiles).set({ area: 'Church Street', bio: 'Community development worker for Northfield.' }).where(eq(profiles.userId, community.coordinator.id));
  const coordinator = { ...community.coordinator, displayName: 'Amira Shah' };
  await giveSkills(ctx, coordinator, ['form-filling', 'event-helping']);

  const members: TestUser[] = [];
  for (const person of PEOPLE) {
    const user = await makeMember(ctx, community, { displayName: person.displayName, area: person.area, bio: person.bio, verified: person.verified, dbsExpiresOn: 'dbsExpiresOn' in person ? person.dbsExpiresOn : undefined });
    await giveSkills(ctx, user, [...person.skills]);
    members.push(user);
  }
  const [margaret, samir, grace, owen] = members;
  // Owen is vouched for by two verified neighbours.
  await makeVouch(ctx, community, margaret, owen);
  await makeVouch(ctx, community, samir, owen);
  await giveSkills(ctx, margaret, ['smartphone-help', 'gardening'], 'interest');

  // A second community, so the switcher shows for the coordinator.
  const riverside = await makeCommunity(ctx, { name: 'Riverside', slug: 'riverside' });
  await ctx.db.insert(memberships).values({ communityId: riverside.id, userId: coordinator.id, role: 'member' });
  await ctx.db.update(users).set({ displayName: 'Dafydd Rees' }).where(eq(users.id, riverside.coordinator.id));
  await ctx.db.update(communities).set({ description: 'Houses and boats along the towpath, from the lock to the old mill.' }).where(eq(communities.id, riverside.id));

  const newcomer = await makeUser(ctx, { displayName: 'Tom Hughes' });
  await (await signInAs(ctx, newcomer)).post(`/api/communities/${community.id}/join-requests`, { message: 'I have just moved into Station Road.' });
  await (await signInAs(ctx, grace)).post(`/api/communities/${community.id}/reports`, { subjectUserId: members[5].id, reason: 'spam', details: 'Keeps posting adverts for his van hire business.' });
  const invite = await (await signInAs(ctx, coordinator)).post(`/api/communities/${community.id}/invites`, { note: 'Mrs Patel at the corner shop', maxUses: 1, expiresInDays: 14 });
  await anonymous(ctx).post('/api/auth/password-reset', { email: margaret.email });

  return { communityId: community.id, coordinator, member: margaret, neighbour: samir, inviteUrl: (invite.json() as { url: string }).url };
}
