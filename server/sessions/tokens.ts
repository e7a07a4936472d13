import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new unguessable session id: hex, so it is safe in container names and command lines. */
export function randomId(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

/** A new bearer token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares in constant time so that a token cannot be guessed byte by byte. */
export function tokenMatches(token: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashToken(token), 'hex');
  const expected = Buffer.from(expectedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
