import type { Selectable } from 'kysely';
import type { Json } from '../db/database';

export interface AuditEventsTable {
  /** Position in the chain: 1, 2, 3, … without gaps. */
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: Json<unknown>;
  prev_hash: string;
  hash: string;
}

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}
