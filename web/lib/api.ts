// The one way the app talks to the server: JSON over fetch with the session cookie, the CSRF
// token on every write, and every failure turned into an ApiError a form can place on a field.
import type { ErrorBody } from '../../common/errors.ts';
import type { Session } from '../../common/auth.ts';
import { hasMessage, t } from '../i18n/index.ts';
import { queryClient, SESSION_KEY } from './query-client.ts';

/** A failed request: the HTTP status, the server's stable code, a message to show and the field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `body` is sent as JSON; `file` is sent as it is, with its own type (photo uploads). */
export type RequestOptions = { method?: Method; body?: unknown; file?: Blob; signal?: AbortSignal };

const csrfToken = () => queryClient.getQueryData<Session>(SESSION_KEY)?.csrfToken ?? null;

/**
 * The message a person sees: the catalogue's own words for a known error code (so a second
 * language covers server errors too), otherwise the server's plain-English message. Validation
 * messages lose their "Please check admin.email:" prefix because they sit beside the field.
 */
function messageFor(code: string, serverMessage: string, field: string | undefined): string {
  const key = `errors.${code}`;
  if (hasMessage(key)) return t(key);
  if (code === 'request.invalid' && field) return serverMessage.replace(/^Please check [^:]+:\s*/, '');
  return serverMessage;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.file) headers['content-type'] = options.file.type;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  const token = csrfToken();
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network.unreachable', t('errors.network.unreachable'));
  }
}

async function toError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  if (!body?.error) return new ApiError(response.status, 'server.error', t('errors.server.error'));
  const { code, message, field } = body.error;
  return new ApiError(response.status, code, messageFor(code, message, field), field);
}

/** Calls the API and returns the parsed JSON body, or throws an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 403 && options.method && options.method !== 'GET') {
    const error = await toError(response);
    if (error.code !== 'auth.csrf') throw error;
    // The session changed in another tab; fetch the new token once and try again.
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    await queryClient.fetchQuery({ queryKey: SESSION_KEY, queryFn: () => api<Session>('/api/session') });
    response = await send(path, options);
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Fetches a JSON document from the API and offers it to the person as a file to save. */
export async function downloadJson(path: string, filename: string): Promise<void> {
  const data = await api<unknown>(path);
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A query string from the values that are set, for list and search endpoints. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
