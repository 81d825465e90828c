import { addDays, type Clock } from '../clock';
import type { WatchlistReviewPort } from '../reminders/reminders.watchlist-port';
import { lockExpiredEntries, nextVersion, setEntryStatus } from './watchlist.repository';

const EXPIRE_BATCH = 500;

/**
 * The watchlist's side of the review sweep: entries nearing their review date (for a reminder to
 * the coordinator) and entries past it (expired). Rows are locked with SKIP LOCKED so two
 * instances sweeping at once never take the same entry.
 */
export function watchlistReviewPort(clock: Clock): WatchlistReviewPort {
  return {
    async dueForReviewReminder(trx, today, daysAhead) {
      const rows = await trx
        .selectFrom('watchlist_entries as e')
        .select(['e.id', 'e.review_by'])
        .where('e.status', '=', 'active')
        .where('e.review_by', '>=', today)
        .where('e.review_by', '<=', addDays(today, daysAhead))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('reminders as r')
                .select('r.id')
                .where('r.kind', '=', 'review_watchlist_entry')
                .whereRef('r.watchlist_entry_id', '=', 'e.id')
                .whereRef('r.due_on', '=', 'e.review_by'),
            ),
          ),
        )
        .orderBy('e.review_by')
        .orderBy('e.id')
        .forUpdate()
        .skipLocked()
        .execute();
      // Only entries with a review date come here (the query compares it): list entries have none.
      return rows.map((r) => ({ id: r.id, reviewBy: r.review_by ?? today }));
    },

    async expirePastReview(trx, today) {
      const rows = await lockExpiredEntries(trx, today, EXPIRE_BATCH);
      if (rows.length === 0) return [];
      // One new watchlist version for the batch: every instance's index drops these entries.
      const version = await nextVersion(trx);
      for (const row of rows) {
        await setEntryStatus(trx, row.id, {
          status: 'expired',
          reason: `review date ${row.review_by} passed without re-validation`,
          by: 'system',
          now: clock.now(),
          version,
        });
      }
      return rows.map((r) => ({ id: r.id, reviewBy: r.review_by ?? today }));
    },
  };
}
