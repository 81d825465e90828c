import { type Kysely, sql } from 'kysely';

// Referrals get what the booking desk is told: the date an answer comes by (answer_by, counted in
// Swedish working days when the check is made), the coordinator's outcome (no obstacle / cannot be
// confirmed), and when a missed deadline was escalated. Booking staff list their own checks.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('referrals')
    .addColumn('answer_by', 'date')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('no_obstacle','not_cleared')`))
    .addColumn('escalated_at', 'timestamptz')
    .execute();
  await backfillAnswerBy(db as Kysely<LegacyReferrals>);
  await sql`alter table referrals alter column answer_by set not null`.execute(db);
  // An outcome only on a resolved referral. Those resolved before outcomes existed have none.
  await sql`alter table referrals add constraint referrals_outcome_resolved
    check (outcome is null or status = 'resolved')`.execute(db);

  // The sweep's question: open, not yet escalated, past its date.
  await sql`create index referrals_overdue on referrals (answer_by, id)
    where status = 'open' and escalated_at is null`.execute(db);
  // A booking clerk's own recent checks.
  await db.schema
    .createIndex('premises_checks_checked_by')
    .on('premises_checks')
    .columns(['checked_by', 'created_at', 'id'])
    .execute();
}

interface LegacyReferrals {
  referrals: { id: string; created_at: Date; answer_by: string | null };
}

const swedishDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Referrals opened before deadlines existed get two weekdays after the Swedish day they were opened.
 * Self-contained on purpose (a migration must not change when application code does), so public
 * holidays are not skipped: such referrals are old, and an open one is overdue either way, which the
 * first sweep escalates.
 */
async function backfillAnswerBy(db: Kysely<LegacyReferrals>): Promise<void> {
  const rows = await db.selectFrom('referrals').select(['id', 'created_at']).execute();
  const byDay = new Map<string, string[]>();
  for (const r of rows) {
    const day = twoWeekdaysAfter(swedishDay.format(new Date(r.created_at)));
    byDay.set(day, [...(byDay.get(day) ?? []), r.id]);
  }
  for (const [day, ids] of byDay) {
    for (let i = 0; i < ids.length; i += 1000) {
      await db
        .updateTable('referrals')
        .set({ answer_by: day })
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute();
    }
  }
}

function twoWeekdaysAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  let left = 2;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
