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
}

export type UserRow = Selectable<UsersTable>;
