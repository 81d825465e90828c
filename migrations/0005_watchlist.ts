import { type Kysely, sql } from 'kysely';

// The watchlist. Entries are never erased: removal retires them with a reason, and review dates
// expire them. A single version counter, bumped in the same transaction as every change, tells each
// service instance when its in-memory index is stale.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('watchlist_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('subject_kind', 'text', (c) =>
      c.notNull().check(sql`subject_kind in ('organisation','person')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    .addColumn('org_number', 'text')
    .addColumn('personal_number', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('review_by', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active','retired','expired')`))
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_by', 'text')
    .addColumn('status_changed_at', 'timestamptz')
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('watchlist_entries_version')
    .on('watchlist_entries')
    .column('version')
    .execute();
  await db.schema
    .createIndex('watchlist_entries_review')
    .on('watchlist_entries')
    .columns(['status', 'review_by'])
    .execute();
  await db.schema
    .createIndex('watchlist_entries_created')
    .on('watchlist_entries')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('watchlist_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into watchlist_state (id, version) values (1, 0)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
