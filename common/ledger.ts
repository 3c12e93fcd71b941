// The hour ledger: time-bank settings, statements, the community fund, reversals, group
// exchanges and coordinator reports. Hours are always integer minutes.
import { z } from 'zod';
import { communityParams } from './communities.ts';
import { skillCategory } from './skills.ts';
import { verificationLevel } from './verification.ts';

/** One exchange records at most a day's work; anything longer is almost certainly a typo. */
export const MAX_EXCHANGE_MINUTES = 24 * 60;
/** The most one donation or grant may move (500 hours). */
export const MAX_TRANSFER_MINUTES = 500 * 60;

/** Minutes in words for people: 90 → "1 h 30 min", -45 → "-45 min". */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minutes));
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

export const isoDate = z.iso.date({ message: 'Use a date like 2026-03-31' });

/** Minutes worked in one exchange: a whole number from 1 to 1440. */
export const exchangeMinutes = z
  .number({ message: 'Enter the time in minutes' })
  .int({ message: 'Use whole minutes' })
  .min(1, { message: 'Enter at least 1 minute' })
  .max(MAX_EXCHANGE_MINUTES, { message: 'One exchange can record at most 24 hours (1440 minutes)' });

/** Minutes moved by a donation or grant. */
export const transferMinutes = z
  .number({ message: 'Enter the time in minutes' })
  .int({ message: 'Use whole minutes' })
  .min(1, { message: 'Enter at least 1 minute' })
  .max(MAX_TRANSFER_MINUTES, { message: 'One transfer can move at most 500 hours (30000 minutes)' });

export const TIMEBANK_MODES = ['zero_sum', 'participation'] as const;
export const timebankMode = z.enum(TIMEBANK_MODES);
export type TimebankMode = z.infer<typeof timebankMode>;

const categories = z.array(skillCategory).max(50).transform((list) => [...new Set(list)]);

export const timebankSettings = z.object({
  communityId: z.uuid(),
  mode: timebankMode,
  maxDebitMinutes: z.number(),
  maxCreditMinutes: z.number(),
  autoConfirmDays: z.number(),
  approvalCategories: z.array(z.string()),
  /** Every exchange of help in someone's home needs a coordinator's approval, whatever its category. */
  approvalInHome: z.boolean(),
  /** Categories whose helper must be safeguarding-checked, on top of work with children or vulnerable adults, which always needs it. */
  safeguardingCategories: z.array(z.string()),
  /** The level a helper needs for help given in someone's home. */
  homeVisitLevel: verificationLevel,
  updatedAt: z.string(),
});
export type TimebankSettings = z.infer<typeof timebankSettings>;

export const timebankSettingsUpdate = z.object({
  mode: timebankMode.optional(),
  maxDebitMinutes: z.number().int({ message: 'Use whole minutes' }).min(0).max(600_000, { message: 'Use at most 10000 hours' }).optional(),
  maxCreditMinutes: z.number().int({ message: 'Use whole minutes' }).min(60, { message: 'Allow at least 1 hour of credit' }).max(600_000, { message: 'Use at most 10000 hours' }).optional(),
  autoConfirmDays: z.number().int().min(1, { message: 'Use at least 1 day' }).max(90, { message: 'Use at most 90 days' }).optional(),
  approvalCategories: categories.optional(),
  approvalInHome: z.boolean({ message: 'Say yes or no' }).optional(),
  safeguardingCategories: categories.optional(),
  homeVisitLevel: verificationLevel.optional(),
});
export type TimebankSettingsUpdate = z.infer<typeof timebankSettingsUpdate>;

export const LEDGER_TRANSACTION_KINDS = ['exchange', 'group_exchange', 'donation', 'grant', 'reversal'] as const;
export const ledgerTransactionKind = z.enum(LEDGER_TRANSACTION_KINDS);

export const statementQuery = z.object({
  /** Whose statement: yourself by default; an organisation you act for; anyone for a coordinator. */
  userId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Entries older than this entry id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
});
export type StatementQuery = z.infer<typeof statementQuery>;

export const statementEntry = z.object({
  id: z.number(),
  transactionId: z.uuid(),
  kind: ledgerTransactionKind,
  postedAt: z.string(),
  /** Positive: minutes in; negative: minutes out. */
  amount: z.number(),
  /** The account's balance just after this entry (null in participation-only mode). */
  balanceAfter: z.number().nullable(),
  /** Who or what was on the other side, in words ("Ada Lovelace", "Community fund"). */
  counterparty: z.string(),
  description: z.string(),
  exchangeId: z.uuid().nullable(),
  reversesId: z.uuid().nullable(),
  reversedBy: z.uuid().nullable(),
});
export type StatementEntry = z.infer<typeof statementEntry>;

export const statement = z.object({
  account: z.object({
    userId: z.uuid(),
    displayName: z.string(),
    mode: timebankMode,
    /** Null in participation-only mode, where balances are not kept for members. */
    balance: z.number().nullable(),
    givenMinutes: z.number(),
    receivedMinutes: z.number(),
    limits: z.object({ maxDebitMinutes: z.number(), maxCreditMinutes: z.number() }).nullable(),
  }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  entries: z.array(statementEntry),
  nextBefore: z.number().nullable(),
});
export type Statement = z.infer<typeof statement>;

export const statementCsvQuery = statementQuery.omit({ limit: true, before: true });

export const statementTotalsQuery = statementQuery.pick({ userId: true, from: true, to: true });

/** What a statement adds up to over a period (the whole history when no dates are given). */
export const statementTotals = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  mode: timebankMode,
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** The balance before the period's first day (null in participation-only mode). */
  openingBalance: z.number().nullable(),
  /** The balance at the end of the period's last day (null in participation-only mode). */
  closingBalance: z.number().nullable(),
  /** Every entry in and out in the period, whatever its kind. */
  minutesIn: z.number(),
  minutesOut: z.number(),
  /** Hours given and received in exchanges and group activities in the period, net of reversals. */
  givenMinutes: z.number(),
  receivedMinutes: z.number(),
  entries: z.number(),
});
export type StatementTotals = z.infer<typeof statementTotals>;

export const fundSummary = z.object({
  accountId: z.uuid(),
  mode: timebankMode,
  balance: z.number(),
  donatedMinutes: z.number(),
  grantedMinutes: z.number(),
  recent: z.array(statementEntry),
});

export const donationBody = z.object({
  minutes: transferMinutes,
  note: z.string().trim().max(500).default(''),
  /** Donate from an organisation's account that you act for. */
  fromOrganisationId: z.uuid().optional(),
});

export const grantBody = z.object({
  userId: z.uuid(),
  minutes: transferMinutes,
  reason: z.string().trim().min(3, { message: 'Say why the hours are granted' }).max(500),
});

export const reversalBody = z.object({
  reason: z.string().trim().min(3, { message: 'Say why this is being reversed' }).max(500),
});

export const transactionParams = communityParams.extend({ transactionId: z.uuid() });

export const ledgerTransaction = z.object({
  id: z.uuid(),
  kind: ledgerTransactionKind,
  postedAt: z.string(),
  note: z.string(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  exchangeId: z.uuid().nullable(),
  groupExchangeId: z.uuid().nullable(),
  reversesId: z.uuid().nullable(),
  reversedBy: z.uuid().nullable(),
  minutes: z.number(),
  entries: z.array(z.object({ accountId: z.uuid(), userId: z.uuid().nullable(), displayName: z.string(), amount: z.number() })),
});
export type LedgerTransaction = z.infer<typeof ledgerTransaction>;

export const transactionsQuery = z.object({
  kind: ledgerTransactionKind.optional(),
  userId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const groupExchangeBody = z.object({
  title: z.string().trim().min(3, { message: 'Use at least 3 characters' }).max(120),
  skillId: z.number().int().positive(),
  occurredOn: isoDate,
  /** Who spends the hours: the community fund, or a member or organisation (yourself unless you are a coordinator). */
  payer: z.discriminatedUnion('kind', [z.object({ kind: z.literal('fund') }), z.object({ kind: z.literal('member'), userId: z.uuid() })]),
  participants: z
    .array(z.object({ userId: z.uuid(), minutes: exchangeMinutes }))
    .min(1, { message: 'Add at least one participant' })
    .max(100, { message: 'Record at most 100 participants at once' }),
});
export type GroupExchangeBody = z.infer<typeof groupExchangeBody>;

export const groupExchange = z.object({
  id: z.uuid(),
  title: z.string(),
  occurredOn: z.string(),
  transactionId: z.uuid(),
  minutes: z.number(),
  participants: z.array(z.object({ userId: z.uuid(), displayName: z.string(), minutes: z.number() })),
});

export const reportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export const reportMonth = z.object({
  month: z.string(),
  /** Exchange and group-exchange transactions posted, less those reversed in the month. */
  exchanges: z.number(),
  minutesExchanged: z.number(),
  activeMembers: z.number(),
  newMembersFirstExchange: z.number(),
  minutesDonated: z.number(),
  minutesGranted: z.number(),
});

export const reportPerson = z.object({ userId: z.uuid(), displayName: z.string(), minutes: z.number(), exchanges: z.number() });

export const communityReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  mode: timebankMode,
  totals: z.object({
    exchanges: z.number(),
    minutesExchanged: z.number(),
    minutesDonated: z.number(),
    minutesGranted: z.number(),
    reversals: z.number(),
    activeMembers: z.number(),
  }),
  months: z.array(reportMonth),
  topCategories: z.array(z.object({ category: z.string(), exchanges: z.number(), minutes: z.number() })),
  giveOnly: z.array(reportPerson),
  receiveOnly: z.array(reportPerson),
  /** The whole ledger's own check, whatever the period. */
  ledger: z.object({ transactions: z.number(), entries: z.number(), balancesTotal: z.number(), fundBalance: z.number(), balanced: z.boolean() }),
});
export type CommunityReport = z.infer<typeof communityReport>;

export const REPORT_SECTIONS = ['months', 'categories', 'give-only', 'receive-only'] as const;
export const reportCsvQuery = reportQuery.extend({ section: z.enum(REPORT_SECTIONS).default('months') });

export const ledgerCheck = z.object({
  balanced: z.boolean(),
  unbalancedTransactions: z.array(z.uuid()),
  mismatchedAccounts: z.array(z.object({ accountId: z.uuid(), balance: z.number(), sumOfEntries: z.number() })),
  balancesTotal: z.number(),
});
