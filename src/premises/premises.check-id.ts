import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O, U: nothing to mishear when a booking clerk reads it out.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * "PK-XXXXX-XXXXX": 50 random bits, quotable over the phone. Even after a million checks the chance
 * that any two ever collided is below one in two thousand (and the primary key would refuse it).
 */
export function newCheckId(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return `PK-${out.slice(0, 5)}-${out.slice(5)}`;
}
