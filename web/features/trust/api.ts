import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Connection, Council, Dashboard, MemberSurvey, Network, SurveyAnswer, SurveyResults } from '../../../common/trust.ts';
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

/** Asks for a recompute of the community's trust and measures (it runs in the background). */
export function useRecompute(communityId: string) {
  return useMutation({ mutationFn: () => api<{ queued: boolean }>(`${base(communityId)}/recompute`, { method: 'POST', body: {} }) });
}
