// Safeguarding: in the categories a community lists (by default care and company), the helper
// must be safeguarding-checked, i.e. hold a current DBS check recorded by a coordinator. The
// level comes from the verification feature, as of today in London, so a lapsed check stops
// counting without anyone editing a row.
import type { Db } from '../../db/client.ts';
import { forbidden } from '../../lib/errors.ts';
import type { SettingsRow } from '../ledger/settings.ts';
import { todayIn } from '../verification/dates.ts';
import { getVerificationLevel, getVerificationLevels, levelAtLeast } from '../verification/service.ts';
import { loadParties } from './parties.ts';

/** True when the community asks for a safeguarding check in this category. */
export const needsSafeguarding = (settings: Pick<SettingsRow, 'safeguardingCategories'>, category: string) => settings.safeguardingCategories.includes(category);

/** Which of these members are safeguarding-checked today. */
export async function safeguardingChecked(db: Db, communityId: string, userIds: readonly string[]): Promise<Set<string>> {
  const levels = await getVerificationLevels(db, communityId, userIds, todayIn());
  return new Set([...levels].filter(([, result]) => levelAtLeast(result.level, 'safeguarding-checked')).map(([id]) => id));
}

/**
 * Throws 403 `exchange.safeguarding_required` when the category needs a check the helper does not
 * have; the message speaks to the person asking, whether they are the helper or not.
 */
export async function requireSafeguarded(db: Db, communityId: string, settings: SettingsRow, skill: { label: string; category: string }, helperId: string, askerId: string): Promise<void> {
  if (!needsSafeguarding(settings, skill.category)) return;
  const { level } = await getVerificationLevel(db, communityId, helperId, todayIn());
  if (levelAtLeast(level, 'safeguarding-checked')) return;
  if (helperId === askerId) {
    throw forbidden('exchange.safeguarding_required', `Helping with ${skill.label.toLowerCase()} needs a current DBS check recorded by a coordinator. Please ask a coordinator about getting one.`);
  }
  const name = (await loadParties(db, communityId, [helperId])).get(helperId)?.displayName ?? 'This member';
  throw forbidden('exchange.safeguarding_required', `${name} cannot help with ${skill.label.toLowerCase()} yet: it needs a current DBS check. A coordinator can suggest someone who has one.`);
}
