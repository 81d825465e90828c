import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import type { ReminderPolicy } from './reminders.policy';
import { createReminder } from './reminders.service';

export interface WatchlistEntryDue {
  id: string;
  /** YYYY-MM-DD */
  reviewBy: string;
}

/**
 * What the sweep needs from the watchlist, implemented by the watchlist area (its table is not this
 * area's). Both methods run inside the sweep's transaction and must lock the entries they return with
 * `FOR UPDATE SKIP LOCKED`, so two instances sweeping at once never handle one entry twice.
 */
export interface WatchlistReviewPort {
  /**
   * Active entries whose reviewBy lies in [today, today + daysAhead]. It may leave out entries that
   * already have a `review_watchlist_entry` reminder due on that reviewBy (an optimisation: the sweep
   * creates at most one per entry and reviewBy anyway).
   */
  dueForReviewReminder(
    trx: Transaction<Database>,
    today: string,
    daysAhead: number,
  ): Promise<WatchlistEntryDue[]>;
  /**
   * Sets active entries whose reviewBy is before today to `expired` (bumping their version, and making
   * sure the matcher stops matching them) and returns exactly those it changed. The sweep audits them.
   */
  expirePastReview(trx: Transaction<Database>, today: string): Promise<WatchlistEntryDue[]>;
}

/** Asks the coordinator before an entry lapses, and lets entries past their reviewBy lapse. */
export async function reviewWatchlist(
  db: Kysely<Database>,
  clock: Clock,
  policy: ReminderPolicy,
  port: WatchlistReviewPort,
): Promise<{ reviewReminders: number; expired: number }> {
  return db.transaction().execute(async (trx) => {
    const today = isoDate(clock.now());
    const due = await port.dueForReviewReminder(trx, today, policy.review_watchlist_entry.daysBefore);
    const expired = await port.expirePastReview(trx, today);
    let reviewReminders = 0;
    for (const entry of due) {
      const { created } = await createReminder(trx, clock, policy, {
        kind: 'review_watchlist_entry',
        watchlistEntryId: entry.id,
        dueOn: entry.reviewBy,
      });
      if (created) reviewReminders++;
    }
    for (const entry of expired) {
      await appendAudit(trx, clock, {
        actor: 'system',
        action: 'watchlist.entry_expired',
        entityType: 'watchlist_entry',
        entityId: entry.id,
        details: { reviewBy: entry.reviewBy, expiredOn: today },
      });
    }
    return { reviewReminders, expired: expired.length };
  });
}
