import type { Selectable } from 'kysely';

/** A coordinator's judgement that a sanctions hit of a screening is a false positive (SANK-1). */
export interface SanctionsClearancesTable {
  id: string;
  screening_id: string;
  application_id: string;
  entry_id: string;
  note: string;
  cleared_by: string;
  cleared_at: Date;
}

export type SanctionsClearanceRow = Selectable<SanctionsClearancesTable>;
