// Verification and vouching: the levels, a member's summary, vouching and the checks a
// coordinator records. Shared by the server routes and the web app's forms.
import { z } from 'zod';

/** The levels in order; each unlocks more (see DESIGN.md). */
export const VERIFICATION_LEVELS = ['registered', 'vouched', 'verified', 'safeguarding-checked'] as const;
export const verificationLevel = z.enum(VERIFICATION_LEVELS);
export type VerificationLevel = z.infer<typeof verificationLevel>;

/** Plain-English names for the levels, for badges and filters. */
export const LEVEL_LABELS: Record<VerificationLevel, string> = {
  registered: 'Registered',
  vouched: 'Vouched for',
  verified: 'Verified',
  'safeguarding-checked': 'Safeguarding checked',
};

/** A calendar date as YYYY-MM-DD. */
export const isoDate = z.iso.date({ message: 'Enter a date as YYYY-MM-DD' });

/** A DBS check lapsing within this many days is flagged as expiring. */
export const DBS_WARNING_DAYS = 60;

export const NEXT_STEP_CODES = ['vouches_needed', 'identity_check_needed', 'dbs_check_optional', 'dbs_expired', 'dbs_expiring', 'complete'] as const;

/** What a member can do next to reach (or keep) a level. */
export const nextStep = z.object({
  code: z.enum(NEXT_STEP_CODES),
  /** A sentence to show as it is, e.g. "Needs one more vouch from a verified member." */
  message: z.string(),
  /** How many more vouches from verified members would make them vouched (code vouches_needed). */
  vouchesNeeded: z.number().int().nullable(),
  /** Days until the DBS check lapses (code dbs_expiring or complete with a DBS on file). */
  daysLeft: z.number().int().nullable(),
});
export type NextStep = z.infer<typeof nextStep>;

/** A person as other records show them. */
export const personRef = z.object({ id: z.uuid(), displayName: z.string() });

/** One vouch a member received. */
export const vouchEntry = z.object({
  id: z.uuid(),
  voucher: personRef,
  /** The voucher's level when they vouched; only verified or above counts towards "vouched". */
  voucherLevel: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type VouchEntry = z.infer<typeof vouchEntry>;

export const CHECK_KINDS = ['identity_address', 'dbs'] as const;

/** One check a coordinator recorded (coordinators only: it holds the certificate reference). */
export const checkEntry = z.object({
  id: z.uuid(),
  kind: z.enum(CHECK_KINDS),
  checkedOn: isoDate,
  expiresOn: isoDate.nullable(),
  reference: z.string(),
  note: z.string(),
  /** For a DBS check: true until its expiry date has passed. Identity checks do not lapse. */
  current: z.boolean(),
  recordedBy: personRef,
  createdAt: z.string(),
});
export type CheckEntry = z.infer<typeof checkEntry>;

/**
 * A member's verification as a viewer may see it. Everyone in the community sees the level and
 * vouch counts; the member and coordinators also see the next step and the vouches; only
 * coordinators see the check history.
 */
export const verificationSummary = z.object({
  userId: z.uuid(),
  level: verificationLevel,
  /** Every vouch received. */
  vouchCount: z.number().int(),
  /** Vouches from distinct members who were verified or above when they vouched. */
  qualifyingVouchCount: z.number().int(),
  /** The viewer has vouched for this member already. */
  vouchedByViewer: z.boolean(),
  /** The viewer may vouch for this member now (verified, active, not themself, not yet vouched). */
  viewerCanVouch: z.boolean(),
  /** Latest DBS expiry on file (member and coordinators only). */
  dbsExpiresOn: isoDate.nullable(),
  nextStep: nextStep.nullable(),
  vouches: z.array(vouchEntry).nullable(),
  checks: z.array(checkEntry).nullable(),
});
export type VerificationSummary = z.infer<typeof verificationSummary>;

export const memberRefParams = z.object({ communityId: z.uuid(), userId: z.uuid() });

/** The body of a vouch: an optional note; the body may be left out altogether. */
export const vouchBody = z.object({ note: z.string().trim().max(500, { message: 'Use at most 500 characters' }).default('') }).nullish();
export type VouchBody = z.infer<typeof vouchBody>;

/** The answer to a vouch: the vouch and the member's level after it. */
export const vouchCreated = z.object({
  id: z.uuid(),
  subjectId: z.uuid(),
  createdAt: z.string(),
  level: verificationLevel,
  vouchCount: z.number().int(),
  qualifyingVouchCount: z.number().int(),
});

const note = z.string().trim().max(500, { message: 'Use at most 500 characters' }).default('');

/**
 * A coordinator records a check. An identity and address check needs the date it was done;
 * a DBS check also needs its expiry (after the check date and not in the past) and the
 * certificate reference. The server also refuses dates in the future.
 */
export const checkBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('identity_address'), checkedOn: isoDate, note }),
    z.object({
      kind: z.literal('dbs'),
      checkedOn: isoDate,
      expiresOn: isoDate,
      reference: z.string().trim().min(1, { message: 'Enter the DBS certificate number' }).max(120, { message: 'Use at most 120 characters' }),
      note,
    }),
  ])
  .superRefine((value, issues) => {
    if (value.kind === 'dbs' && value.expiresOn <= value.checkedOn) {
      issues.addIssue({ code: 'custom', path: ['expiresOn'], message: 'The expiry date must be after the date of the check' });
    }
  });
export type CheckBody = z.infer<typeof checkBody>;

/** The answer to recording a check: the check and the member's level after it. */
export const checkCreated = z.object({ check: checkEntry, level: verificationLevel });

/** Coordinators' list of members by verification (for the console). */
export const verificationListQuery = z.object({
  /** Part of a name: coordinators find any member, including those not listed in the directory. */
  q: z.string().trim().max(80).optional(),
  level: verificationLevel.optional(),
  /**
   * By DBS standing: `current` (a DBS on file that has not lapsed), `expiring` (lapses within
   * DBS_WARNING_DAYS), `expired` (the latest DBS on file has lapsed).
   */
  dbs: z.enum(['current', 'expiring', 'expired']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const verificationListEntry = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: z.enum(['member', 'coordinator', 'officer', 'organisation']),
  status: z.enum(['active', 'suspended']),
  level: verificationLevel,
  qualifyingVouchCount: z.number().int(),
  dbsExpiresOn: isoDate.nullable(),
  nextStep: nextStep,
});
export const verificationList = z.object({ total: z.number().int(), items: z.array(verificationListEntry) });
export type VerificationList = z.infer<typeof verificationList>;
