import { useMutation, useQuery } from '@tanstack/react-query';
import type { NotificationPreferences, NotificationPreferencesUpdate } from '../../../common/offers.ts';
import { api, downloadJson } from '../../lib/api.ts';
import { queryClient, SESSION_KEY } from '../../lib/query-client.ts';

type Ok = { ok: true };

/** Changes the password (the current one is needed). */
export function useChangePassword() {
  return useMutation({ mutationFn: (body: { currentPassword: string; newPassword: string }) => api<Ok>('/api/account/password', { method: 'PUT', body }) });
}

/** Sends a confirmation link to a new email address. */
export function useChangeEmail() {
  return useMutation({ mutationFn: (body: { currentPassword: string; newEmail: string }) => api<Ok>('/api/account/email', { method: 'POST', body }) });
}

/** Downloads everything Kith holds about the person as a JSON file. */
export function useDownloadMyData() {
  return useMutation({ mutationFn: () => downloadJson('/api/account/export', `kith-my-data-${new Date().toISOString().slice(0, 10)}.json`) });
}

/** Deletes the account (personal data erased; shared facts kept anonymised) and forgets the session. */
export function useDeleteAccount() {
  return useMutation({
    mutationFn: (currentPassword: string) => api<Ok>('/api/account', { method: 'DELETE', body: { currentPassword } }),
    onSuccess: async () => {
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

const PREFERENCES = ['notification-preferences'] as const;

/** What the person wants to be told about new requests they could help with. */
export function useNotificationPreferences() {
  return useQuery({ queryKey: PREFERENCES, queryFn: () => api<NotificationPreferences>('/api/notification-preferences') });
}

/** Saves those choices. */
export function useUpdateNotificationPreferences() {
  return useMutation({
    mutationFn: (body: NotificationPreferencesUpdate) => api<NotificationPreferences>('/api/notification-preferences', { method: 'PUT', body }),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES, saved),
  });
}
