import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../src/clock';
import type { Database } from '../../src/db/database';
import { defaultReminderPolicy, type ReminderPolicy } from '../../src/reminders/reminders.policy';
import { createFollowUpReminders } from '../../src/reminders/reminders.service';

/**
 * What a final withdrawal will do (the decisions area calls this inside its own transaction): here a
 * transaction of its own, for a decision id that stands in for a decision not yet built.
 */
export async function withdrawSupport(
  db: Kysely<Database>,
  clock: Clock,
  associationId: string,
  opts: { decisionId?: string; decidedOn: string; policy?: ReminderPolicy; reassessOn?: string },
) {
  const decisionId = opts.decisionId ?? randomUUID();
  const reminders = await db.transaction().execute((trx) =>
    createFollowUpReminders(trx, clock, opts.policy ?? defaultReminderPolicy, {
      associationId,
      decisionId,
      decidedOn: opts.decidedOn,
      actor: 'test-approver',
      ...(opts.reassessOn ? { reassessOn: opts.reassessOn } : {}),
    }),
  );
  const byKind = Object.fromEntries(reminders.map((r) => [r.kind, r]));
  return { decisionId, reminders, byKind };
}
