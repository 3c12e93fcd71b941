import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_MAX_BYTES } from '../../../common/profiles.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, giveSkills, makeCommunity, makeImageBytes, makeMember, makeOrganisation, makeUser, makeVouch, signInAs, type Client, type TestCommunity } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx);
  elsewhere = await makeCommunity(ctx);
});
afterAll(() => ctx?.close());

const skillId = async (slug: string) => (await ctx.database.query<{ id: number }>('SELECT id FROM skills WHERE slug = $1', [slug]))[0].id;
const putPhoto = (client: Client, bytes: Buffer, type: string) => client.request('PUT', '/api/profile/photo', bytes, { 'content-type': type });
const profileUrl = (community: { id: string }, user: { id: string }) => `/api/communities/${community.id}/members/${user.id}`;

describe('own profile', () => {
  it('reads the own profile with its defaults', async () => {
    const user = await makeUser(ctx, { displayName: 'Pat Own' });
    const res = await (await signInAs(ctx, user)).get('/api/profile');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: user.id, kind: 'person', displayName: 'Pat Own', email: user.email, bio: '', area: '', languages: [], skills: [], interests: [], photoUrl: null,
      contact: { email: false, app: true, phone: '', showPhone: false },
      privacy: { showInDirectory: true, showBio: true, showArea: true, analyticsOptOut: false, coordinatorMayContact: false },
    });
    expect((await anonymous(ctx).get('/api/profile')).statusCode).toBe(401);
  });

  it('updates every field, replacing skills and interests', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const [gardening, baking, knitting] = await Promise.all(['gardening', 'baking', 'knitting'].map(skillId));
    const res = await client.patch('/api/profile', {
      displayName: 'Margaret Oduya',
      bio: 'Retired teacher, keen gardener.',
      area: 'Mill Lane',
      languages: ['English', 'Yoruba', 'English'],
      accessibilityNeeds: 'Step-free access please',
      skillIds: [gardening, baking, gardening],
      interestIds: [knitting],
      contact: { email: true, phone: '07700 900123', showPhone: true },
      privacy: { showBio: false, analyticsOptOut: true, coordinatorMayContact: true },
    });
    expect(res.statusCode).toBe(200);
    const profile = res.json();
    expect(profile).toMatchObject({
      displayName: 'Margaret Oduya', bio: 'Retired teacher, keen gardener.', area: 'Mill Lane', languages: ['English', 'Yoruba'], accessibilityNeeds: 'Step-free access please',
      contact: { email: true, app: true, phone: '07700 900123', showPhone: true },
      privacy: { showInDirectory: true, showBio: false, showArea: true, analyticsOptOut: true, coordinatorMayContact: true },
    });
    expect(profile.skills.map((s: { slug: string }) => s.slug)).toEqual(['baking', 'gardening']);
    expect(profile.interests.map((s: { slug: string }) => s.slug)).toEqual(['knitting']);
    expect((await client.get('/api/session')).json().user.displayName).toBe('Margaret Oduya');

    const again = (await client.patch('/api/profile', { skillIds: [knitting], privacy: { showInDirectory: false } })).json();
    expect(again.skills.map((s: { slug: string }) => s.slug)).toEqual(['knitting']);
    expect(again.interests.map((s: { slug: string }) => s.slug)).toEqual(['knitting']);
    expect(again.privacy).toMatchObject({ showInDirectory: false, showBio: false });
    expect(again.bio).toBe('Retired teacher, keen gardener.');
  });

  it.each([
    [{ area: '12 Mill Lane' }, 'area'],
    [{ area: 'Flat 3, Riverside' }, 'area'],
    [{ area: 'Mill Lane, SW1A 1AA' }, 'area'],
    [{ bio: 'x'.repeat(1001) }, 'bio'],
    [{ displayName: '' }, 'displayName'],
    [{ languages: Array.from({ length: 11 }, (_, i) => `Language ${i}`) }, 'languages'],
    [{ contact: { phone: 'call me maybe' } }, 'contact.phone'],
    [{ contact: { showPhone: true } }, 'contact.phone'],
    [{ skillIds: [999999] }, 'skillIds'],
    [{ interestIds: [1, 999998] }, 'interestIds'],
    [{ privacy: { showBio: 'yes' } }, 'privacy.showBio'],
  ])('refuses bad input with 400 naming the field, changing nothing (%#)', async (body, field) => {
    const user = await makeUser(ctx, { bio: 'Unchanged', area: 'Northfield' });
    await giveSkills(ctx, user, ['baking']);
    const client = await signInAs(ctx, user);
    const before = (await client.get('/api/profile')).json();
    const rows = await countRows(ctx, ['user_skills']);
    const res = await client.patch('/api/profile', { ...body, bio: 'bio' in body ? body.bio : 'Changed', skillIds: 'skillIds' in body ? body.skillIds : [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect((await client.get('/api/profile')).json()).toEqual(before);
    expect(await countRows(ctx, ['user_skills'])).toEqual(rows);
  });

  it('accepts a street or area without a house number', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    for (const area of ['Mill Lane', 'Northfield estate', 'Zone 2', 'N1', '1st Avenue', '']) {
      const res = await client.patch('/api/profile', { area });
      expect(res.statusCode, area).toBe(200);
      expect(res.json().area).toBe(area);
    }
  });

  it('does not let a suspended account change its profile', async () => {
    const client = await signInAs(ctx, await makeUser(ctx, { suspended: true }));
    const res = await client.patch('/api/profile', { bio: 'New' });
    expect(res.statusCode).toBe(403);
    expect((await client.get('/api/profile')).json().bio).toBe('');
  });
});

describe('photo', () => {
  it.each(['image/png', 'image/jpeg', 'image/webp'] as const)('uploads a %s photo, serves it back and removes it', async (type) => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const bytes = makeImageBytes(type);
    const res = await putPhoto(client, bytes, type);
    expect(res.statusCode).toBe(200);
    expect(res.json().photoUrl).toMatch(/^\/api\/profile\/photo\?v=\d+$/);
    const photo = await client.get(res.json().photoUrl);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe(type);
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['cache-control']).toContain('private');
    expect(photo.rawPayload.equals(bytes)).toBe(true);
    const removed = await client.delete('/api/profile/photo');
    expect(removed.statusCode).toBe(200);
    expect(removed.json().photoUrl).toBeNull();
    expect((await client.get('/api/profile/photo')).statusCode).toBe(404);
  });

  it.each([
    ['bytes that are not the type they claim', makeImageBytes('image/jpeg'), 'image/png', 'photo.type_mismatch'],
    ['a GIF sent as a JPEG', Buffer.from('GIF89a\u0001\u0000\u0001\u0000'), 'image/jpeg', 'photo.unsupported_type'],
    ['an SVG sent as a PNG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/png', 'photo.unsupported_type'],
    ['an image type that is not accepted', Buffer.from('GIF89a'), 'image/gif', 'photo.unsupported_type'],
    ['plain text', Buffer.from('hello'), 'text/plain', 'photo.unsupported_type'],
    ['JSON', Buffer.from('{"photo":"x"}'), 'application/json', 'photo.unsupported_type'],
    ['an empty body', Buffer.alloc(0), 'image/png', 'photo.missing'],
  ])('refuses %s with 400, keeping the old photo', async (_what, bytes, type, code) => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const original = makeImageBytes('image/png');
    await putPhoto(client, original, 'image/png');
    const res = await putPhoto(client, bytes, type);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field: 'photo' });
    expect((await client.get('/api/profile/photo')).rawPayload.equals(original)).toBe(true);
  });

  it('refuses a photo over 2 MB with 413', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const big = Buffer.concat([makeImageBytes('image/jpeg'), Buffer.alloc(PHOTO_MAX_BYTES)]);
    const res = await putPhoto(client, big, 'image/jpeg');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
    expect((await client.get('/api/profile')).json().photoUrl).toBeNull();
  });

  it('accepts images only on the photo route: other routes still take JSON alone', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const res = await client.request('PATCH', '/api/profile', makeImageBytes('image/png'), { 'content-type': 'image/png' });
    expect(res.statusCode).toBe(415);
  });

  it('needs a signed-in, unsuspended account', async () => {
    expect((await putPhoto(anonymous(ctx), makeImageBytes('image/png'), 'image/png')).statusCode).toBe(401);
    const suspended = await signInAs(ctx, await makeUser(ctx, { suspended: true }));
    expect((await putPhoto(suspended, makeImageBytes('image/png'), 'image/png')).statusCode).toBe(403);
    expect((await suspended.delete('/api/profile/photo')).statusCode).toBe(403);
  });
});

describe('another member\'s profile', () => {
  it('shows what the member allows, with their level and vouches', async () => {
    const target = await makeMember(ctx, home, { displayName: 'Sam Private', bio: 'Secret bio', area: 'Hidden Road', email: `sam-${Date.now()}@example.org` });
    const targetClient = await signInAs(ctx, target);
    await targetClient.patch('/api/profile', { privacy: { showBio: false, showArea: false }, contact: { phone: '01632 960000' }, accessibilityNeeds: 'Hard of hearing', languages: ['Welsh'] });
    await giveSkills(ctx, target, ['dog-walking']);
    await makeVouch(ctx, home, await makeMember(ctx, home, { verified: true }), target);
    const viewer = await signInAs(ctx, await makeMember(ctx, home));

    const res = await viewer.get(profileUrl(home, target));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: target.id, kind: 'person', displayName: 'Sam Private', badge: null, photoUrl: null, bio: null, area: null, languages: ['Welsh'],
      accessibilityNeeds: null, coordinatorMayContact: null, contact: { app: true, email: null, phone: null },
      verification: { level: 'registered', vouchCount: 1 }, blockedByViewer: false, isSelf: false, agents: null,
    });
    expect(res.json().skills.map((s: { slug: string }) => s.slug)).toEqual(['dog-walking']);

    await targetClient.patch('/api/profile', { privacy: { showBio: true, showArea: true }, contact: { email: true, showPhone: true } });
    expect((await viewer.get(profileUrl(home, target))).json()).toMatchObject({ bio: 'Secret bio', area: 'Hidden Road', contact: { email: target.email, phone: '01632 960000' } });

    const own = (await targetClient.get(profileUrl(home, target))).json();
    expect(own).toMatchObject({ isSelf: true, accessibilityNeeds: 'Hard of hearing', coordinatorMayContact: false });
    const byCoordinator = (await (await signInAs(ctx, home.coordinator)).get(profileUrl(home, target))).json();
    expect(byCoordinator.accessibilityNeeds).toBe('Hard of hearing');
  });

  it('says whether the viewer blocked them, and hides someone who blocked the viewer (except from coordinators)', async () => {
    const viewerUser = await makeMember(ctx, home);
    const viewer = await signInAs(ctx, viewerUser);
    const blockedByMe = await makeMember(ctx, home);
    const blocksMe = await makeMember(ctx, home);
    await ctx.database.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($3, $4), ($3, $5)', [viewerUser.id, blockedByMe.id, blocksMe.id, viewerUser.id, home.coordinator.id]);
    expect((await viewer.get(profileUrl(home, blockedByMe))).json().blockedByViewer).toBe(true);
    expect((await viewer.get(profileUrl(home, blocksMe))).statusCode).toBe(404);
    expect((await (await signInAs(ctx, home.coordinator)).get(profileUrl(home, blocksMe))).statusCode).toBe(200);
  });

  it('shows an organisation with its badge and the people who act for it', async () => {
    const agent = await makeMember(ctx, home, { displayName: 'Ola Agent' });
    const organisation = await makeOrganisation(ctx, home, { name: 'Riverside Food Bank', agents: [agent] });
    const res = await (await signInAs(ctx, await makeMember(ctx, home))).get(profileUrl(home, organisation));
    expect(res.json()).toMatchObject({ kind: 'organisation', displayName: 'Riverside Food Bank', badge: 'organisation', contact: { email: null }, agents: [{ id: agent.id, displayName: 'Ola Agent', title: '' }] });
  });

  it('answers 404 for another community\'s member, someone who left, or an unknown id, and 403/401 to outsiders', async () => {
    const viewer = await signInAs(ctx, await makeMember(ctx, home));
    for (const target of [await makeMember(ctx, elsewhere), await makeMember(ctx, home, { status: 'left' }), { id: crypto.randomUUID() }]) {
      const res = await viewer.get(profileUrl(home, target));
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('member.not_found');
    }
    const target = await makeMember(ctx, home);
    expect((await (await signInAs(ctx, await makeMember(ctx, elsewhere))).get(profileUrl(home, target))).statusCode).toBe(403);
    expect((await anonymous(ctx).get(profileUrl(home, target))).statusCode).toBe(401);
    expect((await viewer.get(`/api/communities/${home.id}/members/nobody`)).json().error.field).toBe('userId');
  });

  it('serves the photo only to members of a shared community', async () => {
    const target = await makeMember(ctx, home);
    const bytes = makeImageBytes('image/webp');
    await putPhoto(await signInAs(ctx, target), bytes, 'image/webp');
    const viewer = await signInAs(ctx, await makeMember(ctx, home));
    const url = (await viewer.get(profileUrl(home, target))).json().photoUrl;
    expect(url).toMatch(new RegExp(`^/api/communities/${home.id}/members/${target.id}/photo\\?v=\\d+$`));
    const photo = await viewer.get(url);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/webp');
    expect(photo.rawPayload.equals(bytes)).toBe(true);

    const outsider = await signInAs(ctx, await makeMember(ctx, elsewhere));
    expect((await outsider.get(url)).statusCode).toBe(403);
    expect((await outsider.get(`/api/communities/${elsewhere.id}/members/${target.id}/photo`)).statusCode).toBe(404);
    expect((await anonymous(ctx).get(url)).statusCode).toBe(401);
    expect((await viewer.get(`/api/communities/${home.id}/members/${home.coordinator.id}/photo`)).statusCode).toBe(404);
    await ctx.database.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2)', [target.id, viewer.userId]);
    expect((await viewer.get(url)).statusCode).toBe(404);
  });
});
