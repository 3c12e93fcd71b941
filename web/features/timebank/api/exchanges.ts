import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Exchange, ExchangeCounts, ExchangeDetail, ExchangeStatus, exchangeQueue, MemberReferences, ProposeExchangeBody, ProxyExchangeBody, Reference } from '../../../../common/exchanges.ts';
import type { LedgerTransaction } from '../../../../common/ledger.ts';
import { api, query } from '../../../lib/api.ts';

export type ExchangeQueue = z.infer<typeof exchangeQueue>;
export type ExchangeFilter = { status: ExchangeStatus | ''; role: 'provider' | 'receiver' | 'any'; page: number };
export const EXCHANGES_PAGE_SIZE = 25;

const base = (communityId: string) => `/api/communities/${communityId}`;

/** The signed-in person's exchanges (as helper, as the person helped, or both), newest activity first. */
export function useExchanges(communityId: string, filter: ExchangeFilter) {
  return useQuery({
    queryKey: ['exchanges', communityId, filter],
    queryFn: () =>
      api<Exchange[]>(`${base(communityId)}/exchanges${query({ status: filter.status, role: filter.role, limit: EXCHANGES_PAGE_SIZE + 1, offset: (filter.page - 1) * EXCHANGES_PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
}

/** How many of the person's exchanges are in each status (for the role chosen), above the list. */
export function useExchangeCounts(communityId: string, role: ExchangeFilter['role']) {
  return useQuery({
    // Under the list's key, so whatever refreshes the list refreshes the counts too.
    queryKey: ['exchanges', communityId, 'counts', role],
    queryFn: () => api<ExchangeCounts>(`${base(communityId)}/exchanges/counts${query({ role })}`),
    placeholderData: keepPreviousData,
  });
}

/** One exchange with its timeline, references and the actions open to the viewer. */
export function useExchange(communityId: string, exchangeId: string) {
  return useQuery({ queryKey: ['exchange', communityId, exchangeId], queryFn: () => api<ExchangeDetail>(`${base(communityId)}/exchanges/${exchangeId}`) });
}

/** After any change to an exchange: its page, the lists, the queue, statements and the fund may all have moved. */
function useRefreshExchanges(communityId: string) {
  const client = useQueryClient();
  return (detail?: ExchangeDetail) => {
    if (detail) client.setQueryData(['exchange', communityId, detail.id], detail);
    for (const key of ['exchanges', 'exchange-queue', 'statement', 'fund', 'transactions', 'notifications', 'timebank-report']) {
      void client.invalidateQueries({ queryKey: [key, communityId] });
    }
  };
}

/** Proposes an exchange from an offer or a request. */
export function useProposeExchange(communityId: string) {
  const refresh = useRefreshExchanges(communityId);
  return useMutation({ mutationFn: (body: ProposeExchangeBody) => api<ExchangeDetail>(`${base(communityId)}/exchanges`, { method: 'POST', body }), onSuccess: refresh });
}

/** The steps of an exchange and the body each takes. */
export type ExchangeStep =
  | { action: 'accept' | 'confirm' | 'accept-adjustment' }
  | { action: 'decline' | 'cancel'; body: { reason: string } }
  | { action: 'record'; body: { minutes: number; note: string } }
  | { action: 'adjust'; body: { minutes: number; note: string } }
  | { action: 'dispute'; body: { reason: string } }
  | { action: 'approval'; body: { decision: 'approve' | 'refuse'; note: string } }
  | { action: 'resolution'; body: { minutes: number; upheldAgainst: 'provider' | 'receiver' | 'neither'; note: string } };

/** Takes one step of an exchange's lifecycle. */
export function useExchangeStep(communityId: string, exchangeId: string) {
  const refresh = useRefreshExchanges(communityId);
  return useMutation({
    mutationFn: (step: ExchangeStep) =>
      api<ExchangeDetail>(`${base(communityId)}/exchanges/${exchangeId}/${step.action}`, { method: 'POST', body: 'body' in step ? step.body : undefined }),
    onSuccess: refresh,
  });
}

/** Leaves a reference for the other person after a confirmed exchange. */
export function useAddReference(communityId: string, exchangeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; wouldExchangeAgain: boolean }) => api<Reference>(`${base(communityId)}/exchanges/${exchangeId}/references`, { method: 'POST', body }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['member-references', communityId, created.subject.id] });
      return client.invalidateQueries({ queryKey: ['exchange', communityId, exchangeId] });
    },
  });
}

/** The references a member has received, for their profile (404 when the viewer may not see them). */
export function useMemberReferences(communityId: string, userId: string) {
  return useQuery({
    queryKey: ['member-references', communityId, userId],
    queryFn: () => api<MemberReferences>(`${base(communityId)}/members/${userId}/references`),
  });
}

/** Reverses the hours an exchange posted (coordinators), with the reason on record. */
export function useReverseExchange(communityId: string, exchangeId: string) {
  const refresh = useRefreshExchanges(communityId);
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ transactionId, reason }: { transactionId: string; reason: string }) =>
      api<LedgerTransaction>(`${base(communityId)}/ledger/transactions/${transactionId}/reversal`, { method: 'POST', body: { reason } }),
    onSuccess: () => {
      refresh();
      void client.invalidateQueries({ queryKey: ['exchange', communityId, exchangeId] });
    },
  });
}

/** What waits for coordinators: approvals and disputes. */
export function useExchangeQueue(communityId: string) {
  return useQuery({ queryKey: ['exchange-queue', communityId], queryFn: () => api<ExchangeQueue>(`${base(communityId)}/exchange-queue`) });
}

/** Records a finished exchange for a member who is not online (coordinators). */
export function useProxyExchange(communityId: string) {
  const refresh = useRefreshExchanges(communityId);
  return useMutation({ mutationFn: (body: ProxyExchangeBody) => api<ExchangeDetail>(`${base(communityId)}/exchanges/proxy`, { method: 'POST', body }), onSuccess: refresh });
}
