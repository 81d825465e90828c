import { randomBytes, timingSafeEqual } from 'node:crypto';

// Every form post carries a token an attacker's page cannot know. Signed in: the synchronizer token
// stored with the session. At sign-in there is no session yet, so the sign-in form uses a double
// submit: the same random value in a cookie and in the form (the __Host- prefix behind TLS keeps
// other subdomains from planting the cookie). SameSite=Strict already keeps the session cookie off
// cross-site posts; the token is the second, independent lock.

export const CSRF_FIELD = '_csrf';

export function newFormToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of the bytes; a missing or differently long value is simply false. The
 * lengths compared are the UTF-8 byte lengths: a value as many characters long as the token but with
 * multibyte characters has more bytes, and timingSafeEqual throws on buffers of different lengths.
 */
export function tokensMatch(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
