import type { Selectable } from 'kysely';

export interface WebSessionsTable {
  /** sha256 hex of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: string;
  /** The synchronizer token every form of this session carries. */
  csrf_token: string;
  created_at: Date;
  seen_at: Date;
  /** Idle expiry: moves forward while the session is used, never past absolute_expires_at. */
  expires_at: Date;
  absolute_expires_at: Date;
}

export type WebSessionRow = Selectable<WebSessionsTable>;
