import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { createdInvite, invite, JoinRequest } from '../../../common/communities.ts';
import type { MemberStanding, Report } from '../../../common/moderation.ts';
import type { CheckBody, VerificationLevel, VerificationList, VerificationSummary } from '../../../common/verification.ts';
import { api, query } from '../../lib/api.ts';

export type Invite = z.infer<typeof invite>;
export type CreatedInvite = z.infer<typeof createdInvite>;
export type ReportPage = { items: Report[]; total: number; page: number; pageSize: number };
export type MemberFilter = { level?: VerificationLevel; dbs?: 'current' | 'expiring' | 'expired'; offset: number };

const base = (communityId: string) => `/api/communities/${communityId}`;

/** Pending requests to join the community. */
export function useJoinRequests(communityId: string) {
  return useQuery({ queryKey: ['join-requests', communityId], queryFn: () => api<JoinRequest[]>(`${base(communityId)}/join-requests?status=pending`) });
}

/** Approves or declines a request; an approval adds a member, so member lists refresh too. */
export function useDecideJoinRequest(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, decision }: { requestId: string; decision: 'approve' | 'decline' }) =>
      api<{ id: string; status: string }>(`${base(communityId)}/join-requests/${requestId}/decision`, { method: 'POST', body: { decision } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['join-requests', communityId] });
      void client.invalidateQueries({ queryKey: ['verification-list', communityId] });
      void client.invalidateQueries({ queryKey: ['overview', communityId] });
    },
  });
}

/** The community's invitation links. */
export function useInvites(communityId: string) {
  return useQuery({ queryKey: ['invites', communityId], queryFn: () => api<Invite[]>(`${base(communityId)}/invites`) });
}

/** Makes a new invitation link (its address is shown once). */
export function useCreateInvite(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { note: string; maxUses: number; expiresInDays: number }) => api<CreatedInvite>(`${base(communityId)}/invites`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invites', communityId] }),
  });
}

/** Stops an invitation link from working. */
export function useRevokeInvite(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (inviteId: string) => api<Invite>(`${base(communityId)}/invites/${inviteId}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invites', communityId] }),
  });
}

/** Members with their verification standing, filtered by level or DBS standing. */
export function useVerificationList(communityId: string, filter: MemberFilter) {
  return useQuery({
    queryKey: ['verification-list', communityId, filter],
    queryFn: () => api<VerificationList>(`${base(communityId)}/verification/members${query({ level: filter.level, dbs: filter.dbs, limit: 50, offset: filter.offset })}`),
    placeholderData: keepPreviousData,
  });
}

/** One member's verification, with the check history coordinators see. */
export function useVerificationSummary(communityId: string, userId: string) {
  return useQuery({ queryKey: ['verification', communityId, userId], queryFn: () => api<VerificationSummary>(`${base(communityId)}/members/${userId}/verification`) });
}

/** Records an identity and address check or a DBS check done in person. */
export function useRecordCheck(communityId: string, userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckBody) => api<{ level: VerificationLevel }>(`${base(communityId)}/members/${userId}/verifications`, { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['verification', communityId, userId] });
      void client.invalidateQueries({ queryKey: ['verification-list', communityId] });
      void client.invalidateQueries({ queryKey: ['directory', communityId] });
    },
  });
}

/** Suspends a member (they can still read, not act) or reinstates them, with the reason on record. */
export function useSetStanding(communityId: string, userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: 'suspension' | 'reinstatement'; reason: string }) =>
      api<MemberStanding>(`${base(communityId)}/members/${userId}/${action}`, { method: 'POST', body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['verification-list', communityId] }),
  });
}

/** Reports about members and their content. */
export function useReports(communityId: string, status: 'open' | 'resolved' | 'all', page: number) {
  return useQuery({
    queryKey: ['reports', communityId, status, page],
    queryFn: () => api<ReportPage>(`${base(communityId)}/reports${query({ status, page, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });
}

/** Upholds or dismisses a report with a note. */
export function useResolveReport(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, outcome, note }: { reportId: string; outcome: 'uphold' | 'dismiss'; note: string }) =>
      api<Report>(`${base(communityId)}/reports/${reportId}/resolution`, { method: 'POST', body: { outcome, note } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['reports', communityId] });
      void client.invalidateQueries({ queryKey: ['overview', communityId] });
    },
  });
}
