import { useQuery } from '@tanstack/react-query';
import type { NewSkillBody, Skill } from '../../common/skills.ts';
import { api } from './api.ts';

/** The shared list of skills and interests (used by the directory's filter and by profiles). */
export function useSkills() {
  return useQuery({ queryKey: ['skills'], queryFn: () => api<Skill[]>('/api/skills'), staleTime: 5 * 60_000 });
}

/** Skills grouped by category, in the order given, each group sorted by name. */
export function groupSkills(skills: Skill[], order: readonly string[]): { category: string; skills: Skill[] }[] {
  const groups = new Map<string, Skill[]>();
  for (const skill of skills) {
    const category = order.includes(skill.category) ? skill.category : 'other';
    groups.set(category, [...(groups.get(category) ?? []), skill]);
  }
  return order.filter((category) => groups.has(category)).map((category) => ({ category, skills: groups.get(category)!.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** The answers to "is this work with children or vulnerable adults?", in the order forms offer them. */
export const WORKS_WITH_CHOICES = ['neither', 'children', 'vulnerable_adults'] as const satisfies readonly NewSkillBody['worksWith'][];
