import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Community, invitePreview } from '../../../common/communities.ts';
import { api } from '../../lib/api.ts';
import { SESSION_KEY } from '../../lib/query-client.ts';

export type InvitePreview = z.infer<typeof invitePreview>;
/** The shape GET /api/join-requests/mine answers with (declared inline in the server route). */
export type OwnJoinRequest = { id: string; communityId: string; status: string; createdAt: string };

/** Every community on this Kith. */
export function useCommunities() {
  return useQuery({ queryKey: ['communities'], queryFn: () => api<Community[]>('/api/communities') });
}

/** The signed-in person's own requests to join, to show which are waiting. */
export function useMyJoinRequests(enabled: boolean) {
  return useQuery({ queryKey: ['join-requests', 'mine'], queryFn: () => api<OwnJoinRequest[]>('/api/join-requests/mine'), enabled });
}

/** Asks the coordinators of a community to let the person in. */
export function useRequestToJoin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ communityId, message }: { communityId: string; message: string }) =>
      api<{ id: string; status: string }>(`/api/communities/${communityId}/join-requests`, { method: 'POST', body: { message } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['join-requests', 'mine'] }),
  });
}

/** What an invitation link leads to. */
export function useInvitePreview(token: string) {
  return useQuery({ queryKey: ['invite', token], queryFn: () => api<InvitePreview>(`/api/invites/${encodeURIComponent(token)}`) });
}

/** Accepts an invitation: the person becomes a member, and that community becomes the one shown. */
export function useAcceptInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      const community = await api<Community>(`/api/invites/${encodeURIComponent(token)}/accept`, { method: 'POST', body: {} });
      await api('/api/session/community', { method: 'PUT', body: { communityId: community.id } });
      return community;
    },
    onSuccess: () => client.invalidateQueries({ queryKey: SESSION_KEY }),
  });
}
