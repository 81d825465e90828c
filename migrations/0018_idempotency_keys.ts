import { type Kysely, sql } from 'kysely';

// Idempotency-Key (API.md, v2 "Operations"): a POST that creates something, retried with the same key
// by the same user, returns the first answer instead of creating again. The first request claims the
// key (pending) before it runs; its answer is stored when it succeeds. Kept 24 hours (the sweep
// deletes older keys).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .addCheckConstraint('idempotency_keys_status', sql`status in ('pending', 'done')`)
    .addCheckConstraint(
      'idempotency_keys_done',
      sql`(status = 'done') = (response_status is not null and response_body is not null)`,
    )
    .addCheckConstraint('idempotency_keys_key', sql`char_length(key) between 1 and 255`)
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
