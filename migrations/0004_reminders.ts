import { type Kysely, sql } from 'kysely';

// Follow-up reminders (after a withdrawal of support, from watchlist monitoring and review dates) and
// the outbox of notifications, written in the same transaction as the change that caused them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('cancel_bookings','notify_association','recover_grant','reassess','annual_follow_up','review_support','review_watchlist_entry')`,
        ),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('association_id', 'uuid', (c) => c.references('associations.id'))
    // No foreign keys to decisions or watchlist entries: those tables belong to other migrations, and a
    // reminder must outlive nothing it points to (decisions and entries are never deleted).
    .addColumn('decision_id', 'uuid')
    .addColumn('watchlist_entry_id', 'uuid')
    .addColumn('assignee_role', 'text', (c) =>
      c.notNull().check(sql`assignee_role in ('case_officer','booking_staff','coordinator')`),
    )
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','done')`))
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('completed_by', 'text')
    .addColumn('note', 'text')
    // Recurring reminders: every occurrence is due at anchor + n × interval, so a late or early
    // completion never shifts the series and month-end clamping never accumulates.
    .addColumn('recurs_every', 'jsonb')
    .addColumn('series_anchor_on', 'date')
    .addColumn('occurrence', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('previous_id', 'uuid', (c) => c.references('reminders.id'))
    // The natural key of a reminder whose duplicate would be noise; null when duplicates are allowed.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'reminders_association_required',
      sql`kind = 'review_watchlist_entry' or association_id is not null`,
    )
    .addCheckConstraint(
      'reminders_entry_required',
      sql`kind <> 'review_watchlist_entry' or watchlist_entry_id is not null`,
    )
    .addCheckConstraint(
      'reminders_done_has_note',
      sql`(status = 'done') = (completed_at is not null and note is not null)`,
    )
    .execute();
  await db.schema.createIndex('reminders_created').on('reminders').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('reminders_role_due')
    .on('reminders')
    .columns(['assignee_role', 'status', 'due_on', 'id'])
    .execute();
  await db.schema.createIndex('reminders_decision').on('reminders').column('decision_id').execute();
  await db.schema.createIndex('reminders_association').on('reminders').column('association_id').execute();
  await db.schema
    .createIndex('reminders_to_escalate')
    .on('reminders')
    .column('due_on')
    .where(sql.ref('status'), '=', 'open')
    .where(sql.ref('escalated_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('recipient_role', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','delivered','failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    // A claim: whoever holds lease_token may deliver the row until lease_until; then anyone may retake it.
    .addColumn('lease_token', 'uuid')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
  await db.schema
    .createIndex('outbox_due')
    .on('outbox')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
