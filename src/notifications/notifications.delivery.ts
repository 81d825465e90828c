import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { claimDue, markDelivered, markFailed, markForRetry } from './notifications.repository';
import { postNotification } from './notifications.webhook';
import type { OutboxRow } from './notifications.table';

export interface DeliveryOptions {
  webhookUrl: string;
  /** After this many failed attempts a notification is marked failed (kept and listed). */
  maxAttempts: number;
  /** Wait after the first failure; doubles with every further one, up to maxDelaySeconds. */
  retryBaseSeconds: number;
  maxDelaySeconds?: number;
  timeoutMs?: number;
  /** How long a claim holds; must exceed timeoutMs, since a batch is posted in parallel. */
  leaseSeconds?: number;
  batchSize?: number;
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

const DEFAULTS = { maxDelaySeconds: 6 * 3600, timeoutMs: 10_000, leaseSeconds: 60, batchSize: 20 };
const MAX_BATCHES_PER_PASS = 50;

/** Seconds to wait after the n-th failed attempt (n ≥ 1): base, 2·base, 4·base, … capped. */
export function backoffSeconds(attempt: number, base: number, cap: number): number {
  return Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
}

/**
 * Delivers due notifications. Rows are claimed (leased) and the claim committed before any network
 * I/O, so no transaction stays open while a webhook answers, and another instance skips them.
 */
export async function deliverPending(
  db: Kysely<Database>,
  clock: Clock,
  options: DeliveryOptions,
  logger?: Logger,
): Promise<DeliveryReport> {
  const o = { ...DEFAULTS, ...options };
  const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0 };
  for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
    const now = clock.now();
    const leaseToken = randomUUID();
    const rows = await claimDue(db, {
      now,
      leaseUntil: new Date(now.getTime() + o.leaseSeconds * 1000),
      leaseToken,
      limit: o.batchSize,
    });
    const results = await Promise.all(rows.map((r) => postNotification(o.webhookUrl, r, o.timeoutMs)));
    for (const [i, row] of rows.entries()) {
      const result = results[i]!;
      if (result.ok) {
        if (await markDelivered(db, row.id, leaseToken, clock.now())) report.delivered++;
      } else if (row.attempts >= o.maxAttempts) {
        if (await recordFailure(db, clock, row, leaseToken, result.error)) report.failed++;
        logger?.warn({ notificationId: row.id, error: result.error }, 'notification failed for good');
      } else {
        const wait = backoffSeconds(row.attempts, o.retryBaseSeconds, o.maxDelaySeconds);
        const next = new Date(clock.now().getTime() + wait * 1000);
        if (await markForRetry(db, row.id, leaseToken, next, result.error)) report.retried++;
      }
    }
    if (rows.length < o.batchSize) break;
  }
  return report;
}

/** Giving up is worth an audit event: someone was not told something they should have been. */
async function recordFailure(
  db: Kysely<Database>,
  clock: Clock,
  row: OutboxRow,
  leaseToken: string,
  error: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await markFailed(trx, row.id, leaseToken, error))) return false;
    await appendAudit(trx, clock, {
      actor: 'system',
      action: 'notification.failed',
      entityType: 'notification',
      entityId: row.id,
      details: { topic: row.topic, recipientRole: row.recipient_role, attempts: row.attempts, error },
    });
    return true;
  });
}
