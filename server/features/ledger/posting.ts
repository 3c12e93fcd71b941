// Posting to the hour ledger: the one way the application writes ledger_transactions and
// ledger_entries.
//
// A posting locks the accounts it touches (SELECT … FOR UPDATE, always in account-id order so
// that two postings over the same accounts cannot deadlock), checks the community's limits
// against the locked balances and inserts the transaction and its entries, through the
// database function kith_ledger_post (migrations/0011_ledger_post.sql). Either the caller
// locks first and the check comes before the insert (postingClauses, which a confirmation joins
// to its own writes), or the function locks and inserts and the check follows, refusing the
// whole database transaction if a limit is broken (postTransaction). The entry trigger moves
// the balances and the deferred constraint trigger checks the sum at commit. Two
// confirmations racing for the last minutes of a debit limit therefore serialise on the
// account row: the second sees the first one's balance and gets a 409.
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { ledgerAccounts, users } from '../../db/schema.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import { formatMinutes, type LEDGER_TRANSACTION_KINDS } from '../../../common/ledger.ts';
import { getSettings, type SettingsRow } from './settings.ts';
import { queryPrepared } from './sql.ts';

export type Leg = { accountId: string; amount: number };

export type Posting = {
  communityId: string;
  kind: (typeof LEDGER_TRANSACTION_KINDS)[number];
  legs: Leg[];
  /** Null when the scheduler posts (auto-confirm). */
  createdBy: string | null;
  note?: string;
  exchangeId?: string;
  groupExchangeId?: string;
  reversesId?: string;
  /** For a reversal: the kind of the transaction it reverses. */
  reversedKind?: Exclude<Posting['kind'], 'reversal'>;
  /** Accounts that may not end below zero whatever the limits (a donor gives only hours they have). */
  noOverdraw?: readonly string[];
};

/** An account as locked for a posting. */
export type LockedAccount = { id: string; kind: 'member' | 'fund'; userId: string | null; balance: number; displayName: string };

/** The community's fund account id (every community has one). */
export async function fundAccountId(db: Db, communityId: string): Promise<string> {
  const [row] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.communityId, communityId), eq(ledgerAccounts.kind, 'fund'), isNull(ledgerAccounts.userId)));
  if (!row) throw notFound('community');
  return row.id;
}

/** The ledger account of each member, opened on first use; by user id. */
export async function memberAccountIds(db: Db, communityId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  const find = () => db.select({ id: ledgerAccounts.id, userId: ledgerAccounts.userId }).from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.communityId, communityId), inArray(ledgerAccounts.userId, ids)));
  let rows = await find();
  if (rows.length < ids.length) {
    // Sorted so that two first postings for the same people insert in the same order.
    const missing = ids.filter((id) => !rows.some((r) => r.userId === id)).sort();
    await db.insert(ledgerAccounts).values(missing.map((userId) => ({ communityId, kind: 'member' as const, userId }))).onConflictDoNothing();
    rows = await find();
  }
  return new Map(rows.map((r) => [r.userId!, r.id]));
}

/** Checks that legs form a valid transaction: two or more distinct accounts, whole non-zero minutes, summing to zero. */
export function assertBalanced(legs: readonly Leg[]): void {
  const accounts = new Set(legs.map((l) => l.accountId));
  const total = legs.reduce((sum, l) => sum + l.amount, 0);
  if (legs.length < 2 || accounts.size !== legs.length || total !== 0 || legs.some((l) => !Number.isSafeInteger(l.amount) || l.amount === 0)) {
    throw new Error(`Unbalanced posting refused: ${JSON.stringify(legs)}`);
  }
}

/**
 * The limit a posting would break, or null. Only movement towards a limit is checked, so a
 * member already past a limit a coordinator has since lowered can still move back towards zero.
 * The fund can never go below zero. Participation-only communities keep no limits. Every
 * posting is held to them, a coordinator's reversal included: the time bank promises that no
 * limit is ever broken (the ledger property test checks it for reversals too).
 */
export function limitBreach(settings: Pick<SettingsRow, 'mode' | 'maxDebitMinutes' | 'maxCreditMinutes'>, accounts: readonly LockedAccount[], legs: readonly Leg[]): AppError | null {
  if (settings.mode === 'participation') return null;
  for (const leg of legs) {
    const account = accounts.find((a) => a.id === leg.accountId)!;
    const after = account.balance + leg.amount;
    if (account.kind === 'fund') {
      if (leg.amount < 0 && after < 0) {
        return conflict('ledger.fund_insufficient', `The community fund holds ${formatMinutes(account.balance)}, which is not enough for ${formatMinutes(-leg.amount)}.`);
      }
      continue;
    }
    if (leg.amount < 0 && after < -settings.maxDebitMinutes) {
      return conflict(
        'ledger.limit_exceeded',
        `This would take ${account.displayName}'s balance to ${formatMinutes(after)}, past this community's limit of ${formatMinutes(settings.maxDebitMinutes)} in debit. ` +
          `They need to earn some hours first, or ask a coordinator.`,
      );
    }
    if (leg.amount > 0 && after > settings.maxCreditMinutes) {
      return conflict(
        'ledger.limit_exceeded',
        `This would take ${account.displayName}'s balance to ${formatMinutes(after)}, past this community's limit of ${formatMinutes(settings.maxCreditMinutes)} in credit. ` +
          `They could spend or donate some hours first, or ask a coordinator.`,
      );
    }
  }
  return null;
}

function overdraw(accounts: readonly LockedAccount[], posting: Posting): AppError | null {
  for (const leg of posting.legs) {
    const account = accounts.find((a) => a.id === leg.accountId)!;
    if (posting.noOverdraw?.includes(account.id) && leg.amount < 0 && account.balance + leg.amount < 0) {
      return conflict('ledger.insufficient_balance', `${account.displayName} has ${formatMinutes(account.balance)} to give, which is not enough for ${formatMinutes(-leg.amount)}.`);
    }
  }
  return null;
}

const lockedColumns = sql`a.id, a.kind, a.user_id AS "userId", a.balance, coalesce(u.display_name, 'The community fund') AS "displayName"`;

/** Locks the accounts in id order and returns them with their balances; 404 if one is not in this community. */
export async function lockAccounts(db: Db, communityId: string, accountIds: readonly string[]): Promise<LockedAccount[]> {
  const ids = [...new Set(accountIds)].sort();
  const rows = await queryPrepared<LockedAccount>(db, sql`
    SELECT ${lockedColumns} FROM ledger_accounts a LEFT JOIN users u ON u.id = a.user_id
    WHERE a.community_id = ${communityId} AND a.id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
    ORDER BY a.id
    FOR UPDATE OF a`);
  if (rows.length !== ids.length) throw notFound('account');
  return rows.map((r) => ({ ...r, balance: Number(r.balance) }));
}

/**
 * Locks the accounts of these members (opening any that do not exist yet) in id order: one
 * query in the usual case where every account exists, two on a member's first posting. By
 * user id.
 */
export async function lockMemberAccounts(db: Db, communityId: string, userIds: readonly string[]): Promise<Map<string, LockedAccount>> {
  const ids = [...new Set(userIds)];
  const lock = () => queryPrepared<LockedAccount>(db, sql`
    SELECT ${lockedColumns} FROM ledger_accounts a LEFT JOIN users u ON u.id = a.user_id
    WHERE a.community_id = ${communityId} AND a.user_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
    ORDER BY a.id
    FOR UPDATE OF a`);
  let rows = await lock();
  if (rows.length < ids.length) {
    // An account this transaction opens is as good as locked: no one else sees it before the
    // commit, and anyone opening the same one waits on its key until then. Sorted so that two
    // first postings for the same people insert in the same order.
    const missing = ids.filter((id) => !rows.some((r) => r.userId === id)).sort();
    const opened = await queryPrepared<LockedAccount>(db, sql`
      WITH a AS (
        INSERT INTO ledger_accounts (community_id, kind, user_id)
        SELECT ${communityId}::uuid, 'member', m.user_id::uuid FROM (VALUES ${sql.join(missing.map((id) => sql`(${id})`), sql`, `)}) AS m(user_id)
        ON CONFLICT DO NOTHING
        RETURNING id, kind, user_id, balance
      )
      SELECT ${lockedColumns} FROM a LEFT JOIN users u ON u.id = a.user_id`);
    // Someone else opened one first (and has committed): lock what is there now.
    rows = opened.length === missing.length ? [...rows, ...opened] : await lock();
  }
  return new Map(rows.map((r) => [r.userId!, { ...r, balance: Number(r.balance) }]));
}

/**
 * Checks a posting against its locked accounts and the community's limits (409
 * `ledger.limit_exceeded`, `ledger.fund_insufficient` or `ledger.insufficient_balance`), and
 * returns the WITH clause that writes it: `ledger_post`, one row with the transaction's
 * `posting_id`. A clause runs only if the statement reads it, so the caller must (say,
 * `(SELECT posting_id FROM ledger_post)`). A caller holding the locks runs it in one statement
 * with its own writes, as the confirmation of an exchange does. The accounts must be locked
 * (lockAccounts, lockMemberAccounts) in the same database transaction, or the limits mean
 * nothing.
 */
export function postingClauses(posting: Posting, settings: SettingsRow, locked: readonly LockedAccount[]): SQL {
  assertBalanced(posting.legs);
  if (posting.legs.some((l) => !locked.some((a) => a.id === l.accountId))) throw new Error('A posting must lock every account it moves.');
  const breach = limitBreach(settings, locked, posting.legs) ?? overdraw(locked, posting);
  if (breach) throw breach;
  return sql`ledger_post AS MATERIALIZED (SELECT posting_id FROM ${postCall(posting)})`;
}

/** The call of kith_ledger_post (migrations/0011_ledger_post.sql), the one writer of ledger rows. */
function postCall(posting: Posting): SQL {
  const baseKind = posting.kind === 'reversal' ? posting.reversedKind : posting.kind;
  if (!baseKind) throw new Error('A reversal must say what kind of transaction it reverses.');
  const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);
  return sql`kith_ledger_post(${posting.communityId}, ${posting.kind}, ${baseKind}, ${posting.exchangeId ?? null}, ${posting.groupExchangeId ?? null},
    ${posting.reversesId ?? null}, ${posting.note ?? ''}, ${posting.createdBy},
    ARRAY[${list(posting.legs.map((l) => l.accountId))}]::uuid[], ARRAY[${list(posting.legs.map((l) => l.amount))}]::integer[])`;
}

type LockedRow = { id: string; kind: 'member' | 'fund'; userId: string | null; balance: number | string };
type PostedRow = { id: string | null; postedAt: Date | string | null; accounts: LockedRow[] | null } & Pick<SettingsRow, 'mode' | 'maxDebitMinutes' | 'maxCreditMinutes'>;

/**
 * Posts one balanced transaction under the community's limits; 409 `ledger.limit_exceeded`,
 * `ledger.fund_insufficient` or `ledger.insufficient_balance` when it would break one, 404 when
 * an account is not the community's. Must run inside the caller's db.transaction so that it
 * commits or rolls back with the change that caused it (an exchange's confirmation, a grant).
 *
 * Callers that already hold the accounts' locks (lockAccounts, lockMemberAccounts) pass the
 * locked rows in, and the limits are checked before anything is written. Otherwise
 * kith_ledger_post locks the accounts in id order, reads the community's limits and writes the
 * posting in one call, and the limits are checked against the balances it locked: a posting
 * that breaks one is refused together with the whole database transaction (kith_ledger_refuse
 * aborts it), so it can never commit, whatever the caller does with the 409.
 */
export async function postTransaction(tx: Db, posting: Posting, settings?: SettingsRow, locked?: readonly LockedAccount[]): Promise<{ id: string; postedAt: Date }> {
  assertBalanced(posting.legs);
  if (locked) {
    const rules = settings ?? (await getSettings(tx, posting.communityId));
    const [row] = await queryPrepared<{ id: string; postedAt: Date | string }>(tx, sql`
      WITH ${postingClauses(posting, rules, locked)}
      SELECT t.id, t.posted_at AS "postedAt" FROM ledger_post p JOIN ledger_transactions t ON t.id = p.posting_id`);
    return { id: row.id, postedAt: new Date(row.postedAt) };
  }
  const [row] = await queryPrepared<PostedRow>(tx, sql`
    SELECT posting_id AS id, posting_at AS "postedAt", locked_accounts AS accounts,
      limits_mode AS mode, max_debit AS "maxDebitMinutes", max_credit AS "maxCreditMinutes"
    FROM ${postCall(posting)}`);
  if (!row.mode) throw notFound('community');
  if (!row.id || !row.postedAt) throw notFound('account');
  // Names are needed only to explain a refusal, so they are read only then.
  const accounts = (row.accounts ?? []).map((a) => ({ ...a, balance: Number(a.balance), displayName: '' }));
  const breachWith = (named: readonly LockedAccount[]) => limitBreach(row, named, posting.legs) ?? overdraw(named, posting);
  if (breachWith(accounts)) {
    const breach = breachWith(await withNames(tx, accounts))!;
    await tx.execute(sql`SELECT kith_ledger_refuse(${breach.message})`).catch(() => undefined);
    throw breach;
  }
  return { id: row.id, postedAt: new Date(row.postedAt) };
}

/** Locked accounts with their holders' names (the fund's is "The community fund"). */
async function withNames(db: Db, accounts: readonly LockedAccount[]): Promise<LockedAccount[]> {
  const people = accounts.flatMap((a) => (a.userId ? [a.userId] : []));
  const rows = people.length > 0 ? await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, people)) : [];
  const names = new Map(rows.map((r) => [r.id, r.displayName]));
  return accounts.map((a) => ({ ...a, displayName: a.userId ? (names.get(a.userId) ?? '') : 'The community fund' }));
}
