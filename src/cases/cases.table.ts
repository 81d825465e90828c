import type { Selectable } from 'kysely';

export const CASE_KINDS = ['application', 'withdrawal'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** A case (ärende): an application, or a withdrawal of support, with its diarienummer. */
export interface CasesTable {
  id: string;
  /** The diarienummer, e.g. "HÄ 2026/17": from the registry system, or from CASE_NUMBER_FORMAT. */
  case_number: string;
  kind: CaseKind;
  association_id: string;
  /** The application, for an application case; null for a withdrawal case. */
  application_id: string | null;
  /** The handling officer (handläggare): a case officer's user id. */
  assigned_to: string;
  opened_by: string;
  opened_at: Date;
}

export interface CaseNumberCountersTable {
  year: number;
  last: number;
}

export type CaseRow = Selectable<CasesTable>;
