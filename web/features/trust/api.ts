import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Connection, Council, Dashboard, MemberSurvey, Network, RecomputeStatus, SurveyAnswer, SurveyResults } from '../../../common/trust.ts';
import { api } from '../../lib/api.ts';

const base = (communityId: string) => `/api/communities/${communityId}/trust`;

/** How the signed-in member is connected to another member, in words and names. */
export function useConnection(communityId: string, userId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'connection', userId], queryFn: () => api<Connection>(`/api/communities/${communityId}/members/${userId}/connection`), retry: false });
}

/** The coordinators' dashboard: measures by month, connectors, reach-out list, survey. */
export function useDashboard(communityId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'dashboard'], queryFn: () => api<Dashboard>(`${base(communityId)}/dashboard`) });
}

/** Nodes and ties for the network map. */
export function useNetwork(communityId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'network'], queryFn: () => api<Network>(`${base(communityId)}/network`), staleTime: 5 * 60_000 });
}

/** The council's aggregate view. */
export function useCouncil(communityId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'council'], queryFn: () => api<Council>(`${base(communityId)}/council`) });
}

/** Every trust survey with its results (coordinators and officers). */
export function useSurveys(communityId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'surveys'], queryFn: () => api<SurveyResults[]>(`${base(communityId)}/surveys`) });
}

/** The open survey a member may answer. */
export function useMemberSurvey(communityId: string) {
  return useQuery({ queryKey: ['trust', communityId, 'survey'], queryFn: () => api<MemberSurvey>(`${base(communityId)}/survey`) });
}

/** Sends a member's answers to the open survey. */
export function useAnswerSurvey(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ surveyId, answer }: { surveyId: string; answer: SurveyAnswer }) =>
      api<MemberSurvey>(`${base(communityId)}/surveys/${surveyId}/responses`, { method: 'POST', body: answer }),
    onSuccess: (data) => client.setQueryData(['trust', communityId, 'survey'], data),
  });
}

/** A coordinator opens or closes the survey. */
export function useSurveyControls(communityId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['trust', communityId] });
  return {
    open: useMutation({ mutationFn: () => api<SurveyResults>(`${base(communityId)}/surveys`, { method: 'POST', body: {} }), onSuccess: refresh }),
    close: useMutation({ mutationFn: (surveyId: string) => api<SurveyResults>(`${base(communityId)}/surveys/${surveyId}/close`, { method: 'POST', body: {} }), onSuccess: refresh }),
  };
}

/** How often the dashboard asks whether a recompute has finished, while one is on its way. */
export const RECOMPUTE_POLL_MS = 2000;

const onItsWay = (status: RecomputeStatus | undefined) => status?.state === 'queued' || status?.state === 'running';

/**
 * Where the community's recompute stands, asked again every RECOMPUTE_POLL_MS while one is
 * queued or running. When a run finishes (its time changes) every trust figure on the page is
 * fetched again, so the dashboard shows the new figures without a reload.
 */
export function useRecomputeStatus(communityId: string) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['trust', communityId, 'recompute'],
    queryFn: () => api<RecomputeStatus>(`${base(communityId)}/recompute`),
    refetchInterval: (q) => (onItsWay(q.state.data) ? RECOMPUTE_POLL_MS : false),
  });
  const finishedAt = query.data ? (query.data.lastRun?.finishedAt ?? null) : undefined;
  const seen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (finishedAt === undefined) return;
    if (seen.current !== undefined && seen.current !== finishedAt) {
      void client.invalidateQueries({ queryKey: ['trust', communityId], predicate: (q) => q.queryKey[2] !== 'recompute' });
    }
    seen.current = finishedAt;
  }, [client, communityId, finishedAt]);
  return query;
}

/** Asks for a recompute of the community's trust and measures (it runs in the background). */
export function useRecompute(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ queued: boolean }>(`${base(communityId)}/recompute`, { method: 'POST', body: {} }),
    // Ask where it stands now, which starts the polling while it is queued or running.
    onSuccess: () => client.invalidateQueries({ queryKey: ['trust', communityId, 'recompute'] }),
  });
}
