import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { dateIdAscKeyset, paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { AssigneeRole, Interval, ReminderKind, ReminderRow, ReminderStatus } from './reminders.table';

/** A reminder with the name and number of its association, which is what a person needs to act on it. */
export type ReminderView = ReminderRow & { association_name: string | null; org_number: string | null };

export interface NewReminder {
  id: string;
  kind: ReminderKind;
  title: string;
  associationId: string | null;
  decisionId: string | null;
  watchlistEntryId: string | null;
  assigneeRole: AssigneeRole;
  dueOn: string;
  recursEvery: Interval | null;
  seriesAnchorOn: string | null;
  occurrence: number;
  previousId: string | null;
  dedupeKey: string | null;
  createdBy: string;
  now: Date;
}

/** Inserts unless a reminder with the same dedupe key exists; true when this call created it. */
export async function insertReminder(db: Db, r: NewReminder): Promise<boolean> {
  const inserted = await db
    .insertInto('reminders')
    .values({
      id: r.id,
      kind: r.kind,
      title: r.title,
      association_id: r.associationId,
      decision_id: r.decisionId,
      watchlist_entry_id: r.watchlistEntryId,
      assignee_role: r.assigneeRole,
      due_on: r.dueOn,
      status: 'open',
      recurs_every: toJson(r.recursEvery),
      series_anchor_on: r.seriesAnchorOn,
      occurrence: r.occurrence,
      previous_id: r.previousId,
      dedupe_key: r.dedupeKey,
      created_by: r.createdBy,
      created_at: r.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

function views(db: Db) {
  return db
    .selectFrom('reminders')
    .leftJoin('associations', 'associations.id', 'reminders.association_id')
    .selectAll('reminders')
    .select(['associations.name as association_name', 'associations.org_number as org_number']);
}

export async function findReminder(db: Db, id: string): Promise<ReminderView | undefined> {
  return views(db).where('reminders.id', '=', id).executeTakeFirst();
}

export async function findReminderByDedupeKey(db: Db, key: string): Promise<ReminderView | undefined> {
  return views(db).where('reminders.dedupe_key', '=', key).executeTakeFirst();
}

/** Locks the reminder for the rest of the transaction (completion). */
export async function lockReminder(db: Db, id: string): Promise<ReminderRow | undefined> {
  return db.selectFrom('reminders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function markDone(
  db: Db,
  id: string,
  done: { now: Date; by: string; note: string },
): Promise<void> {
  await db
    .updateTable('reminders')
    .set({ status: 'done', completed_at: done.now, completed_by: done.by, note: done.note })
    .where('id', '=', id)
    .execute();
}

/**
 * Open reminders past due and not yet escalated, locked; rows another instance holds are skipped (it
 * handles them), so concurrent sweeps split the work and none is escalated twice.
 */
export async function lockOverdue(db: Db, today: string, limit: number): Promise<ReminderView[]> {
  return views(db)
    .where('reminders.status', '=', 'open')
    .where('reminders.escalated_at', 'is', null)
    .where('reminders.due_on', '<', today)
    .orderBy('reminders.due_on')
    .orderBy('reminders.id')
    .limit(limit)
    .forUpdate('reminders')
    .skipLocked()
    .execute();
}

export async function markEscalated(db: Db, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('reminders').set({ escalated_at: now }).where('id', 'in', ids).execute();
}

export interface ReminderFilter {
  status?: ReminderStatus | undefined;
  assigneeRole?: AssigneeRole | undefined;
  dueBefore?: string | undefined;
  kind?: ReminderKind | undefined;
  associationId?: string | undefined;
  decisionId?: string | undefined;
}

export type ReminderOrder = 'newest' | 'due';

// The rows are joined with associations, which has its own created_at and id.
const newestFirst = timeIdKeyset('reminders.created_at', 'reminders.id');
const dueFirst = dateIdAscKeyset('reminders.due_on', 'reminders.id');

/**
 * `newest`: (created_at desc, id desc), the contract's list order. `due`: (due_on asc, id asc), the most
 * urgent first (overdue, hence escalated, ones lead). Each order has its own cursor; a cursor of the
 * other order is refused.
 */
/** The follow-up reminders of these decisions, earliest due first. */
export async function remindersOfDecisions(db: Db, decisionIds: string[]): Promise<ReminderRow[]> {
  if (decisionIds.length === 0) return [];
  return db
    .selectFrom('reminders')
    .selectAll()
    .where('decision_id', 'in', decisionIds)
    .orderBy('due_on')
    .execute();
}

export async function listReminders(
  db: Db,
  f: ReminderFilter,
  order: ReminderOrder,
  page: PageRequest,
): Promise<Page<ReminderView>> {
  let q = views(db);
  if (f.status) q = q.where('reminders.status', '=', f.status);
  if (f.assigneeRole) q = q.where('reminders.assignee_role', '=', f.assigneeRole);
  if (f.dueBefore) q = q.where('reminders.due_on', '<', f.dueBefore);
  if (f.kind) q = q.where('reminders.kind', '=', f.kind);
  if (f.associationId) q = q.where('reminders.association_id', '=', f.associationId);
  if (f.decisionId) q = q.where('reminders.decision_id', '=', f.decisionId);
  return order === 'due' ? paginate(q, dueFirst, page) : paginate(q, newestFirst, page);
}
