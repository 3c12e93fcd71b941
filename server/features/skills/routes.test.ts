import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillSlug } from '../../../common/skills.ts';
import { SKILLS_PER_DAY } from './service.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeCommunity, makeMember, makeUser, signInAs, unique } from '../../../test/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx?.close());

describe('the skill list', () => {
  it('is public and starts with the seeded time-bank skills in categories', async () => {
    const res = await anonymous(ctx).get('/api/skills');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: number; slug: string; label: string; category: string }[];
    expect(list.length).toBeGreaterThanOrEqual(40);
    expect(list).toContainEqual(expect.objectContaining({ slug: 'dog-walking', label: 'Dog walking', category: 'care-company' }));
    expect(new Set(list.map((s) => s.category)).size).toBeGreaterThanOrEqual(8);
    // Grouped by category (label order within one follows the database's collation).
    const categories = list.map((s) => s.category);
    expect(categories).toEqual([...categories].sort());
  });
});

describe('adding a skill', () => {
  it('lets anyone signed in add a skill, normalised to a slug', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const label = `Ukulele Lessons ${unique()}!`;
    const res = await client.post('/api/skills', { label, category: 'learning', worksWith: 'neither' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ label, slug: skillSlug(label), category: 'learning', worksWith: null });
    expect(res.json().slug).toMatch(/^ukulele-lessons-[a-z0-9]+$/);
    expect((await anonymous(ctx).get('/api/skills')).json()).toContainEqual(res.json());
    const [row] = await ctx.database.query<{ created_by: string }>('SELECT created_by FROM skills WHERE id = $1', [res.json().id]);
    expect(row.created_by).toBe(client.userId);
  });

  it('defaults the category to other', async () => {
    const res = await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', { label: `Bee keeping ${unique()}`, worksWith: 'neither' });
    expect(res.json().category).toBe('other');
  });

  it('refuses a skill whose slug exists with 409 naming the existing one, changing nothing', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const before = await countRows(ctx, ['skills']);
    const [existing] = await ctx.database.query<{ id: number }>("SELECT id FROM skills WHERE slug = 'dog-walking'");
    for (const label of ['Dog Walking', '  dog   walking!! ', 'DOG-WALKING']) {
      const res = await client.post('/api/skills', { label, worksWith: 'neither' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'skill.exists', field: 'label' });
      expect(res.json().error.message).toContain(`skill ${existing.id}`);
    }
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });

  it.each([
    [{ label: 'x', worksWith: 'neither' }, 'label'],
    [{ label: '!!!', worksWith: 'neither' }, 'label'],
    [{ label: 'y'.repeat(61), worksWith: 'neither' }, 'label'],
    [{ worksWith: 'neither' }, 'label'],
    [{ label: 'Juggling', category: 'circus', worksWith: 'neither' }, 'category'],
    [{ label: 'Juggling' }, 'worksWith'],
    [{ label: 'Juggling', worksWith: 'teenagers' }, 'worksWith'],
  ])('refuses bad input with 400 naming the field (%#)', async (body, field) => {
    const before = await countRows(ctx, ['skills']);
    const res = await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });

  it('needs a signed-in, unsuspended account', async () => {
    const before = await countRows(ctx, ['skills']);
    expect((await anonymous(ctx).post('/api/skills', { label: 'Juggling', worksWith: 'neither' })).statusCode).toBe(401);
    const suspended = await signInAs(ctx, await makeUser(ctx, { suspended: true }));
    const res = await suspended.post('/api/skills', { label: 'Juggling', worksWith: 'neither' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('account.suspended');
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });
});

describe('how many skills one person may add', () => {
  it('is capped per day, with a clear 429 that adds nothing', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    for (let i = 0; i < SKILLS_PER_DAY; i++) {
      expect((await client.post('/api/skills', { label: `Knot tying ${unique()}`, worksWith: 'neither' })).statusCode).toBe(201);
    }
    const before = await countRows(ctx, ['skills']);
    const res = await client.post('/api/skills', { label: `Knot tying ${unique()}`, worksWith: 'neither' });
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('skill.too_many');
    expect(res.json().error.message).toContain('add more tomorrow');
    expect(await countRows(ctx, ['skills'])).toEqual(before);
    // Someone else can still add one.
    expect((await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', { label: `Knot tying ${unique()}`, worksWith: 'neither' })).statusCode).toBe(201);
  });
});

describe('work with children or vulnerable adults', () => {
  it('is asked of whoever adds a skill, and then only safeguarding-checked members may offer it', async () => {
    const c = await makeCommunity(ctx);
    const adder = await makeMember(ctx, c);
    const res = await (await signInAs(ctx, adder)).post('/api/skills', { label: `Babysitting ${unique()}`, category: 'care-company', worksWith: 'children' });
    expect(res.statusCode).toBe(201);
    expect(res.json().worksWith).toBe('children');
    expect((await anonymous(ctx).get('/api/skills')).json()).toContainEqual(res.json());
    const offer = { kind: 'offer', title: 'Evening babysitting', description: 'I can sit with little ones in the evenings.', skillId: res.json().id, durationMinutes: 120, place: 'in_public', availability: 'Evenings' };
    const refused = await (await signInAs(ctx, adder)).post(`/api/communities/${c.id}/listings`, offer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('exchange.safeguarding_required');
    const checked = await makeMember(ctx, c, { verified: true, dbsExpiresOn: '2099-01-01' });
    expect((await (await signInAs(ctx, checked)).post(`/api/communities/${c.id}/listings`, offer)).statusCode).toBe(201);
  });

  it('can be corrected on the shared list by an administrator only', async () => {
    const added = (await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', { label: `Sitting with Gran ${unique()}`, worksWith: 'neither' })).json();
    const path = `/api/skills/${added.id}`;
    const member = await signInAs(ctx, await makeUser(ctx));
    const before = await ctx.database.query('SELECT category, works_with FROM skills WHERE id = $1', [added.id]);
    const notAdmin = await member.patch(path, { worksWith: 'vulnerable_adults' });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().error.code).toBe('auth.admin_only');
    expect((await anonymous(ctx).patch(path, { worksWith: 'vulnerable_adults' })).statusCode).toBe(401);
    const admin = await signInAs(ctx, await makeUser(ctx, { isAdmin: true }));
    expect((await admin.patch(path, {})).statusCode).toBe(400);
    expect((await admin.patch(path, { worksWith: 'pets' })).json().error.field).toBe('worksWith');
    expect((await admin.patch(path, { category: 'circus' })).json().error.field).toBe('category');
    expect((await admin.patch('/api/skills/999999', { worksWith: 'children' })).statusCode).toBe(404);
    expect((await admin.patch('/api/skills/abc', { worksWith: 'children' })).statusCode).toBe(400);
    expect(await ctx.database.query('SELECT category, works_with FROM skills WHERE id = $1', [added.id])).toEqual(before);
    const changed = await admin.patch(path, { worksWith: 'vulnerable_adults', category: 'care-company' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: added.id, category: 'care-company', worksWith: 'vulnerable_adults' });
    expect((await admin.patch(path, { worksWith: 'neither' })).json()).toMatchObject({ category: 'care-company', worksWith: null });
  });
});

describe('skillSlug', () => {
  it('lower-cases, drops accents and joins words with single dashes', () => {
    expect(skillSlug('  Café  Crème & Cakes! ')).toBe('cafe-creme-and-cakes');
    expect(skillSlug('DIY / Repairs')).toBe('diy-repairs');
    expect(skillSlug('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
  });
});
