import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

export interface IdempotencyKeysTable {
  user_id: string;
  /** The client's Idempotency-Key, as sent. */
  key: string;
  /** 'POST /api/premises-checks': the declared route the key was first used on. */
  operation: string;
  /** sha256 over the method, the concrete path and the canonical body: "the same request". */
  request_hash: string;
  /** pending while the first request runs; done once its answer is stored. */
  status: 'pending' | 'done';
  response_status: number | null;
  response_body: Json<unknown> | null;
  created_at: Date;
}

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;
