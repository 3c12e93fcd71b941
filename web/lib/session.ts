import { useMutation, useQuery } from '@tanstack/react-query';
import type { Session } from '../../common/auth.ts';
import { api } from './api.ts';
import { queryClient, SESSION_KEY } from './query-client.ts';

export type SessionUser = NonNullable<Session['user']>;
export type Membership = Session['memberships'][number];

/** Who is signed in, their communities and which one is active. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: () => api<Session>('/api/session'), staleTime: 60_000 });
}

/**
 * Replaces the session after sign-in, sign-up, setup or sign-out. Everything cached belonged
 * to the previous person or community, so it is dropped first.
 */
export function replaceSession(session: Session) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, session);
}

/** The active community's membership, or null when the person belongs to none. */
export function activeMembership(session: Session | undefined): Membership | null {
  if (!session?.activeCommunityId) return null;
  return session.memberships.find((m) => m.communityId === session.activeCommunityId) ?? null;
}

/** The active membership, for pages inside a community (the guard guarantees there is one). */
export function useActiveCommunity(): Membership {
  const { data } = useSession();
  const membership = activeMembership(data);
  if (!membership) throw new Error('useActiveCommunity used outside a community page');
  return membership;
}

/** Switches which community the app shows. */
export function useSwitchCommunity() {
  return useMutation({
    mutationFn: (communityId: string) => api<Session>('/api/session/community', { method: 'PUT', body: { communityId } }),
    onSuccess: replaceSession,
  });
}

/** Signs out on the server and forgets everything cached. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => api<{ ok: true }>('/api/auth/sign-out', { method: 'POST', body: {} }),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: () => api<Session>('/api/session') });
    },
  });
}
