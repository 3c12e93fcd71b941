import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillSlug } from '../../../common/skills.ts';
import { createTestContext, type TestContext } from '../../../test/context.ts';
import { anonymous, countRows, makeUser, signInAs, unique } from '../../../test/factories.ts';

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
    const res = await client.post('/api/skills', { label, category: 'learning' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ label, slug: skillSlug(label), category: 'learning' });
    expect(res.json().slug).toMatch(/^ukulele-lessons-[a-z0-9]+$/);
    expect((await anonymous(ctx).get('/api/skills')).json()).toContainEqual(res.json());
    const [row] = await ctx.database.query<{ created_by: string }>('SELECT created_by FROM skills WHERE id = $1', [res.json().id]);
    expect(row.created_by).toBe(client.userId);
  });

  it('defaults the category to other', async () => {
    const res = await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', { label: `Bee keeping ${unique()}` });
    expect(res.json().category).toBe('other');
  });

  it('refuses a skill whose slug exists with 409 naming the existing one, changing nothing', async () => {
    const client = await signInAs(ctx, await makeUser(ctx));
    const before = await countRows(ctx, ['skills']);
    const [existing] = await ctx.database.query<{ id: number }>("SELECT id FROM skills WHERE slug = 'dog-walking'");
    for (const label of ['Dog Walking', '  dog   walking!! ', 'DOG-WALKING']) {
      const res = await client.post('/api/skills', { label });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'skill.exists', field: 'label' });
      expect(res.json().error.message).toContain(`skill ${existing.id}`);
    }
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });

  it.each([
    [{ label: 'x' }, 'label'],
    [{ label: '!!!' }, 'label'],
    [{ label: 'y'.repeat(61) }, 'label'],
    [{}, 'label'],
    [{ label: 'Juggling', category: 'circus' }, 'category'],
  ])('refuses bad input with 400 naming the field (%#)', async (body, field) => {
    const before = await countRows(ctx, ['skills']);
    const res = await (await signInAs(ctx, await makeUser(ctx))).post('/api/skills', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe(field);
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });

  it('needs a signed-in, unsuspended account', async () => {
    const before = await countRows(ctx, ['skills']);
    expect((await anonymous(ctx).post('/api/skills', { label: 'Juggling' })).statusCode).toBe(401);
    const suspended = await signInAs(ctx, await makeUser(ctx, { suspended: true }));
    const res = await suspended.post('/api/skills', { label: 'Juggling' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('account.suspended');
    expect(await countRows(ctx, ['skills'])).toEqual(before);
  });
});

describe('skillSlug', () => {
  it('lower-cases, drops accents and joins words with single dashes', () => {
    expect(skillSlug('  Café  Crème & Cakes! ')).toBe('cafe-creme-and-cakes');
    expect(skillSlug('DIY / Repairs')).toBe('diy-repairs');
    expect(skillSlug('a'.repeat(59) + ' b')).toBe('a'.repeat(59));
  });
});
