// The shared, extensible list of skills and interests members choose from.
import { z } from 'zod';

/** Skill categories, in the order the web app lists them, with their names. */
export const SKILL_CATEGORIES = {
  'home-garden': 'Home and garden',
  'care-company': 'Care and company',
  'getting-about': 'Getting about',
  learning: 'Learning and teaching',
  'computers-phones': 'Computers and phones',
  'arts-crafts': 'Arts and crafts',
  food: 'Food and cooking',
  'paperwork-money': 'Paperwork and money',
  'health-wellbeing': 'Health and wellbeing',
  community: 'Community and events',
  other: 'Other',
} as const;
export type SkillCategory = keyof typeof SKILL_CATEGORIES;
export const skillCategory = z.enum(Object.keys(SKILL_CATEGORIES) as [SkillCategory, ...SkillCategory[]], { message: 'Choose one of the listed categories' });

/**
 * Work with children or with adults who may be vulnerable is regulated activity: its helper
 * must always be safeguarding-checked, whatever the community's settings say.
 */
export const WORKS_WITH = ['children', 'vulnerable_adults'] as const;
export type WorksWith = (typeof WORKS_WITH)[number];

export const skill = z.object({
  id: z.number().int(),
  /** Lower-case words joined by dashes, e.g. "dog-walking"; unique. */
  slug: z.string(),
  label: z.string(),
  category: z.string(),
  /** Who the help is with when that makes it regulated activity, else null. */
  worksWith: z.enum(WORKS_WITH).nullable(),
});
export type Skill = z.infer<typeof skill>;

/** Turns a label into its slug: "Dog Walking!" becomes "dog-walking". */
export function skillSlug(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export const newSkillBody = z.object({
  label: z
    .string()
    .trim()
    .min(2, { message: 'Use at least 2 characters' })
    .max(60, { message: 'Use at most 60 characters' })
    .refine((label) => skillSlug(label).length > 0, { message: 'Use some letters or numbers' }),
  category: skillCategory.default('other'),
  /** Asked every time, so that nobody adds "Babysitting" that anyone could then offer unchecked. */
  worksWith: z.enum([...WORKS_WITH, 'neither'], {
    message: 'Say whether this help is with children, with adults who may be vulnerable, or neither',
  }),
});
export type NewSkillBody = z.infer<typeof newSkillBody>;

/** An administrator's correction to a skill on the shared list. */
export const skillChangeBody = z
  .object({
    category: skillCategory.optional(),
    worksWith: z.enum([...WORKS_WITH, 'neither'], { message: 'Choose children, vulnerable adults or neither' }).optional(),
  })
  .refine((body) => body.category !== undefined || body.worksWith !== undefined, { message: 'Say what to change: the category, who the help is with, or both' });
export type SkillChangeBody = z.infer<typeof skillChangeBody>;
export const skillParams = z.object({ skillId: z.coerce.number().int().positive({ message: 'Use a skill number from the list' }) });

export const skillList = z.array(skill);
