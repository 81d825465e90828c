import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { enqueueNotification } from '../notifications/notifications.service';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import type { AuthUser } from '../http/auth';
import {
  findReminder,
  findReminderByDedupeKey,
  insertReminder,
  lockReminder,
  markDone,
  type NewReminder,
  type ReminderView,
} from './reminders.repository';
import type { ReminderPolicy } from './reminders.policy';
import {
  nextOccurrence,
  planReminder,
  WITHDRAWAL_FOLLOW_UPS,
  type CreateReminderInput,
} from './reminders.plan';
import { NEW_REMINDER_SUBJECT } from './reminders.titles';
import type { Reminder } from './reminders.schemas';

export function toReminder(row: ReminderView): Reminder {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    associationId: row.association_id,
    associationName: row.association_name,
    orgNumber: row.org_number,
    decisionId: row.decision_id,
    watchlistEntryId: row.watchlist_entry_id,
    assigneeRole: row.assignee_role,
    dueOn: row.due_on,
    status: row.status,
    escalated: row.escalated_at !== null,
    escalatedAt: row.escalated_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    completedBy: row.completed_by,
    note: row.note,
    occurrence: row.occurrence,
    previousId: row.previous_id,
    createdAt: row.created_at.toISOString(),
  };
}

export type { CreateReminderInput };

export interface CreatedReminder {
  reminder: Reminder;
  /** False when an identical reminder already existed (nothing was written). */
  created: boolean;
}

/** Inserts (unless a duplicate exists) and tells the assignee through the outbox; audit comes after. */
async function insertWithNotice(
  trx: Transaction<Database>,
  clock: Clock,
  plan: NewReminder,
): Promise<CreatedReminder> {
  const created = await insertReminder(trx, plan);
  const row = created
    ? await findReminder(trx, plan.id)
    : await findReminderByDedupeKey(trx, plan.dedupeKey!);
  const reminder = toReminder(row!);
  if (created) {
    await enqueueNotification(trx, clock, {
      topic: 'reminder.created',
      recipientRole: reminder.assigneeRole,
      subject: NEW_REMINDER_SUBJECT(reminder.title, reminder.dueOn),
      payload: notificationPayload(reminder),
    });
  }
  return { reminder, created };
}

export function notificationPayload(r: Reminder): Record<string, unknown> {
  return {
    reminderId: r.id,
    kind: r.kind,
    title: r.title,
    associationId: r.associationId,
    associationName: r.associationName,
    orgNumber: r.orgNumber,
    decisionId: r.decisionId,
    watchlistEntryId: r.watchlistEntryId,
    assigneeRole: r.assigneeRole,
    dueOn: r.dueOn,
  };
}

async function auditCreated(trx: Transaction<Database>, clock: Clock, actor: string, r: Reminder) {
  await appendAudit(trx, clock, {
    actor,
    action: 'reminder.created',
    entityType: 'reminder',
    entityId: r.id,
    details: {
      kind: r.kind,
      title: r.title,
      associationId: r.associationId,
      decisionId: r.decisionId,
      watchlistEntryId: r.watchlistEntryId,
      assigneeRole: r.assigneeRole,
      dueOn: r.dueOn,
      occurrence: r.occurrence,
      previousId: r.previousId,
    },
  });
}

/**
 * One reminder, inside the caller's transaction (watchlist monitoring: review_support; the sweep:
 * review_watchlist_entry). Idempotent for reminders with a natural key: a second call returns the
 * existing one and writes nothing. Appends an audit event, so call it late in the transaction.
 */
export async function createReminder(
  trx: Transaction<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  input: CreateReminderInput,
): Promise<CreatedReminder> {
  const result = await insertWithNotice(trx, clock, planReminder(clock, policy, input));
  if (result.created) await auditCreated(trx, clock, input.actor ?? 'system', result.reminder);
  return result;
}

export interface FollowUpInput {
  associationId: string;
  decisionId: string;
  /** The day the withdrawal became final; due dates count from it. */
  decidedOn: string;
  /** The end of the withdrawal period when the decision names one; otherwise the policy's. */
  reassessOn?: string;
  /** Who made the decision final, or 'system'. */
  actor?: string;
}

/**
 * The follow-up work a final withdrawal of support implies (DOMAIN.md), created inside the withdrawal's
 * own transaction so the decision and its reminders commit together or not at all. Idempotent per
 * decision. Appends audit events: call it just before the withdrawal's own appendAudit.
 */
export async function createFollowUpReminders(
  trx: Transaction<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  input: FollowUpInput,
): Promise<Reminder[]> {
  const actor = input.actor ?? 'system';
  const results: CreatedReminder[] = [];
  for (const kind of WITHDRAWAL_FOLLOW_UPS) {
    const plan = planReminder(clock, policy, {
      kind,
      associationId: input.associationId,
      decisionId: input.decisionId,
      from: input.decidedOn,
      actor,
      ...(kind === 'reassess' && input.reassessOn ? { dueOn: input.reassessOn } : {}),
    });
    results.push(await insertWithNotice(trx, clock, plan));
  }
  for (const r of results) if (r.created) await auditCreated(trx, clock, actor, r.reminder);
  return results.map((r) => r.reminder);
}

export type CompletedReminder = Reminder & { next: Reminder | null };

/** Only the assigned role completes, once, with a note; a recurring reminder then schedules its next. */
export async function completeReminder(
  db: Kysely<Database>,
  clock: Clock,
  user: AuthUser,
  id: string,
  note: string,
): Promise<CompletedReminder> {
  return db.transaction().execute(async (trx) => {
    const row = await lockReminder(trx, id);
    if (!row) throw new NotFoundError('Reminder');
    if (row.assignee_role !== user.role) {
      throw new ForbiddenError(`Only ${row.assignee_role} completes this reminder`, {
        code: 'not_your_reminder',
        params: { assigneeRole: row.assignee_role },
      });
    }
    if (row.status === 'done') {
      throw new ConflictError('The reminder is already completed', { code: 'reminder_completed' });
    }
    const now = clock.now();
    await markDone(trx, id, { now, by: user.id, note });
    const plan = nextOccurrence(row, clock, user.id);
    const next = plan ? await insertWithNotice(trx, clock, plan) : undefined;
    const done = toReminder((await findReminder(trx, id))!);
    await appendAudit(trx, clock, {
      actor: user.id,
      action: 'reminder.completed',
      entityType: 'reminder',
      entityId: id,
      details: {
        kind: done.kind,
        dueOn: done.dueOn,
        completedOn: isoDate(now),
        onTime: isoDate(now) <= done.dueOn,
        escalated: done.escalated,
        note,
      },
    });
    if (next?.created) await auditCreated(trx, clock, user.id, next.reminder);
    return { ...done, next: next?.reminder ?? null };
  });
}

/**
 * When support is restored, the follow-up of the earlier withdrawal has no object any more: its open
 * reminders (the recurring yearly one included) are closed with a note naming the restoring decision,
 * in the restoration's own transaction, each closure audited.
 */
export async function closeWithdrawalFollowUps(
  trx: Transaction<Database>,
  clock: Clock,
  input: { associationId: string; note: string; actor: string },
): Promise<number> {
  const open = await trx
    .selectFrom('reminders')
    .select('reminders.id')
    .innerJoin('decisions', 'decisions.id', 'reminders.decision_id')
    .where('reminders.association_id', '=', input.associationId)
    .where('decisions.kind', '=', 'withdrawal')
    .where('reminders.status', '=', 'open')
    .forUpdate('reminders')
    .execute();
  for (const { id } of open) {
    await markDone(trx, id, { now: clock.now(), by: input.actor, note: input.note });
    await appendAudit(trx, clock, {
      actor: input.actor,
      action: 'reminder.closed',
      entityType: 'reminder',
      entityId: id,
      details: { note: input.note },
    });
  }
  return open.length;
}
