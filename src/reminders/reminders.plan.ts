import { randomUUID } from 'node:crypto';
import { isoDate, type Clock } from '../clock';
import type { NewReminder } from './reminders.repository';
import { addInterval, type ReminderPolicy } from './reminders.policy';
import { REMINDER_KINDS, type AssigneeRole, type ReminderKind, type ReminderRow } from './reminders.table';
import { REMINDER_TITLES } from './reminders.titles';

// Pure planning: what a reminder to be created looks like (due date, assignee, natural key, series).

/**
 * What makes each kind of reminder, so a new kind cannot be added without saying so: a final
 * withdrawal of support (its follow-up work, DOMAIN.md), a new watchlist hit on an association that
 * has support (watchlist.monitor), or an entry's coming review date (reminders.watchlist-port).
 */
export const REMINDER_CAUSES: Record<ReminderKind, 'withdrawal' | 'watchlist_hit' | 'entry_review'> = {
  cancel_bookings: 'withdrawal',
  notify_association: 'withdrawal',
  recover_grant: 'withdrawal',
  reassess: 'withdrawal',
  annual_follow_up: 'withdrawal',
  review_support: 'watchlist_hit',
  review_watchlist_entry: 'entry_review',
};

/** The reminders a final withdrawal creates, in the order they are created. */
export const WITHDRAWAL_FOLLOW_UPS: readonly ReminderKind[] = REMINDER_KINDS.filter(
  (kind) => REMINDER_CAUSES[kind] === 'withdrawal',
);

export interface CreateReminderInput {
  kind: ReminderKind;
  associationId?: string | null;
  decisionId?: string | null;
  watchlistEntryId?: string | null;
  /** review_support: the matched entry's version, so an edited or renewed entry may ask again. */
  watchlistEntryVersion?: number | null;
  /** The day the policy's interval counts from; today (in Sweden) when omitted. */
  from?: string;
  /** An explicit due date instead of the policy's (not for the recurring annual_follow_up). */
  dueOn?: string;
  /** Who does it, instead of the policy's role. */
  assigneeRole?: AssigneeRole;
  /** A user id, or 'system'. */
  actor?: string;
}

// The natural key of a reminder whose duplicate would only be noise: the same follow-up of the same
// decision, the same watchlist hit on the same association, the same review date of the same entry.
function dedupeKey(input: CreateReminderInput, dueOn: string): string | null {
  if (input.decisionId) return `${input.kind}:decision:${input.decisionId}`;
  if (input.kind === 'review_support' && input.associationId && input.watchlistEntryId) {
    return `review_support:${input.associationId}:${input.watchlistEntryId}:v${input.watchlistEntryVersion ?? 0}`;
  }
  if (input.kind === 'review_watchlist_entry' && input.watchlistEntryId) {
    return `review_watchlist_entry:${input.watchlistEntryId}:${dueOn}`;
  }
  return null;
}

export function planReminder(clock: Clock, policy: ReminderPolicy, input: CreateReminderInput): NewReminder {
  const from = input.from ?? isoDate(clock.now());
  let dueOn: string;
  let assigneeRole: AssigneeRole;
  let recursEvery = null;
  if (input.kind === 'review_watchlist_entry') {
    if (!input.dueOn) throw new Error('a review_watchlist_entry reminder is due on the entry’s reviewBy');
    dueOn = input.dueOn;
    assigneeRole = policy.review_watchlist_entry.assigneeRole;
  } else {
    const rule = policy[input.kind];
    if (input.kind === 'annual_follow_up') {
      if (input.dueOn) throw new Error('annual_follow_up is due by its series: give `from`, not dueOn');
      recursEvery = rule.dueAfter;
    }
    dueOn = input.dueOn ?? addInterval(from, rule.dueAfter);
    assigneeRole = rule.assigneeRole;
  }
  return {
    id: randomUUID(),
    kind: input.kind,
    title: REMINDER_TITLES[input.kind],
    associationId: input.associationId ?? null,
    decisionId: input.decisionId ?? null,
    watchlistEntryId: input.watchlistEntryId ?? null,
    assigneeRole: input.assigneeRole ?? assigneeRole,
    dueOn,
    recursEvery,
    seriesAnchorOn: recursEvery ? from : null,
    occurrence: 1,
    previousId: null,
    dedupeKey: dedupeKey(input, dueOn),
    createdBy: input.actor ?? 'system',
    now: clock.now(),
  };
}

/** The next occurrence of a recurring reminder: anchor + n × interval, whenever this one was done. */
export function nextOccurrence(row: ReminderRow, clock: Clock, actor: string): NewReminder | undefined {
  if (!row.recurs_every || !row.series_anchor_on) return undefined;
  const occurrence = row.occurrence + 1;
  return {
    id: randomUUID(),
    kind: row.kind,
    title: row.title,
    associationId: row.association_id,
    decisionId: row.decision_id,
    watchlistEntryId: row.watchlist_entry_id,
    assigneeRole: row.assignee_role,
    dueOn: addInterval(row.series_anchor_on, row.recurs_every, occurrence),
    recursEvery: row.recurs_every,
    seriesAnchorOn: row.series_anchor_on,
    occurrence,
    previousId: row.id,
    dedupeKey: `next-of:${row.id}`,
    createdBy: actor,
    now: clock.now(),
  };
}
