import { useMutation } from '@tanstack/react-query';
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
