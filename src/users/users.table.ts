import type { Generated, Selectable } from 'kysely';

export const ROLES = ['case_officer', 'booking_staff', 'coordinator', 'investigator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface UsersTable {
  id: string;
  name: string;
  role: Role;
  /** sha256 hex of the bearer token; the token itself is never stored. */
  token_hash: string;
  active: Generated<boolean>;
  created_at: Date;
  /** The last sign-in on a page (token or identity provider); API calls are not sign-ins. */
  last_sign_in_at: Date | null;
  /** The OpenID provider's identity of a person who signs in there: issuer and `sub` together. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export type UserRow = Selectable<UsersTable>;
