import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Community } from '../../../../common/communities.ts';
import type { Organisation } from '../../../../common/organisations.ts';
import type { Listing, ListingInput, ListingMatches, ListingUpdate, listingPage, notificationList } from '../../../../common/offers.ts';
import { api, query } from '../../../lib/api.ts';

export type ListingPage = z.infer<typeof listingPage>;
export type NotificationList = z.infer<typeof notificationList>;
export type ListingSearch = {
  kind: 'offer' | 'request' | '';
  q: string;
  skillId: string;
  withinM: string;
  lat: string;
  lng: string;
  status: 'open' | 'paused' | 'closed';
  ownerId: string;
  page: number;
};
export const LISTINGS_PAGE_SIZE = 20;

const base = (communityId: string) => `/api/communities/${communityId}`;

/** Offers and requests matching a search: kind, words, skill, distance from a point, owner and status. */
export function useListings(communityId: string, search: ListingSearch) {
  const near = search.withinM && search.lat && search.lng;
  return useQuery({
    queryKey: ['listings', communityId, search],
    queryFn: () =>
      api<ListingPage>(
        `${base(communityId)}/listings${query({
          kind: search.kind,
          q: search.q,
          skillId: search.skillId,
          lat: near ? search.lat : undefined,
          lng: near ? search.lng : undefined,
          withinM: near ? search.withinM : undefined,
          ownerId: search.ownerId,
          status: search.status,
          limit: LISTINGS_PAGE_SIZE,
          offset: (search.page - 1) * LISTINGS_PAGE_SIZE,
        })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** One offer or request. */
export function useListing(communityId: string, listingId: string) {
  return useQuery({ queryKey: ['listing', communityId, listingId], queryFn: () => api<Listing>(`${base(communityId)}/listings/${listingId}`) });
}

/** Suggested helpers for a request, or suggested requests for an offer (owner and coordinators only). */
export function useMatches(communityId: string, listingId: string, enabled: boolean) {
  return useQuery({ queryKey: ['listing-matches', communityId, listingId], queryFn: () => api<ListingMatches>(`${base(communityId)}/listings/${listingId}/matches`), enabled });
}

/** The community itself, for its centre (searching by distance from it). */
export function useCommunity(communityId: string) {
  return useQuery({ queryKey: ['community', communityId], queryFn: () => api<Community>(`${base(communityId)}`), staleTime: 5 * 60_000 });
}

/** Organisations the signed-in person acts for, so they can post or propose in their name. */
export function useMyOrganisations(communityId: string, userId: string | undefined) {
  return useQuery({
    queryKey: ['organisations', communityId],
    queryFn: () => api<Organisation[]>(`${base(communityId)}/organisations`),
    select: (list) => list.filter((org) => org.status === 'active' && org.agents.some((agent) => agent.userId === userId)),
    staleTime: 5 * 60_000,
  });
}

function useRefreshListings(communityId: string) {
  const client = useQueryClient();
  return (listing: Listing) => {
    client.setQueryData(['listing', communityId, listing.id], listing);
    void client.invalidateQueries({ queryKey: ['listings', communityId] });
    void client.invalidateQueries({ queryKey: ['listing-matches', communityId, listing.id] });
  };
}

/** Posts an offer or a request. */
export function useCreateListing(communityId: string) {
  const refresh = useRefreshListings(communityId);
  return useMutation({ mutationFn: (body: ListingInput) => api<Listing>(`${base(communityId)}/listings`, { method: 'POST', body }), onSuccess: refresh });
}

/** Edits an offer or request. */
export function useUpdateListing(communityId: string, listingId: string) {
  const refresh = useRefreshListings(communityId);
  return useMutation({ mutationFn: (body: ListingUpdate) => api<Listing>(`${base(communityId)}/listings/${listingId}`, { method: 'PATCH', body }), onSuccess: refresh });
}

/** Pauses, reopens or closes an offer or request. */
export function useListingStatus(communityId: string, listingId: string) {
  const refresh = useRefreshListings(communityId);
  return useMutation({
    mutationFn: (status: Listing['status']) => api<Listing>(`${base(communityId)}/listings/${listingId}/status`, { method: 'PUT', body: { status } }),
    onSuccess: refresh,
  });
}

/** The signed-in person's messages from the time bank (new matching requests, exchange steps). */
export function useNotifications(communityId: string) {
  return useQuery({ queryKey: ['notifications', communityId], queryFn: () => api<NotificationList>(`${base(communityId)}/notifications${query({ limit: 50 })}`) });
}

/** Marks some messages, or all of them, as read. */
export function useMarkRead(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api<{ ok: true }>(`${base(communityId)}/notifications/read`, { method: 'POST', body: ids ? { ids } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications', communityId] }),
  });
}
