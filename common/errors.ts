import { z } from 'zod';

/** The shape of every error response: a stable code, a message a person can act on, the field. */
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof errorSchema>;

/** Response schemas for the error statuses a route can return, for the OpenAPI document. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
} as const;

export const okSchema = z.object({ ok: z.literal(true) });
