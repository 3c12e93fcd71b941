import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { block, ReportBody, createdReport } from '../../../common/moderation.ts';
import type { MemberProfile, OwnProfile, ProfileUpdate } from '../../../common/profiles.ts';
import type { NewSkillBody, Skill } from '../../../common/skills.ts';
import type { VerificationSummary, vouchCreated } from '../../../common/verification.ts';
import { api } from '../../lib/api.ts';
import { SESSION_KEY } from '../../lib/query-client.ts';

const OWN = ['profile', 'own'] as const;

/** The signed-in person's own profile with every setting. */
export function useOwnProfile() {
  return useQuery({ queryKey: OWN, queryFn: () => api<OwnProfile>('/api/profile') });
}

/** Saves part of the own profile (lists replace what was there). */
export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => api<OwnProfile>('/api/profile', { method: 'PATCH', body }),
    onSuccess: (profile, body) => {
      client.setQueryData(OWN, profile);
      void client.invalidateQueries({ queryKey: ['directory'] });
      void client.invalidateQueries({ queryKey: ['member'] });
      if (body.displayName !== undefined) void client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

/** Uploads a new photo (JPEG, PNG or WebP) or removes the current one. */
export function usePhoto() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File | null) => (file ? api<OwnProfile>('/api/profile/photo', { method: 'PUT', file }) : api<OwnProfile>('/api/profile/photo', { method: 'DELETE' })),
    onSuccess: (profile) => {
      client.setQueryData(OWN, profile);
      void client.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}

/** Adds a skill that is not on the shared list yet. */
export function useAddSkill() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewSkillBody) => api<Skill>('/api/skills', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['skills'] }),
  });
}

/** Another member's profile, as far as they share it. */
export function useMemberProfile(communityId: string, userId: string) {
  return useQuery({ queryKey: ['member', communityId, userId], queryFn: () => api<MemberProfile>(`/api/communities/${communityId}/members/${userId}`) });
}

/** A member's verification level and whether the viewer may vouch for them. */
export function useMemberVerification(communityId: string, userId: string) {
  return useQuery({ queryKey: ['verification', communityId, userId], queryFn: () => api<VerificationSummary>(`/api/communities/${communityId}/members/${userId}/verification`) });
}

/** Vouches for a member: "I know this person and they are who they say they are". */
export function useVouch(communityId: string, userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api<z.infer<typeof vouchCreated>>(`/api/communities/${communityId}/members/${userId}/vouches`, { method: 'POST', body: { note } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['verification', communityId, userId] });
      void client.invalidateQueries({ queryKey: ['member', communityId, userId] });
      void client.invalidateQueries({ queryKey: ['directory', communityId] });
    },
  });
}

/** Reports a member's profile to the community's coordinators. */
export function useReport(communityId: string) {
  return useMutation({
    mutationFn: (body: ReportBody) => api<z.infer<typeof createdReport>>(`/api/communities/${communityId}/reports`, { method: 'POST', body }),
  });
}

/** Blocks or unblocks a person (they are not told). */
export function useBlock(communityId: string, userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (blocking: boolean) => {
      if (blocking) await api<z.infer<typeof block>>('/api/blocks', { method: 'POST', body: { userId } });
      else await api<{ ok: true }>(`/api/blocks/${userId}`, { method: 'DELETE' });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['member', communityId, userId] });
      void client.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}
