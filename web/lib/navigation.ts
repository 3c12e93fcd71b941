/** Where to come back to after signing in; only paths inside the app are accepted. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

/** The sign-in (or sign-up) address that brings the person back to `path` afterwards. */
export const withNext = (page: '/sign-in' | '/sign-up', path: string) => `${page}?next=${encodeURIComponent(path)}`;
