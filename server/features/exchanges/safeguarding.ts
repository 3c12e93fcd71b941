// Who may help with what. One rule, asked wherever someone could end up helping: posting or
// reopening an offer, the listing a member opens (what it needs and whether they could answer
// it), matching, and each step of an exchange (propose, accept, and again when the time is
// recorded, so a DBS check that lapsed in between is caught).
//
// - Work with children or with adults who may be vulnerable (skills the catalogue marks,
//   skills.works_with) always needs the helper to be safeguarding-checked: that is regulated
//   activity, which the law defines, so no community setting turns it off.
// - A community adds whole categories (settings.safeguardingCategories, by default care and company).
// - Help in someone's home needs the level the community chooses (settings.homeVisitLevel, by
//   default verified: identity and address checked in person by a coordinator).
//
// Levels come from the verification feature as of today in London, so a lapsed check stops
// counting without anyone editing a row.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { listings, skills } from '../../db/schema.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import type { HelperNeed, HelperNeedReason, ListingPlace } from '../../../common/offers.ts';
import type { WorksWith } from '../../../common/skills.ts';
import type { VerificationLevel } from '../../../common/verification.ts';
import type { SettingsRow } from '../ledger/settings.ts';
import { todayIn } from '../verification/dates.ts';
import { getVerificationLevels, levelAtLeast } from '../verification/service.ts';
import { loadParties } from './parties.ts';

export type { WorksWith };

/** The help in question: its skill's category and catalogue mark, and where it happens (null when not known, as for proxy records). */
export type HelpWork = { category: string; worksWith: WorksWith | null; place: ListingPlace | null };

/** The rule, pure: what the helper must be for this work in this community, or null when anyone may help. */
export function helperNeed(settings: { safeguardingCategories: readonly string[]; homeVisitLevel: SettingsRow['homeVisitLevel'] }, work: HelpWork): HelperNeed | null {
  const reasons: HelperNeedReason[] = [];
  if (work.worksWith) reasons.push(work.worksWith);
  if (settings.safeguardingCategories.includes(work.category)) reasons.push('category');
  const safeguarding = reasons.length > 0;
  const home = work.place === 'in_someones_home' && settings.homeVisitLevel !== 'registered';
  if (home) reasons.push('in_someones_home');
  if (!safeguarding && !home) return null;
  return { level: safeguarding ? 'safeguarding-checked' : settings.homeVisitLevel, reasons };
}

/** True when a helper at `level` may do work that needs `need`. */
export const meetsNeed = (level: string | undefined, need: HelperNeed | null): boolean => need === null || (level !== undefined && levelAtLeast(level, need.level));

/** Members' levels in the community as of `today`. */
export async function helperLevels(db: Db, communityId: string, userIds: readonly string[], today = todayIn()): Promise<Map<string, VerificationLevel>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const levels = await getVerificationLevels(db, communityId, ids, today);
  return new Map([...levels].map(([id, result]) => [id, result.level]));
}

/** Which of these members are safeguarding-checked today. */
export async function safeguardingChecked(db: Db, communityId: string, userIds: readonly string[]): Promise<Set<string>> {
  const levels = await helperLevels(db, communityId, userIds);
  return new Set([...levels].filter(([, level]) => levelAtLeast(level, 'safeguarding-checked')).map(([id]) => id));
}

const WHY: Record<HelperNeedReason, string> = {
  children: 'it is work with children',
  vulnerable_adults: 'it is work with adults who may be vulnerable',
  category: 'this community asks for it in this kind of help',
  in_someones_home: "it happens in someone's home",
};

const WHAT: Record<VerificationLevel, string> = {
  registered: 'a member',
  vouched: 'vouched for by two verified members',
  verified: 'verified by a coordinator, who checks identity and address in person',
  'safeguarding-checked': 'safeguarding-checked, with a current DBS check recorded by a coordinator',
};

/** Throws 403 unless the helper meets the need; the message speaks to the person asking, whether they are the helper or not. */
async function requireMeets(db: Db, communityId: string, need: HelperNeed | null, label: string, helperId: string, askerId: string, today = todayIn()): Promise<void> {
  if (need === null) return;
  const level = (await helperLevels(db, communityId, [helperId], today)).get(helperId);
  if (meetsNeed(level, need)) return;
  const code = need.level === 'safeguarding-checked' ? 'exchange.safeguarding_required' : 'exchange.verification_required';
  const why = need.reasons.map((r) => WHY[r]).join(' and ');
  const skill = label.toLowerCase();
  if (helperId === askerId) {
    throw forbidden(code, `Helping with ${skill} needs you to be ${WHAT[need.level]}, because ${why}. Please ask a coordinator about it.`);
  }
  const name = (await loadParties(db, communityId, [helperId])).get(helperId)?.displayName ?? 'This member';
  throw forbidden(code, `${name} cannot help with ${skill} yet: the helper must be ${WHAT[need.level]}, because ${why}. A coordinator can suggest someone who is.`);
}

/**
 * The check for a skill, where the help happens when it is known (offers, proposals, proxy
 * records): 403 `exchange.safeguarding_required` or `exchange.verification_required` when the
 * helper does not meet what the work needs.
 */
export async function requireSafeguarded(db: Db, communityId: string, settings: SettingsRow, skill: { id?: number; label: string; category: string }, helperId: string, askerId: string, place: ListingPlace | null = null): Promise<void> {
  const worksWith = skill.id === undefined ? null : await worksWithOf(db, skill.id);
  await requireMeets(db, communityId, helperNeed(settings, { category: skill.category, worksWith, place }), skill.label, helperId, askerId);
}

/**
 * The check for an exchange already under way, as of `today`: the skill and category it was
 * agreed in and where its listing says the help happens. Accepting and recording the time ask
 * it again, so a check that lapsed since the proposal stops the exchange.
 */
export async function requireExchangeHelper(
  db: Db,
  communityId: string,
  settings: SettingsRow,
  ex: { listingId: string | null; skillId: number; category: string; providerId: string },
  askerId: string,
  today = todayIn(),
): Promise<void> {
  const [work] = await db
    .select({ label: skills.label, worksWith: skills.worksWith, place: sql<ListingPlace | null>`${listings.place}` })
    .from(skills)
    .leftJoin(listings, and(eq(listings.id, sql`${ex.listingId}::uuid`), eq(listings.communityId, communityId)))
    .where(eq(skills.id, ex.skillId));
  const need = helperNeed(settings, { category: ex.category, worksWith: work?.worksWith ?? null, place: work?.place ?? null });
  await requireMeets(db, communityId, need, work?.label ?? ex.category, ex.providerId, askerId, today);
}

/**
 * The check for several helpers at once, as a group activity credits them (where it happened is
 * not recorded, so the skill's mark and category decide): 403 naming everyone who does not meet
 * what the work needs, so the person recording can take them off or ask a coordinator.
 */
export async function requireHelpersSafeguarded(
  db: Db,
  communityId: string,
  settings: SettingsRow,
  skill: { label: string; category: string; worksWith: WorksWith | null },
  helperIds: readonly string[],
): Promise<void> {
  const need = helperNeed(settings, { category: skill.category, worksWith: skill.worksWith, place: null });
  if (need === null) return;
  const levels = await helperLevels(db, communityId, helperIds);
  const short = helperIds.filter((id) => !meetsNeed(levels.get(id), need));
  if (short.length === 0) return;
  const parties = await loadParties(db, communityId, short);
  const names = short.map((id) => parties.get(id)?.displayName ?? 'a member');
  const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const why = need.reasons.map((r) => WHY[r]).join(' and ');
  throw new AppError(
    'forbidden',
    need.level === 'safeguarding-checked' ? 'exchange.safeguarding_required' : 'exchange.verification_required',
    `Everyone credited for ${skill.label.toLowerCase()} must be ${WHAT[need.level]}, because ${why}; ${who} ${names.length === 1 ? 'is' : 'are'} not yet. Take them off this activity or ask a coordinator.`,
    'participants',
  );
}

async function worksWithOf(db: Db, skillId: number): Promise<WorksWith | null> {
  const [row] = await db.select({ worksWith: skills.worksWith }).from(skills).where(eq(skills.id, skillId));
  return row?.worksWith ?? null;
}
