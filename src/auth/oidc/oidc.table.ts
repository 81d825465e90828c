import type { Selectable } from 'kysely';

/** A sign-in under way at the provider (migration 0021). */
export interface OidcSignInsTable {
  /** sha256 hex of the `state` sent to the provider. */
  state_hash: string;
  code_verifier: string;
  nonce: string;
  /** The page to return to afterwards (checked to be on this site). */
  next: string;
  expires_at: Date;
}

export type OidcSignInRow = Selectable<OidcSignInsTable>;
