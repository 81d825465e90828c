import type { ColumnType, Selectable } from 'kysely';
import type { Json } from '../db/database';
import type { CommunicationExemption } from '../communications/communications.exemptions';

export type DecisionKind = 'application' | 'withdrawal' | 'restoration';
export type DecisionOutcome = 'approved' | 'denied' | 'withdrawn' | 'restored';
export type DecisionStatus = 'pending_approval' | 'final' | 'superseded' | 'returned';

export interface DecisionsTable {
  id: string;
  /** The diary number people quote, e.g. "FK 2026/0042". */
  reference: string;
  kind: DecisionKind;
  association_id: string;
  application_id: string | null;
  screening_id: string | null;
  outcome: DecisionOutcome;
  /** The engine's recommendation the person decided on (application decisions). */
  recommendation: string | null;
  departs_from_recommendation: boolean;
  justification: string | null;
  /**
   * Before cases and communications existed: the date the association was told the material. Kept
   * for decisions of that time; new decisions name their communication instead.
   */
  communicated_on: string | null;
  /** An approval's conditions, printed in its letter (migration 0013). */
  conditions: string | null;
  /** The case the decision is made in, and its diarienummer (a copy: case numbers never change). */
  case_id: string;
  case_number: string;
  /** The kommunicering the decision rests on (förvaltningslagen 25 §) … */
  communication_id: string | null;
  /** … or the exception to it the decision states. */
  communication_exemption: ColumnType<CommunicationExemption | null, string | null, string | null>;
  /** Criterion codes the decision rests on. */
  criteria: Json<string[]>;
  supersedes_id: string | null;
  decided_by: string;
  decided_at: Date;
  status: DecisionStatus;
  approved_by: string | null;
  approved_at: Date | null;
  returned_reason: string | null;
  superseded_by_id: string | null;
  document_html: string | null;
  document_sha256: string | null;
  updated_at: Date;
}

export interface ReferenceCountersTable {
  year: number;
  last: number;
}

export type DecisionRow = Selectable<DecisionsTable>;
