import type { Generated, Selectable } from 'kysely';
import type { Json } from '../db/json';

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface OutboxTable {
  id: string;
  topic: string;
  recipient_role: string | null;
  /** Swedish, for the person the relay forwards it to. */
  subject: string;
  payload: Json<Record<string, unknown>>;
  status: NotificationStatus;
  attempts: Generated<number>;
  next_attempt_at: Date;
  lease_token: string | null;
  lease_until: Date | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export type OutboxRow = Selectable<OutboxTable>;
