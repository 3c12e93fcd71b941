import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { skills } from '../../db/schema.ts';
import { conflict, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { skillSlug, type NewSkillBody, type Skill, type SkillChangeBody } from '../../../common/skills.ts';

const present = (row: typeof skills.$inferSelect): Skill => ({ id: row.id, slug: row.slug, label: row.label, category: row.category, worksWith: row.worksWith ?? null });
const worksWithValue = (value: NewSkillBody['worksWith']) => (value === 'neither' ? null : value);

/** Every skill, by category then name. */
export async function listSkills(db: Db): Promise<Skill[]> {
  return (await db.select().from(skills).orderBy(asc(skills.category), asc(skills.label))).map(present);
}

/** Adds a skill to the shared list; 409 naming the existing one when its slug is taken. */
export async function addSkill(db: Db, createdBy: string, input: NewSkillBody): Promise<Skill> {
  const slug = skillSlug(input.label);
  const taken = async () => {
    const [existing] = await db.select().from(skills).where(eq(skills.slug, slug));
    return conflict('skill.exists', `"${existing.label}" is already on the list (skill ${existing.id}). Please choose it instead.`, 'label');
  };
  const [existing] = await db.select({ id: skills.id }).from(skills).where(eq(skills.slug, slug));
  if (existing) throw await taken();
  try {
    const [row] = await db.insert(skills).values({ slug, label: input.label, category: input.category, worksWith: worksWithValue(input.worksWith), createdBy }).returning();
    return present(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw await taken();
    throw error;
  }
}

/**
 * An administrator corrects a skill on the shared list: its category, or whether it is work
 * with children or vulnerable adults. The helper rule reads the mark at every step of an
 * exchange, so from now on only safeguarding-checked members can take such work on.
 */
export async function changeSkill(db: Db, skillId: number, input: SkillChangeBody): Promise<Skill> {
  const [row] = await db
    .update(skills)
    .set({ ...(input.category ? { category: input.category } : {}), ...(input.worksWith ? { worksWith: worksWithValue(input.worksWith) } : {}) })
    .where(eq(skills.id, skillId))
    .returning();
  if (!row) throw notFound('skill');
  return present(row);
}
