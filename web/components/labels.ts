// Names for the domain's enumerations in the current language. Each map is typed by the
// shared schema's union, so a new level, role, reason or step fails the typecheck until named.
import type { ReportReason } from '../../common/moderation.ts';
import type { SkillCategory } from '../../common/skills.ts';
import type { NextStep, VerificationLevel } from '../../common/verification.ts';
import { t, type MessageKey } from '../i18n/index.ts';

export type Role = 'member' | 'coordinator' | 'officer' | 'organisation';

export const VERIFICATION_LEVELS: VerificationLevel[] = ['registered', 'vouched', 'verified', 'safeguarding-checked'];
export const REPORT_REASONS: ReportReason[] = ['spam', 'harassment', 'unsafe', 'impersonation', 'inappropriate', 'other'];

export const SKILL_CATEGORIES: SkillCategory[] = ['home-garden', 'care-company', 'getting-about', 'learning', 'computers-phones', 'arts-crafts', 'food', 'paperwork-money', 'health-wellbeing', 'community', 'other'];
const CATEGORY_KEYS: Record<SkillCategory, MessageKey> = {
  'home-garden': 'skillCategories.home-garden',
  'care-company': 'skillCategories.care-company',
  'getting-about': 'skillCategories.getting-about',
  learning: 'skillCategories.learning',
  'computers-phones': 'skillCategories.computers-phones',
  'arts-crafts': 'skillCategories.arts-crafts',
  food: 'skillCategories.food',
  'paperwork-money': 'skillCategories.paperwork-money',
  'health-wellbeing': 'skillCategories.health-wellbeing',
  community: 'skillCategories.community',
  other: 'skillCategories.other',
};

const LEVEL_KEYS: Record<VerificationLevel, MessageKey> = {
  registered: 'levels.registered',
  vouched: 'levels.vouched',
  verified: 'levels.verified',
  'safeguarding-checked': 'levels.safeguarding-checked',
};
const ROLE_KEYS: Record<Role, MessageKey> = { member: 'roles.member', coordinator: 'roles.coordinator', officer: 'roles.officer', organisation: 'roles.organisation' };
const REASON_KEYS: Record<ReportReason, MessageKey> = {
  spam: 'reasons.spam',
  harassment: 'reasons.harassment',
  unsafe: 'reasons.unsafe',
  impersonation: 'reasons.impersonation',
  inappropriate: 'reasons.inappropriate',
  other: 'reasons.other',
};
const STEP_KEYS: Record<NextStep['code'], MessageKey> = {
  vouches_needed: 'nextStep.vouches_needed',
  identity_check_needed: 'nextStep.identity_check_needed',
  dbs_check_optional: 'nextStep.dbs_check_optional',
  dbs_expired: 'nextStep.dbs_expired',
  dbs_expiring: 'nextStep.dbs_expiring',
  complete: 'nextStep.complete',
};

/** The name of a verification level. */
export const levelName = (level: VerificationLevel) => t(LEVEL_KEYS[level]);
/** The name of a membership role. */
export const roleName = (role: Role) => t(ROLE_KEYS[role]);
/** The name of a reason for reporting. */
export const reasonName = (reason: ReportReason) => t(REASON_KEYS[reason]);
/** A member's next verification step (the server's own sentence is English only). */
export const nextStepText = (step: NextStep) => t(STEP_KEYS[step.code], { count: step.vouchesNeeded ?? step.daysLeft ?? 0, days: step.daysLeft ?? 0 });
/** The name of a skill category. */
export const categoryName = (category: string) => t(CATEGORY_KEYS[category as SkillCategory] ?? 'skillCategories.other');
