import { createHash, randomBytes } from 'node:crypto';

// Tokens are 256 random bits, so a fast hash is enough: there is nothing to brute-force. Only the
// hash is stored; a stolen database yields no usable token.
export function newToken(): string {
  return `fk_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
