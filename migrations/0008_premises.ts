import { type Kysely, sql } from 'kysely';

// Booking staff's premises checks and the referrals a "refer" opens for the coordinators.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('premises_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .addColumn('org_number', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('clear','refer')`))
    .addColumn('association_id', 'uuid')
    .addColumn('grounds', 'jsonb', (c) => c.notNull())
    .addColumn('watchlist_version', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('premises_checks_created')
    .on('premises_checks')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('check_id', 'text', (c) => c.notNull().unique().references('premises_checks.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','resolved')`))
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_created').on('referrals').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('referrals_status').on('referrals').columns(['status', 'created_at']).execute();

  // Booking staff type the name as they hear it: look associations up by it without case.
  await sql`create index associations_lower_name on associations (lower(name))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
