import { useQuery } from '@tanstack/react-query';
import type { CommunityOverview } from '../../../common/overview.ts';
import { api } from '../../lib/api.ts';

/** The active community at a glance, with the viewer's own standing. */
export function useOverview(communityId: string) {
  return useQuery({ queryKey: ['overview', communityId], queryFn: () => api<CommunityOverview>(`/api/communities/${communityId}/overview`) });
}
