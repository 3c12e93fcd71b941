import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe token to hand to a person (session, reset link, invite). */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens are stored only as their SHA-256, so a database leak does not leak live links. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
