import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { adminCommunity, AdminUser, CommunityMember, outboxMailSummary, OutboxMail } from '../../../common/admin.ts';
import type { Community, CommunityInput } from '../../../common/communities.ts';
import type { Skill, SkillChangeBody } from '../../../common/skills.ts';
import { api, query } from '../../lib/api.ts';
import { SESSION_KEY } from '../../lib/query-client.ts';

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
export type AdminCommunity = z.infer<typeof adminCommunity>;
export type MailSummary = z.infer<typeof outboxMailSummary>;
export type UserFilter = { q: string; filter: 'all' | 'admins' | 'suspended'; page: number };
export type RosterFilter = { q: string; page: number };

/** Every community with its head counts. */
export function useAdminCommunities() {
  return useQuery({ queryKey: ['admin', 'communities'], queryFn: () => api<AdminCommunity[]>('/api/admin/communities') });
}

/** Creates a community; the administrator becomes its first coordinator, so the session changes too. */
export function useCreateCommunity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CommunityInput) => api<Community>('/api/communities', { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin', 'communities'] });
      void client.invalidateQueries({ queryKey: ['communities'] });
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

/** A community's members, for appointing coordinators and officers. */
export function useRoster(communityId: string, filter: RosterFilter) {
  return useQuery({
    queryKey: ['admin', 'roster', communityId, filter],
    queryFn: () => api<Page<CommunityMember>>(`/api/admin/communities/${communityId}/members${query({ q: filter.q, page: filter.page, pageSize: 25 })}`),
    placeholderData: keepPreviousData,
  });
}

/** Appoints a member as coordinator or council officer, or makes them a plain member again. */
export function useSetRole(communityId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: 'member' | 'coordinator' | 'officer' }) =>
      api<{ userId: string; role: string }>(`/api/communities/${communityId}/members/${userId}/role`, { method: 'PUT', body: { role } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

/** Every account on this Kith, searchable. */
export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: ['admin', 'users', filter],
    queryFn: () => api<Page<AdminUser>>(`/api/admin/users${query({ q: filter.q, filter: filter.filter, page: filter.page, pageSize: 25 })}`),
    placeholderData: keepPreviousData,
  });
}

/** Suspends or reinstates a whole account, or grants or removes administrator rights. */
export function useAccountAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, action, reason }: { userId: string; action: 'suspend' | 'reinstate' | 'make-admin' | 'remove-admin'; reason: string }) => {
      if (action === 'suspend') return api<AdminUser>(`/api/admin/users/${userId}/suspension`, { method: 'POST', body: { reason } });
      if (action === 'reinstate') return api<AdminUser>(`/api/admin/users/${userId}/reinstatement`, { method: 'POST', body: { reason } });
      return api<AdminUser>(`/api/admin/users/${userId}/admin`, { method: 'PUT', body: { isAdmin: action === 'make-admin', reason } });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

/** Email Kith has sent (or kept, when no mail server is set up), newest first. */
export function useOutbox(filter: { to: string; page: number }) {
  return useQuery({
    queryKey: ['admin', 'outbox', filter],
    queryFn: () => api<Page<MailSummary>>(`/api/admin/outbox${query({ to: filter.to, page: filter.page, pageSize: 25 })}`),
    placeholderData: keepPreviousData,
  });
}

/** One email with its text. */
export function useMail(mailId: string) {
  return useQuery({ queryKey: ['admin', 'mail', mailId], queryFn: () => api<OutboxMail>(`/api/admin/outbox/${mailId}`) });
}

/** Corrects a skill on the shared list: its category, or whether it is work with children or vulnerable adults. */
export function useChangeSkill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ skillId, ...body }: SkillChangeBody & { skillId: number }) => api<Skill>(`/api/skills/${skillId}`, { method: 'PATCH', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['skills'] }),
  });
}
