import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { enqueueNotification } from '../notifications/notifications.service';
import { lockOverdue, markEscalated } from './reminders.repository';
import { notificationPayload, toReminder } from './reminders.service';
import { ESCALATION_SUBJECT } from './reminders.titles';

/**
 * Marks open reminders past their due date escalated, once each, and tells the coordinator. A batch at
 * a time, each batch one transaction: the rows are locked (SKIP LOCKED), so another instance sweeping at
 * the same moment takes other rows, and a row escalated by either no longer qualifies.
 */
export async function escalateOverdue(db: Kysely<Database>, clock: Clock, batchSize = 50): Promise<number> {
  let total = 0;
  for (;;) {
    const handled = await db.transaction().execute(async (trx) => {
      const rows = await lockOverdue(trx, isoDate(clock.now()), batchSize);
      if (!rows.length) return 0;
      const now = clock.now();
      await markEscalated(
        trx,
        rows.map((r) => r.id),
        now,
      );
      const escalated = rows.map((r) => toReminder({ ...r, escalated_at: now }));
      const notices: string[] = [];
      for (const r of escalated) {
        const { id } = await enqueueNotification(trx, clock, {
          topic: 'reminder.escalated',
          recipientRole: 'coordinator',
          subject: ESCALATION_SUBJECT(r.title, r.dueOn),
          payload: notificationPayload(r),
        });
        notices.push(id);
      }
      for (const [i, r] of escalated.entries()) {
        await appendAudit(trx, clock, {
          actor: 'system',
          action: 'reminder.escalated',
          entityType: 'reminder',
          entityId: r.id,
          details: {
            kind: r.kind,
            dueOn: r.dueOn,
            assigneeRole: r.assigneeRole,
            escalatedOn: isoDate(now),
            notificationId: notices[i],
          },
        });
      }
      return rows.length;
    });
    total += handled;
    if (handled < batchSize) return total;
  }
}
