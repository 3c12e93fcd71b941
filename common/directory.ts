// The member directory of a community: who is here, searchable by name, skills and bio.
import { z } from 'zod';
import { roleBadge } from './profiles.ts';
import { verificationLevel } from './verification.ts';

export const directoryQuery = z.object({
  /**
   * Words to look for in names, skills and bios (web-search syntax: "quoted phrases", -without).
   * The start of a name also matches, so "Mar" finds "Margaret".
   */
  q: z.string().trim().max(100, { message: 'Use at most 100 characters' }).optional(),
  /** A skill slug from GET /api/skills, e.g. "dog-walking". */
  skill: z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,60}$/, { message: 'Choose a skill from the list' }).optional(),
  level: verificationLevel.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const directoryEntry = z.object({
  id: z.uuid(),
  kind: z.enum(['person', 'organisation']),
  displayName: z.string(),
  photoUrl: z.string().nullable(),
  /** Their street or area, if they show it; null otherwise. */
  area: z.string().nullable(),
  skills: z.array(z.object({ id: z.number().int(), slug: z.string(), label: z.string() })),
  level: verificationLevel,
  badge: roleBadge,
});
export type DirectoryEntry = z.infer<typeof directoryEntry>;

/** One page of the directory and how many match in all. */
export const directoryPage = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  items: z.array(directoryEntry),
});
export type DirectoryPage = z.infer<typeof directoryPage>;
