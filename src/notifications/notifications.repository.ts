import type { Db } from '../db/database';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import { toJson } from '../db/json';
import type { NotificationStatus, OutboxRow } from './notifications.table';

export interface NewNotification {
  id: string;
  topic: string;
  recipientRole: string | null;
  subject: string;
  payload: Record<string, unknown>;
  now: Date;
}

export async function insertNotifications(db: Db, notifications: NewNotification[]): Promise<void> {
  if (notifications.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      notifications.map((n) => ({
        id: n.id,
        topic: n.topic,
        recipient_role: n.recipientRole,
        subject: n.subject,
        payload: toJson(n.payload),
        status: 'pending' as const,
        next_attempt_at: n.now,
        created_at: n.now,
      })),
    )
    .execute();
}

/**
 * Takes up to `limit` due notifications for delivery, in one statement (its own short transaction):
 * rows another instance is claiming right now are skipped, rows with a live lease are left alone, and an
 * expired lease (a crashed instance) is taken over. Counts the attempt at once, so a crash still counts.
 */
export async function claimDue(
  db: Db,
  c: { now: Date; leaseUntil: Date; leaseToken: string; limit: number },
): Promise<OutboxRow[]> {
  return db
    .updateTable('outbox')
    .set((eb) => ({
      lease_token: c.leaseToken,
      lease_until: c.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', c.now)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<=', c.now)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(c.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

// The result of an attempt is recorded only while the claim is still ours: if the lease ran out and
// another instance took the row over, its outcome counts, not ours.

export async function markDelivered(db: Db, id: string, leaseToken: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'delivered', delivered_at: now, lease_token: null, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('lease_token', '=', leaseToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function markForRetry(
  db: Db,
  id: string,
  leaseToken: string,
  nextAttemptAt: Date,
  error: string,
): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt, lease_token: null, lease_until: null, last_error: error })
    .where('id', '=', id)
    .where('lease_token', '=', leaseToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function markFailed(db: Db, id: string, leaseToken: string, error: string): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'failed', lease_token: null, lease_until: null, last_error: error })
    .where('id', '=', id)
    .where('lease_token', '=', leaseToken)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

const newestFirst = timeIdKeyset('created_at', 'id');

export async function listNotifications(
  db: Db,
  f: { status?: NotificationStatus | undefined },
  page: PageRequest,
): Promise<Page<OutboxRow>> {
  let q = db.selectFrom('outbox').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  return paginate(q, newestFirst, page);
}
