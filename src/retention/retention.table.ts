import type { Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { RecordKind } from './retention.policy';

export interface KindCount {
  deleted: number;
  erasedPayloads: number;
}

export interface RetentionRunsTable {
  id: string;
  /** The Swedish calendar day the run covered: one run a day. */
  run_on: string;
  ran_at: Date;
  decision_reference: string;
  counts: Json<Record<RecordKind, KindCount>>;
  erased_payloads: number;
  /** The run's own audit event. */
  audit_seq: number | null;
}

export type RetentionRunRow = Selectable<RetentionRunsTable>;
