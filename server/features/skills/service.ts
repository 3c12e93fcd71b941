import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { skills } from '../../db/schema.ts';
import { AppError, conflict, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { skillSlug, type NewSkillBody, type Skill, type SkillChangeBody } from '../../../common/skills.ts';

const present = (row: typeof skills.$inferSelect): Skill => ({ id: row.id, slug: row.slug, label: row.label, category: row.category, worksWith: row.worksWith ?? null });
const worksWithValue = (value: NewSkillBody['worksWith']) => (value === 'neither' ? null : value);

/** Every skill, by category then name. */
export async function listSkills(db: Db): Promise<Skill[]> {
  return (await db.select().from(skills).orderBy(asc(skills.category), asc(skills.label))).map(present);
}

/**
 * How many skills one person may add to the shared list in a day: more than anyone's real gaps,
 * too few to flood a list every community shares. A soft cap (two requests at the same moment
 * may both pass), which is all a guard against clutter needs.
 */
export const SKILLS_PER_DAY = 10;

/** Adds a skill to the shared list; 409 naming the existing one when its slug is taken, 429 past the day's cap. */
export async function addSkill(db: Db, createdBy: string, input: NewSkillBody): Promise<Skill> {
  const slug = skillSlug(input.label);
  const taken = async () => {
    const [existing] = await db.select().from(skills).where(eq(skills.slug, slug));
    return conflict('skill.exists', `"${existing.label}" is already on the list (skill ${existing.id}). Please choose it instead.`, 'label');
  };
  const [existing] = await db.select({ id: skills.id }).from(skills).where(eq(skills.slug, slug));
  if (existing) throw await taken();
  const [{ today }] = await db
    .select({ today: count() })
    .from(skills)
    .where(and(eq(skills.createdBy, createdBy), gt(skills.createdAt, sql`now() - interval '1 day'`)));
  if (today >= SKILLS_PER_DAY) {
    throw new AppError('rate_limited', 'skill.too_many', `You have added ${today} skills to the list today, the most one person can in a day. Please choose from the list, or add more tomorrow.`);
  }
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
