import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DirectoryPage } from '../../../common/directory.ts';
import type { VerificationLevel } from '../../../common/verification.ts';
import { api, query } from '../../lib/api.ts';

export type DirectorySearch = { q: string; skill: string; level: VerificationLevel | ''; page: number };
export const PAGE_SIZE = 24;

/** Searches the active community's members by name, skill, bio and verification level. */
export function useDirectory(communityId: string, search: DirectorySearch) {
  return useQuery({
    queryKey: ['directory', communityId, search],
    queryFn: () =>
      api<DirectoryPage>(
        `/api/communities/${communityId}/members${query({ q: search.q, skill: search.skill, level: search.level, limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE })}`,
      ),
    placeholderData: keepPreviousData,
  });
}
