import { type Kysely, sql } from 'kysely';

// Issue 13 point 4: the EU consolidated financial sanctions list and the UN Security Council
// consolidated list as watchlist sources.
//
// 1. An entry may come from a list (list_source 'eu' | 'un'), identified there by the list's own
//    reference (list_reference: the EU file's logicalId, the UN file's DATAID). What the list says
//    of it (every name, identifiers, programmes, regulations, listing date) is kept in `listing`,
//    with the import that last set it (list_import_id) and a fingerprint of what was imported, so a
//    new file changes only what changed. At most one active entry per list reference.
// 2. A list entry stays valid while it is listed: it has no review date (review_by null) and
//    leaves the watchlist when a newer file no longer lists it. Entries kept by hand still need one
//    (the API and the CSV import require it); a check says so.
// 3. Every import of a list file is recorded (who, when, the file's publication date and SHA-256,
//    and what it added, updated and retired).
// 4. A coordinator's clearance of a sanctions hit of a screening (judged a false positive), which an
//    approval of the application needs first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('watchlist_entries')
    .addColumn('list_source', 'text', (c) => c.check(sql`list_source in ('eu','un')`))
    .addColumn('list_reference', 'text')
    .addColumn('list_import_id', 'uuid')
    .addColumn('list_fingerprint', 'text')
    .addColumn('listing', 'jsonb')
    .execute();
  await sql`alter table watchlist_entries alter column review_by drop not null`.execute(db);
  await sql`alter table watchlist_entries add constraint watchlist_entries_review_or_listed
    check ((review_by is null) = (list_source is not null))`.execute(db);
  await sql`alter table watchlist_entries add constraint watchlist_entries_listed_reference
    check ((list_source is null) = (list_reference is null))`.execute(db);
  await sql`create unique index watchlist_entries_listed on watchlist_entries (list_source, list_reference)
    where status = 'active'`.execute(db);

  await db.schema
    .createTable('watchlist_source_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('eu','un')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','completed','failed')`))
    /** The publication (generation) date the file states of itself. */
    .addColumn('published_on', 'date', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('listed', 'integer', (c) => c.notNull())
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // Insertion order: the latest import of a source is the highest, even within one millisecond.
  await sql`alter table watchlist_source_imports add column seq bigint generated always as identity`.execute(
    db,
  );
  await db.schema
    .createIndex('watchlist_source_imports_source')
    .on('watchlist_source_imports')
    .columns(['source', 'seq'])
    .execute();

  await db.schema
    .createTable('sanctions_clearances')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('screening_id', 'uuid', (c) => c.notNull().references('screenings.id'))
    .addColumn('application_id', 'uuid', (c) => c.notNull())
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('watchlist_entries.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('cleared_by', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('sanctions_clearances_hit', ['screening_id', 'entry_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are never rolled back; write a new one');
}
