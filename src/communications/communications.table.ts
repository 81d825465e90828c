import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

export const COMMUNICATION_STATUSES = ['awaiting_reply', 'replied', 'no_reply'] as const;
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

/**
 * Kommunicering (förvaltningslagen 25 §): the material a decision may rest on, sent to the association
 * with a deadline to answer. The letter is stored as sent; the answer, or that none came, is recorded
 * once.
 */
export interface CommunicationsTable {
  id: string;
  case_id: string;
  /** The findings the letter puts before the association. */
  finding_ids: Json<string[]>;
  sent_on: string;
  /** The last day to answer. */
  reply_by: string;
  status: CommunicationStatus;
  reply_received_on: string | null;
  /** What the association answered, in the case officer's summary. */
  reply_summary: string | null;
  reply_recorded_by: string | null;
  reply_recorded_at: Date | null;
  document_html: string;
  document_sha256: string;
  created_by: string;
  created_at: Date;
}

export type CommunicationRow = Selectable<CommunicationsTable>;
