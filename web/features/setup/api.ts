import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Session } from '../../../common/auth.ts';
import type { SetupBody, setupStatus } from '../../../common/setup.ts';
import { api } from '../../lib/api.ts';
import { replaceSession } from '../../lib/session.ts';

/** Whether this Kith still needs its first administrator and community. */
export function useSetupStatus() {
  return useQuery({ queryKey: ['setup'], queryFn: () => api<z.infer<typeof setupStatus>>('/api/setup') });
}

/** Creates the administrator and the first community, and signs the administrator in. */
export function useCompleteSetup() {
  return useMutation({
    mutationFn: (body: SetupBody) => api<Session>('/api/setup', { method: 'POST', body }),
    onSuccess: replaceSession,
  });
}
