import type { ColumnType, Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { CommunicationExemption } from '../communications/communications.exemptions';
import type { DelegationKind } from '../delegation/delegation.schema';
import type { Recommendation } from '../screening/screening.result';

// Each closed set once: the type, the zod enums, the Swedish labels and a test of the database's
// check constraint (test/db/enum-checks.test.ts) all derive from these arrays.
export const DECISION_KINDS = ['application', 'withdrawal', 'restoration'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const DECISION_OUTCOMES = ['approved', 'denied', 'withdrawn', 'restored'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
/** What a decision on an application may say; withdrawals and restorations have their own. */
export const APPLICATION_OUTCOMES = ['approved', 'denied'] as const satisfies readonly DecisionOutcome[];
export type ApplicationOutcome = (typeof APPLICATION_OUTCOMES)[number];
export const DECISION_STATUSES = ['pending_approval', 'final', 'superseded', 'returned'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

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
  recommendation: Recommendation | null;
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
  /** The case officer who prepared and proposed the decision: the föredragande. */
  prepared_by: string;
  prepared_at: Date;
  status: DecisionStatus;
  /** The delegat who decided; null while pending, when returned, and when the committee decided. */
  decided_by: string | null;
  /** When the decision became final (by a delegat, or recorded as the committee's). */
  decided_at: Date | null;
  /** Which kind of decision it is under the delegation order (set when it is made). */
  delegation_kind: DelegationKind;
  /** The point of the order the delegat decided under; null for the committee and for decisions before the order. */
  delegation_point: string | null;
  /** A decision the order reserves to the committee: the meeting and paragraph (§) of its minutes. */
  committee_meeting_on: string | null;
  committee_paragraph: string | null;
  /** The coordinator who recorded the committee's decision. */
  committee_recorded_by: string | null;
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
