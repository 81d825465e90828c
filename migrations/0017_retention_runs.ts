import { type Kysely, sql } from 'kysely';

// Retention runs (gallring): one a day at most, whichever instance's sweep gets there first (the
// unique day decides). What each run deleted is in its row and in the audit event it wrote.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('run_on', 'date', (c) => c.notNull().unique())
    .addColumn('ran_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decision_reference', 'text', (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('erased_payloads', 'integer', (c) => c.notNull())
    .addColumn('audit_seq', 'bigint')
    .execute();
  // Candidates for each kind, found by the day their period starts.
  await sql`create index findings_occurred on findings (occurred_on)`.execute(db);
  await sql`create index premises_checks_clear on premises_checks (created_at) where result = 'clear'`.execute(
    db,
  );
  await sql`create index referrals_resolved on referrals (resolved_at) where status = 'resolved'`.execute(db);
  await sql`create index watchlist_entries_ended on watchlist_entries (status_changed_at) where status <> 'active'`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
