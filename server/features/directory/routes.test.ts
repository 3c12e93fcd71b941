import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, giveSkills, makeCommunity, makeImageBytes, makeMember, makeOrganisation, makeVouch, signInAs, type Client, type TestCommunity, type TestUser } from '../../../test/factories.ts';

let ctx: TestContext;
let home: TestCommunity;
let elsewhere: TestCommunity;
let viewer: TestUser;
let client: Client;
const people: Record<string, TestUser> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  home = await makeCommunity(ctx, { name: 'Northfield' });
  elsewhere = await makeCommunity(ctx);
  viewer = await makeMember(ctx, home, { displayName: 'Viv Viewer' });
  client = await signInAs(ctx, viewer);
  people.margaret = await makeMember(ctx, home, { displayName: 'Margaret Oduya', bio: 'Retired teacher who bakes bread on Sundays', area: 'Mill Lane', verified: true });
  people.mark = await makeMember(ctx, home, { displayName: 'Mark Ellis', area: 'Station Road' });
  people.will = await makeMember(ctx, home, { displayName: 'Will Jones', bio: 'Happy to help with gardens' });
  people.hiddenBio = await makeMember(ctx, home, { displayName: 'Quentin Quiet', bio: 'I collect rare marmalade' });
  people.unlisted = await makeMember(ctx, home, { displayName: 'Martha Unlisted' });
  people.suspended = await makeMember(ctx, home, { displayName: 'Marcus Suspended', status: 'suspended' });
  people.left = await makeMember(ctx, home, { displayName: 'Marion Left', status: 'left' });
  people.officer = await makeMember(ctx, home, { displayName: 'Olive Officer', role: 'officer' });
  people.blockedByViewer = await makeMember(ctx, home, { displayName: 'Bella Blocked' });
  people.blocksViewer = await makeMember(ctx, home, { displayName: 'Bruno Blocker' });
  people.organisation = await makeOrganisation(ctx, home, { name: 'Northfield Food Bank', agents: [people.mark], area: 'Church Street', bio: 'Food parcels every Friday' });
  people.outsider = await makeMember(ctx, elsewhere, { displayName: 'Marjorie Elsewhere' });

  await giveSkills(ctx, people.margaret, ['gardening', 'baking']);
  await giveSkills(ctx, people.mark, ['dog-walking']);
  await giveSkills(ctx, people.will, ['baking'], 'interest');
  await giveSkills(ctx, people.outsider, ['gardening']);
  await ctx.database.query('UPDATE profiles SET show_bio = false WHERE user_id = $1', [people.hiddenBio.id]);
  await ctx.database.query('UPDATE profiles SET show_in_directory = false WHERE user_id = $1', [people.unlisted.id]);
  await ctx.database.query('UPDATE profiles SET show_area = false WHERE user_id = $1', [people.mark.id]);
  await ctx.database.query('INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2), ($3, $1)', [viewer.id, people.blockedByViewer.id, people.blocksViewer.id]);
  await makeVouch(ctx, home, people.margaret, people.will);
  await makeVouch(ctx, home, home.coordinator, people.will);
});
afterAll(() => ctx?.close());

const url = (query = '', community: { id: string } = home) => `/api/communities/${community.id}/members${query}`;
const names = async (query: string, as: Client = client) => {
  const res = await as.get(url(query));
  expect(res.statusCode).toBe(200);
  return (res.json().items as { displayName: string }[]).map((i) => i.displayName);
};

describe('listing', () => {
  it('lists active members who chose to be listed, by name, and nobody from another community', async () => {
    const res = await client.get(url());
    expect(res.statusCode).toBe(200);
    const listed = (res.json().items as { displayName: string }[]).map((i) => i.displayName);
    expect(listed).toEqual([home.coordinator.displayName, 'Margaret Oduya', 'Mark Ellis', 'Northfield Food Bank', 'Olive Officer', 'Quentin Quiet', 'Viv Viewer', 'Will Jones'].sort());
    expect(res.json()).toMatchObject({ total: 8, limit: 24, offset: 0 });
  });

  it('presents each entry with area only when shown, skills, level and role badge', async () => {
    const items = (await client.get(url())).json().items as Record<string, unknown>[];
    const byName = (name: string) => items.find((i) => i.displayName === name)!;
    expect(byName('Margaret Oduya')).toEqual({
      id: people.margaret.id, kind: 'person', displayName: 'Margaret Oduya', photoUrl: null, area: 'Mill Lane',
      skills: [expect.objectContaining({ slug: 'baking', label: 'Baking' }), expect.objectContaining({ slug: 'gardening' })], level: 'verified', badge: null,
    });
    expect(byName('Mark Ellis')).toMatchObject({ area: null, skills: [expect.objectContaining({ slug: 'dog-walking' })], level: 'registered' });
    expect(byName('Will Jones')).toMatchObject({ skills: [], level: 'vouched' });
    expect(byName('Northfield Food Bank')).toMatchObject({ kind: 'organisation', badge: 'organisation', area: 'Church Street' });
    expect(byName('Olive Officer').badge).toBe('officer');
    expect(byName(home.coordinator.displayName).badge).toBe('coordinator');
  });

  it('gives a photo url once a member has a photo', async () => {
    const member = await makeMember(ctx, elsewhere, { displayName: 'Pia Photo' });
    await (await signInAs(ctx, member)).request('PUT', '/api/profile/photo', makeImageBytes('image/png'), { 'content-type': 'image/png' });
    const items = (await (await signInAs(ctx, elsewhere.coordinator)).get(url('', elsewhere))).json().items as { id: string; photoUrl: string | null }[];
    expect(items.find((i) => i.id === member.id)!.photoUrl).toMatch(new RegExp(`^/api/communities/${elsewhere.id}/members/${member.id}/photo\\?v=\\d+$`));
  });

  it('hides people the viewer blocked and people who blocked the viewer', async () => {
    const all = await names('');
    expect(all).not.toContain('Bella Blocked');
    expect(all).not.toContain('Bruno Blocker');
    expect(await names('', await signInAs(ctx, people.margaret))).toEqual(expect.arrayContaining(['Bella Blocked', 'Bruno Blocker']));
  });

  it('pages with limit and offset and keeps the total', async () => {
    const first = (await client.get(url('?limit=3'))).json();
    const second = (await client.get(url('?limit=3&offset=3'))).json();
    expect(first.total).toBe(8);
    expect(second.total).toBe(8);
    expect(first.items).toHaveLength(3);
    const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(6);
    expect((await client.get(url('?offset=40'))).json()).toEqual({ total: 8, limit: 24, offset: 40, items: [] });
  });
});

describe('search', () => {
  it('finds names by their start, so "Mar" finds Margaret and Mark', async () => {
    expect(await names('?q=Mar')).toEqual(['Margaret Oduya', 'Mark Ellis']);
    expect(await names('?q=odu')).toEqual(['Margaret Oduya']);
    expect(await names('?q=Margaret%20O')).toEqual(['Margaret Oduya']);
  });

  it('finds skills and bios by their words, stemmed', async () => {
    expect(await names('?q=gardening')).toEqual(['Margaret Oduya', 'Will Jones']);
    expect(await names('?q=walking%20dogs')).toEqual(['Mark Ellis']);
    expect(await names('?q=baked')).toEqual(['Margaret Oduya']);
    expect(await names('?q=food%20parcels')).toEqual(['Northfield Food Bank']);
  });

  it('does not find someone by the words of a bio they hide', async () => {
    expect(await names('?q=marmalade')).toEqual([]);
    expect(await names('?q=Quentin')).toEqual(['Quentin Quiet']);
  });

  it('finds a name that is also a common word, like Will', async () => {
    expect(await names('?q=will')).toEqual(['Will Jones']);
  });

  it('treats search syntax and LIKE wildcards as text', async () => {
    expect(await names('?q=%25')).toEqual([]);
    expect(await names('?q=_')).toEqual([]);
    expect(await names('?q=%22bread%20on%20sundays%22')).toEqual(['Margaret Oduya']);
    expect(await names('?q=bread%20-teacher')).toEqual([]);
  });

  it('keeps the search up to date as names, skills and bios change', async () => {
    const member = await makeMember(ctx, home, { displayName: 'Tess Changing' });
    const own = await signInAs(ctx, member);
    expect(await names('?q=knitting')).toEqual([]);
    const knitting = (await ctx.database.query<{ id: number }>("SELECT id FROM skills WHERE slug = 'knitting'"))[0].id;
    await own.patch('/api/profile', { skillIds: [knitting], bio: 'Loves crosswords', displayName: 'Tessa Renamed' });
    expect(await names('?q=knitting')).toEqual(['Tessa Renamed']);
    expect(await names('?q=crosswords')).toEqual(['Tessa Renamed']);
    expect(await names('?q=Tessa')).toEqual(['Tessa Renamed']);
    await own.patch('/api/profile', { skillIds: [], privacy: { showBio: false } });
    expect(await names('?q=knitting')).toEqual([]);
    expect(await names('?q=crosswords')).toEqual([]);
    await own.patch('/api/profile', { privacy: { showInDirectory: false } });
    expect(await names('?q=Tessa')).toEqual([]);
  });
});

describe('filters', () => {
  it('filters by skill slug, counting skills offered, not interests', async () => {
    expect(await names('?skill=baking')).toEqual(['Margaret Oduya']);
    expect(await names('?skill=gardening')).toEqual(['Margaret Oduya']);
    expect(await names('?skill=no-such-skill')).toEqual([]);
  });

  it('filters by verification level', async () => {
    expect(await names('?level=vouched')).toEqual(['Will Jones']);
    expect(await names('?level=verified')).toEqual([home.coordinator.displayName, 'Margaret Oduya'].sort());
    expect(await names('?level=safeguarding-checked')).toEqual([]);
  });

  it('combines search, skill and level', async () => {
    expect(await names('?q=mar&skill=gardening&level=verified')).toEqual(['Margaret Oduya']);
    expect(await names('?q=mar&level=registered')).toEqual(['Mark Ellis']);
  });
});

describe('access and input', () => {
  it.each([
    ['?level=famous', 'level'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?offset=-1', 'offset'],
    ['?skill=Not%20A%20Slug!', 'skill'],
    [`?q=${'a'.repeat(101)}`, 'q'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const res = await client.get(url(query));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
  });

  it('is for members of the community only', async () => {
    expect((await anonymous(ctx).get(url())).statusCode).toBe(401);
    expect((await (await signInAs(ctx, people.outsider)).get(url())).statusCode).toBe(403);
    expect((await (await signInAs(ctx, people.left)).get(url())).statusCode).toBe(403);
    expect((await client.get(url('', { id: crypto.randomUUID() }))).statusCode).toBe(404);
    expect(await names('', await signInAs(ctx, people.suspended))).toContain('Margaret Oduya');
  });
});
