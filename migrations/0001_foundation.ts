import { type Kysely, sql } from 'kysely';

// Users, the hash-chained audit log and the association register.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('case_officer','booking_staff','coordinator','investigator','admin')`),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema
    .createIndex('audit_events_entity')
    .on('audit_events')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['actor', 'seq']).execute();
  await db.schema.createIndex('audit_events_time').on('audit_events').column('occurred_at').execute();

  // Append-only, enforced by the database itself: whatever the application does, an UPDATE, DELETE or
  // TRUNCATE of the audit log fails. (A unique prev_hash also makes a fork in the chain impossible.)
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_no_update_delete before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);

  await db.schema
    .createTable('associations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('org_number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull())
    .addColumn('registered_on', 'date')
    .addColumn('representatives', 'jsonb', (c) => c.notNull())
    .addColumn('support_status', 'text', (c) =>
      c.notNull().check(sql`support_status in ('active','withdrawn')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('associations_created')
    .on('associations')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
