import type { PrivacySection } from '../../lib/privacy-section.ts';
import { exchangesPrivacy, ledgerPrivacy, listingsPrivacy, notificationsPrivacy, referencesPrivacy } from '../exchanges/privacy.ts';
import { notificationPreferencesPrivacy } from '../offers/preferences.ts';
import { trustPrivacy } from '../trust/privacy.ts';

/** Every feature's part in the export and the erasure, beyond the foundation's own tables. */
export const PRIVACY_SECTIONS: PrivacySection[] = [listingsPrivacy, exchangesPrivacy, referencesPrivacy, ledgerPrivacy, notificationsPrivacy, notificationPreferencesPrivacy, trustPrivacy];
