import { type Kysely, sql } from 'kysely';

// The chain's head in a row of its own. Appenders lock it with SELECT … FOR UPDATE, which both
// serialises them and hands each the head as the previous one committed it, in one round trip; the
// new events and the new head are then written in one statement. The head is a convenience for
// appending: verification always recomputes the chain from the events themselves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`
    insert into audit_head (id, seq, hash)
    select 1, coalesce(max(seq), 0),
           coalesce((select hash from audit_events order by seq desc limit 1), repeat('0', 64))
    from audit_events`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
