import type { Db } from '../db/database';

// Counts of work waiting, read at scrape time: the database, not a process, knows them, so every
// instance reports the same numbers (sum() across instances double-counts; use max()).

export interface BacklogCounts {
  outboxPending: number;
  outboxFailed: number;
  remindersOpen: number;
  remindersOverdue: number;
  referralsOpen: number;
  referralsOverdue: number;
}

export async function backlogCounts(db: Db, today: string): Promise<BacklogCounts> {
  const outbox = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', ['pending', 'failed'])
    .groupBy('status')
    .execute();
  const reminders = await db
    .selectFrom('reminders')
    .select((eb) => [
      eb.fn.countAll<string>().as('open'),
      eb.fn.count<string>(eb.case().when('due_on', '<', today).then(1).end()).as('overdue'),
    ])
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const referrals = await db
    .selectFrom('referrals')
    .select((eb) => [
      eb.fn.countAll<string>().as('open'),
      eb.fn.count<string>(eb.case().when('answer_by', '<', today).then(1).end()).as('overdue'),
    ])
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const byStatus = new Map(outbox.map((r) => [r.status, Number(r.n)]));
  return {
    outboxPending: byStatus.get('pending') ?? 0,
    outboxFailed: byStatus.get('failed') ?? 0,
    remindersOpen: Number(reminders.open),
    remindersOverdue: Number(reminders.overdue),
    referralsOpen: Number(referrals.open),
    referralsOverdue: Number(referrals.overdue),
  };
}
