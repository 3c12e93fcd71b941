// Which exchanges wait for a coordinator's approval before they can go ahead: those in a
// category the community lists, and, when the community asks, any help given in someone's
// home (a broker often wants to meet both people first). Asked when an exchange is proposed
// and shown on listings, so people know before they ask.
import type { ListingPlace } from '../../../common/offers.ts';
import type { SettingsRow } from '../ledger/settings.ts';

/** True when an exchange of this help needs a coordinator's approval in this community. */
export function needsApproval(settings: { approvalCategories: readonly string[]; approvalInHome: SettingsRow['approvalInHome'] }, work: { category: string; place: ListingPlace | null }): boolean {
  return settings.approvalCategories.includes(work.category) || (settings.approvalInHome && work.place === 'in_someones_home');
}
