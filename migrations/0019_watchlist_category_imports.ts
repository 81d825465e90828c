import { type Kysely, sql } from 'kysely';

// Issue 11 point 7 and issue 14 point 2 for the watchlist.
//
// 1. Every entry records the conduct category it rests on (the finding categories of DOMAIN.md), so
//    no entry can rest on an opinion. New entries must give one (the API and the CSV import refuse
//    them without). Rows from before have none, and none is invented for them here: choosing a
//    category is a judgement a coordinator makes from the entry's source, and a backfilled default
//    would look like one. They stay NULL, are shown as "Ej angiven", and leave the list within a
//    year anyway (review dates are at most a year ahead).
// 2. Large CSV imports run in batches, each its own transaction; an import job row records how far
//    it has come, so a page can show the progress and the rejected lines when it is done.
// 3. The index cache pages through changed entries by (version, id) outside one long transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('watchlist_entries')
    .addColumn('category', 'text', (c) =>
      c.check(
        sql`category is null or category in ('violence_coercion_threats','rights_violation','discrimination','gender_equality_violation','promotes_violations','counteracts_democracy','supports_violent_extremism')`,
      ),
    )
    .execute();
  await db.schema
    .createIndex('watchlist_entries_version_id')
    .on('watchlist_entries')
    .columns(['version', 'id'])
    .execute();

  await db.schema
    .createTable('watchlist_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','completed','failed')`))
    .addColumn('filename', 'text')
    /** Lines in the file (header and blank lines included): the denominator of the progress. */
    .addColumn('total_lines', 'integer', (c) => c.notNull())
    .addColumn('processed_lines', 'integer', (c) => c.notNull())
    .addColumn('imported', 'integer', (c) => c.notNull())
    .addColumn('rejected_count', 'integer', (c) => c.notNull())
    /** The first rejected lines, [{line, error}]; all of them are counted in rejected_count. */
    .addColumn('rejected', 'jsonb', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('watchlist_imports_created')
    .on('watchlist_imports')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
