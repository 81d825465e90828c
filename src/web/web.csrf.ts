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

/** Constant-time comparison; a missing or differently long value is simply false. */
export function tokensMatch(expected: string | undefined, given: unknown): boolean {
  if (!expected || typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
