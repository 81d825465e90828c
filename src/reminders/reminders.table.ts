import type { Generated, Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { Role } from '../users/users.table';

// Each closed set once: the type, the zod enums, the Swedish labels and a test of the database's
// check constraint (test/db/enum-checks.test.ts) all derive from these arrays. A new reminder kind
// does not compile until it has a label (web.labels.sv), a title (reminders.titles), a policy
// (reminders.policy) and a cause (reminders.plan).
export const REMINDER_KINDS = [
  'cancel_bookings',
  'notify_association',
  'recover_grant',
  'reassess',
  'annual_follow_up',
  'review_support',
  'review_watchlist_entry',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The roles that work reminders; investigators read them all, nobody else sees them. */
export const ASSIGNEE_ROLES = [
  'case_officer',
  'booking_staff',
  'coordinator',
] as const satisfies readonly Role[];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

export const REMINDER_STATUSES = ['open', 'done'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** A calendar interval; months first, then days (so "1 month" from 31 Jan is 28/29 Feb). */
export interface Interval {
  months?: number | undefined;
  days?: number | undefined;
}

export interface RemindersTable {
  id: string;
  kind: ReminderKind;
  title: string;
  association_id: string | null;
  decision_id: string | null;
  watchlist_entry_id: string | null;
  assignee_role: AssigneeRole;
  due_on: string;
  status: ReminderStatus;
  escalated_at: Date | null;
  completed_at: Date | null;
  completed_by: string | null;
  note: string | null;
  recurs_every: Json<Interval | null>;
  series_anchor_on: string | null;
  occurrence: Generated<number>;
  previous_id: string | null;
  dedupe_key: string | null;
  created_by: string;
  created_at: Date;
}

export type ReminderRow = Selectable<RemindersTable>;
