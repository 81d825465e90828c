import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { insertNotifications } from './notifications.repository';
import type { OutboxRow } from './notifications.table';
import type { Notification } from './notifications.schemas';

export interface NotificationInput {
  /** What happened, e.g. 'reminder.escalated'. */
  topic: string;
  /** Whom the relay should tell: a role (the municipality's relay maps it to people). */
  recipientRole: string | null;
  /** Swedish, one line, for the person told. */
  subject: string;
  /** Ids and dates the receiver needs; never watchlist details or reasons. */
  payload: Record<string, unknown>;
}

/**
 * Puts a notification in the outbox. Takes a Transaction, not the database: the notification exists
 * exactly when the change that caused it commits, and is delivered only after that (by the scheduler).
 */
export async function enqueueNotification(
  trx: Transaction<Database>,
  clock: Clock,
  input: NotificationInput,
): Promise<{ id: string }> {
  const [id] = await enqueueNotifications(trx, clock, [input]);
  return { id: id! };
}

/** Several notifications in one statement (e.g. a batch of premises checks that refer). */
export async function enqueueNotifications(
  trx: Transaction<Database>,
  clock: Clock,
  inputs: NotificationInput[],
): Promise<string[]> {
  const now = clock.now();
  const rows = inputs.map((input) => ({ id: randomUUID(), ...input, now }));
  await insertNotifications(trx, rows);
  return rows.map((r) => r.id);
}

/** Delivery metadata only: subjects and payloads may name associations and stay in the database. */
export function toNotification(row: OutboxRow): Notification {
  return {
    id: row.id,
    topic: row.topic,
    recipientRole: row.recipient_role,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
  };
}
