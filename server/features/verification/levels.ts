// The verification rules, pure so that they can be tested on their own (levels.test.ts) and
// reused wherever a level is needed. The database keeps only facts (vouches, checks); a level
// is always derived from them as of a date, so a DBS check lapses without anyone editing a row.
import { DBS_WARNING_DAYS, VERIFICATION_LEVELS, type NextStep, type VerificationLevel } from '../../../common/verification.ts';
import { daysBetween, formatDate } from './dates.ts';

/** Vouches from distinct verified members that make someone vouched. */
export const VOUCHES_NEEDED = 2;

/** A vouch as the rules see it: who vouched, and their level when they did. */
export type VouchFact = { voucherId: string; voucherLevel: string };
/** A check as the rules see it. */
export type CheckFact = { kind: 'identity_address' | 'dbs'; checkedOn: string; expiresOn: string | null };
export type VerificationFacts = { vouches: readonly VouchFact[]; checks: readonly CheckFact[] };

export type LevelResult = {
  level: VerificationLevel;
  vouchCount: number;
  qualifyingVouchCount: number;
  /** The latest DBS expiry on file, lapsed or not. */
  dbsExpiresOn: string | null;
  nextStep: NextStep;
};

const RANK = new Map<string, number>(VERIFICATION_LEVELS.map((level, index) => [level, index]));

/** True when `level` is `min` or above; an unknown level counts as below everything. */
export function levelAtLeast(level: string, min: VerificationLevel): boolean {
  return (RANK.get(level) ?? -1) >= RANK.get(min)!;
}

/** Only members who are verified or above may vouch (so a ring of new accounts cannot). */
export const mayVouch = (level: string) => levelAtLeast(level, 'verified');

/** The number of distinct vouchers who were verified or above when they vouched. */
export function countQualifyingVouches(vouches: readonly VouchFact[]): number {
  return new Set(vouches.filter((v) => mayVouch(v.voucherLevel)).map((v) => v.voucherId)).size;
}

/** The latest DBS expiry date on file, or null. */
export function latestDbsExpiry(checks: readonly CheckFact[]): string | null {
  let latest: string | null = null;
  for (const check of checks) {
    if (check.kind === 'dbs' && check.expiresOn && (latest === null || check.expiresOn > latest)) latest = check.expiresOn;
  }
  return latest;
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

// A current DBS expires after today, so there is always at least one day left.
function daysPhrase(days: number): string {
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/**
 * A member's level as of `today` (YYYY-MM-DD), with what they can do next:
 * - `vouched`: at least two vouches from distinct members who were verified or above when they vouched;
 * - `verified`: a coordinator recorded an identity and address check (vouches no longer matter);
 * - `safeguarding-checked`: verified and a DBS check whose expiry is after today.
 */
export function computeLevel(facts: VerificationFacts, today: string): LevelResult {
  const qualifyingVouchCount = countQualifyingVouches(facts.vouches);
  const identityChecked = facts.checks.some((c) => c.kind === 'identity_address');
  const dbsExpiresOn = latestDbsExpiry(facts.checks);
  const dbsCurrent = dbsExpiresOn !== null && dbsExpiresOn > today;
  const level: VerificationLevel = identityChecked
    ? dbsCurrent ? 'safeguarding-checked' : 'verified'
    : qualifyingVouchCount >= VOUCHES_NEEDED ? 'vouched' : 'registered';
  return { level, vouchCount: facts.vouches.length, qualifyingVouchCount, dbsExpiresOn, nextStep: describeNextStep(level, qualifyingVouchCount, dbsExpiresOn, today) };
}

/** What a member at `level` can do next, in words a resident can act on. */
export function describeNextStep(level: VerificationLevel, qualifyingVouchCount: number, dbsExpiresOn: string | null, today: string): NextStep {
  const daysLeft = dbsExpiresOn !== null && dbsExpiresOn > today ? daysBetween(today, dbsExpiresOn) : null;
  switch (level) {
    case 'registered': {
      const vouchesNeeded = VOUCHES_NEEDED - Math.min(qualifyingVouchCount, VOUCHES_NEEDED);
      const vouches = vouchesNeeded === 1 ? 'one more vouch from a verified member' : `${plural(vouchesNeeded, 'one vouch', 'two vouches')} from verified members`;
      return {
        code: 'vouches_needed',
        message: `Needs ${vouches}, or an identity and address check in person with a coordinator.`,
        vouchesNeeded,
        daysLeft: null,
      };
    }
    case 'vouched':
      return { code: 'identity_check_needed', message: 'Next: an identity and address check in person with a coordinator.', vouchesNeeded: null, daysLeft: null };
    case 'verified':
      if (dbsExpiresOn !== null) {
        return {
          code: 'dbs_expired',
          message: `The DBS check expired on ${formatDate(dbsExpiresOn)}. A new check is needed before any safeguarding work, such as helping someone at home.`,
          vouchesNeeded: null,
          daysLeft: null,
        };
      }
      return {
        code: 'dbs_check_optional',
        message: 'Verified. A DBS check is needed only for safeguarding work, such as helping someone at home.',
        vouchesNeeded: null,
        daysLeft: null,
      };
    case 'safeguarding-checked':
      if (daysLeft !== null && daysLeft <= DBS_WARNING_DAYS) {
        return {
          code: 'dbs_expiring',
          message: `DBS expires ${daysPhrase(daysLeft)} (on ${formatDate(dbsExpiresOn!)}). Arrange a new check with a coordinator to keep doing safeguarding work.`,
          vouchesNeeded: null,
          daysLeft,
        };
      }
      return { code: 'complete', message: `Fully checked. The DBS check is valid until ${formatDate(dbsExpiresOn!)}.`, vouchesNeeded: null, daysLeft };
  }
}
