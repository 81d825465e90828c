import { type Kysely, sql } from 'kysely';

// Sessions of the web pages. The cookie holds a random id; only its SHA-256 is stored, so a copy of
// the database yields no usable session. A row is deleted on sign-out, which is what makes sign-out
// real (a signed cookie would stay valid until it expired).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('absolute_expires_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('web_sessions_expiry', sql`expires_at <= absolute_expires_at`)
    .execute();
  await db.schema.createIndex('web_sessions_expires').on('web_sessions').column('expires_at').execute();
  await db.schema.createIndex('web_sessions_user').on('web_sessions').column('user_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
