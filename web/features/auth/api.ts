import { useMutation } from '@tanstack/react-query';
import type { Session, SignInBody, SignUpBody } from '../../../common/auth.ts';
import { api } from '../../lib/api.ts';
import { replaceSession } from '../../lib/session.ts';

type Ok = { ok: true };

/** Signs in with email and password. */
export function useSignIn() {
  return useMutation({ mutationFn: (body: SignInBody) => api<Session>('/api/auth/sign-in', { method: 'POST', body }), onSuccess: replaceSession });
}

/** Creates an account and signs in. */
export function useSignUp() {
  return useMutation({ mutationFn: (body: SignUpBody) => api<Session>('/api/auth/sign-up', { method: 'POST', body }), onSuccess: replaceSession });
}

/** Sends a password-reset link (the server answers the same whether or not the address is known). */
export function useRequestPasswordReset() {
  return useMutation({ mutationFn: (email: string) => api<Ok>('/api/auth/password-reset', { method: 'POST', body: { email } }) });
}

/** Sets a new password with the token from the emailed link. */
export function useResetPassword() {
  return useMutation({ mutationFn: (body: { token: string; password: string }) => api<Ok>('/api/auth/password-reset/confirm', { method: 'POST', body }) });
}

/** Confirms a change of email address with the token from the emailed link. */
export function useConfirmEmail() {
  return useMutation({ mutationFn: (token: string) => api<Ok>('/api/account/email/confirm', { method: 'POST', body: { token } }) });
}
