/** HTTP status for each kind of failure; the only place statuses are chosen. */
const STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
} as const;

export type ErrorKind = keyof typeof STATUS;

/** The one error type routes and services throw; `code` is stable, `message` is for people. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.status = STATUS[kind];
  }
}

export const notFound = (what: string, code = `${what}.not_found`) =>
  new AppError('not_found', code, `We could not find that ${what.replace(/_/g, ' ')}. It may have been removed, or you may not have access to it.`);

export const forbidden = (code: string, message: string) => new AppError('forbidden', code, message);
export const conflict = (code: string, message: string, field?: string) => new AppError('conflict', code, message, field);
export const invalid = (code: string, message: string, field?: string) => new AppError('invalid', code, message, field);

/** True when a database error (from pg or PGlite, possibly wrapped by Drizzle) is a unique-constraint violation. */
export const isUniqueViolation = (error: unknown): boolean =>
  (error as { code?: string })?.code === '23505' || (error as { cause?: { code?: string } })?.cause?.code === '23505';
