import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { VerificationList } from '../../../../common/verification.ts';
import type {
  CommunityReport,
  fundSummary,
  GroupExchangeBody,
  groupExchange,
  LedgerTransaction,
  Statement,
  StatementTotals,
  TimebankSettings,
  TimebankSettingsUpdate,
} from '../../../../common/ledger.ts';
import { api, query } from '../../../lib/api.ts';

export type FundSummary = z.infer<typeof fundSummary>;
export type GroupExchange = z.infer<typeof groupExchange>;
export type StatementFilter = { userId: string; from: string; to: string };
export type TransactionFilter = { kind: LedgerTransaction['kind'] | ''; offset: number };
export const STATEMENT_PAGE_SIZE = 50;
export const TRANSACTIONS_PAGE_SIZE = 20;

const base = (communityId: string) => `/api/communities/${communityId}`;

/** The time bank's rules in this community: accounting mode, limits, auto-confirm days, categories. */
export function useTimebankSettings(communityId: string) {
  return useQuery({ queryKey: ['timebank-settings', communityId], queryFn: () => api<TimebankSettings>(`${base(communityId)}/timebank/settings`), staleTime: 5 * 60_000 });
}

/** Changes the time bank's rules (coordinators). */
export function useUpdateTimebankSettings(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TimebankSettingsUpdate) => api<TimebankSettings>(`${base(communityId)}/timebank/settings`, { method: 'PUT', body }),
    onSuccess: (settings) => {
      client.setQueryData(['timebank-settings', communityId], settings);
      void client.invalidateQueries({ queryKey: ['listings', communityId] });
      void client.invalidateQueries({ queryKey: ['statement', communityId] });
    },
  });
}

/** A statement, newest entries first, a page at a time ("show older entries" loads the next). */
export function useStatement(communityId: string, filter: StatementFilter) {
  return useInfiniteQuery({
    queryKey: ['statement', communityId, filter],
    queryFn: ({ pageParam }) =>
      api<Statement>(`${base(communityId)}/ledger/statement${query({ userId: filter.userId, from: filter.from, to: filter.to, limit: STATEMENT_PAGE_SIZE, before: pageParam })}`),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

/** What a statement adds up to between its dates: asked only when a period is chosen. */
export function useStatementTotals(communityId: string, filter: StatementFilter) {
  return useQuery({
    // Under the statement's key, so whatever refreshes the statement refreshes these too.
    queryKey: ['statement', communityId, 'totals', filter],
    queryFn: () => api<StatementTotals>(`${base(communityId)}/ledger/statement/totals${query({ userId: filter.userId, from: filter.from, to: filter.to })}`),
    enabled: Boolean(filter.from || filter.to),
  });
}

/** The address of a statement as a CSV file (a plain link: the browser downloads it with the session cookie). */
export const statementCsvUrl = (communityId: string, filter: StatementFilter) =>
  `${base(communityId)}/ledger/statement.csv${query({ userId: filter.userId, from: filter.from, to: filter.to })}`;

/** The community fund: its balance, what was donated and granted, and its latest entries. */
export function useFund(communityId: string) {
  return useQuery({ queryKey: ['fund', communityId], queryFn: () => api<FundSummary>(`${base(communityId)}/ledger/fund`) });
}

function useRefreshLedger(communityId: string) {
  const client = useQueryClient();
  return () => {
    for (const key of ['fund', 'statement', 'transactions', 'timebank-report', 'exchange', 'notifications']) void client.invalidateQueries({ queryKey: [key, communityId] });
  };
}

/** Gives hours to the community fund. */
export function useDonate(communityId: string) {
  const refresh = useRefreshLedger(communityId);
  return useMutation({
    mutationFn: (body: { minutes: number; note: string; fromOrganisationId?: string }) => api<LedgerTransaction>(`${base(communityId)}/ledger/donations`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** Grants hours from the community fund to a member (coordinators). */
export function useGrant(communityId: string) {
  const refresh = useRefreshLedger(communityId);
  return useMutation({
    mutationFn: (body: { userId: string; minutes: number; reason: string }) => api<LedgerTransaction>(`${base(communityId)}/ledger/grants`, { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** The ledger's transactions, newest first (coordinators). */
export function useTransactions(communityId: string, filter: TransactionFilter) {
  return useQuery({
    queryKey: ['transactions', communityId, filter],
    queryFn: () => api<LedgerTransaction[]>(`${base(communityId)}/ledger/transactions${query({ kind: filter.kind, limit: TRANSACTIONS_PAGE_SIZE + 1, offset: filter.offset })}`),
    placeholderData: keepPreviousData,
  });
}

/** Reverses a transaction with a reason (coordinators): a new transaction, never an edit. */
export function useReverse(communityId: string) {
  const refresh = useRefreshLedger(communityId);
  return useMutation({
    mutationFn: ({ transactionId, reason }: { transactionId: string; reason: string }) =>
      api<LedgerTransaction>(`${base(communityId)}/ledger/transactions/${transactionId}/reversal`, { method: 'POST', body: { reason } }),
    onSuccess: refresh,
  });
}

/** Records one activity that credits several people at once. */
export function useGroupExchange(communityId: string) {
  const refresh = useRefreshLedger(communityId);
  return useMutation({ mutationFn: (body: GroupExchangeBody) => api<GroupExchange>(`${base(communityId)}/ledger/group-exchanges`, { method: 'POST', body }), onSuccess: refresh });
}

/** The coordinators' report for a period. */
export function useTimebankReport(communityId: string, period: { from: string; to: string }) {
  return useQuery({
    queryKey: ['timebank-report', communityId, period],
    queryFn: () => api<CommunityReport>(`${base(communityId)}/ledger/reports${query(period)}`),
    placeholderData: keepPreviousData,
  });
}

/** The address of one section of the report as a CSV file. */
export const reportCsvUrl = (communityId: string, period: { from: string; to: string }, section: 'months' | 'categories' | 'give-only' | 'receive-only') =>
  `${base(communityId)}/ledger/reports.csv${query({ ...period, section })}`;

/** Members found by name, for choosing someone in a coordinator's form. */
/** Coordinators' search of every member by name, including those not listed in the directory. */
export function useMemberSearch(communityId: string, q: string) {
  return useQuery({
    queryKey: ['verification-members', communityId, { q, picker: true }],
    queryFn: () => api<VerificationList>(`${base(communityId)}/verification/members${query({ q: q || undefined, limit: 100 })}`),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
