import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import type { WatchlistReviewPort, WatchlistEntryDue } from '../../src/reminders/reminders.watchlist-port';

// A stand-in for the watchlist area's table (migration 0003, built elsewhere), with just what the
// sweep's port needs, implemented the way the real one must be: locks taken with SKIP LOCKED.

export async function createFakeWatchlist(db: Kysely<Database>): Promise<void> {
  await sql`
    create table fake_watchlist_entries (
      id uuid primary key,
      name text not null,
      review_by date not null,
      status text not null default 'active' check (status in ('active','retired','expired')),
      version integer not null default 1
    )`.execute(db);
}

export async function addFakeEntry(db: Kysely<Database>, reviewBy: string): Promise<string> {
  const id = randomUUID();
  await sql`insert into fake_watchlist_entries (id, name, review_by) values (${id}, ${`Post ${id}`}, ${reviewBy})`.execute(
    db,
  );
  return id;
}

export async function fakeEntries(
  db: Kysely<Database>,
): Promise<{ id: string; status: string; version: number; review_by: string }[]> {
  const r = await sql<{ id: string; status: string; version: number; review_by: string }>`
    select id, status, version, review_by from fake_watchlist_entries order by id`.execute(db);
  return r.rows;
}

const toDue = (r: { id: string; review_by: string }): WatchlistEntryDue => ({
  id: r.id,
  reviewBy: r.review_by,
});

export const fakeWatchlistPort: WatchlistReviewPort = {
  async dueForReviewReminder(trx, today, daysAhead) {
    const r = await sql<{ id: string; review_by: string }>`
      select e.id, e.review_by from fake_watchlist_entries e
      where e.status = 'active'
        and e.review_by between ${today}::date and ${today}::date + ${daysAhead}::int
        and not exists (
          select 1 from reminders r
          where r.kind = 'review_watchlist_entry' and r.watchlist_entry_id = e.id and r.due_on = e.review_by)
      order by e.review_by, e.id
      for update of e skip locked`.execute(trx);
    return r.rows.map(toDue);
  },
  async expirePastReview(trx, today) {
    const r = await sql<{ id: string; review_by: string }>`
      update fake_watchlist_entries set status = 'expired', version = version + 1
      where id in (
        select id from fake_watchlist_entries
        where status = 'active' and review_by < ${today}::date
        for update skip locked)
      returning id, review_by`.execute(trx);
    return r.rows.map(toDue);
  },
};
