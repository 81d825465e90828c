import type { Db } from '../../db/database';
import { toJson } from '../../db/json';
import type { ListSource, WatchlistEntryRow, WatchlistSourceImportRow } from '../watchlist.table';
import type { ListedEntity } from './sources.entity';

/** The active entries of a list: reference → id and fingerprint of what was imported. */
export async function activeListEntries(
  db: Db,
  source: ListSource,
): Promise<Map<string, { id: string; fingerprint: string | null }>> {
  const rows = await db
    .selectFrom('watchlist_entries')
    .select(['id', 'list_reference', 'list_fingerprint'])
    .where('list_source', '=', source)
    .where('status', '=', 'active')
    .execute();
  return new Map(rows.map((r) => [r.list_reference!, { id: r.id, fingerprint: r.list_fingerprint }]));
}

/** A listed entity the newer file describes otherwise: its names, texts and listing replaced. */
export async function updateListEntry(
  db: Db,
  id: string,
  e: ListedEntity,
  meta: { importId: string; fingerprint: string; version: number; now: Date },
): Promise<WatchlistEntryRow> {
  return db
    .updateTable('watchlist_entries')
    .set({
      subject_kind: e.subjectKind,
      name: e.name,
      aliases: toJson(e.aliases),
      category: e.category,
      reason: e.reason,
      source: e.sourceText,
      listing: toJson(e.listing),
      list_import_id: meta.importId,
      list_fingerprint: meta.fingerprint,
      version: meta.version,
      updated_at: meta.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertSourceImport(
  db: Db,
  row: Omit<WatchlistSourceImportRow, 'status' | 'added' | 'updated' | 'retired' | 'finished_at' | 'seq'>,
): Promise<WatchlistSourceImportRow> {
  return db
    .insertInto('watchlist_source_imports')
    .values({ ...row, status: 'running', added: 0, updated: 0, retired: 0, finished_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function finishSourceImport(
  db: Db,
  id: string,
  end: { status: 'completed' | 'failed'; added: number; updated: number; retired: number; now: Date },
): Promise<void> {
  await db
    .updateTable('watchlist_source_imports')
    .set({
      status: end.status,
      added: end.added,
      updated: end.updated,
      retired: end.retired,
      finished_at: end.now,
    })
    .where('id', '=', id)
    .execute();
}

/** The latest completed import of a source, if any. */
export async function lastCompletedImport(
  db: Db,
  source: ListSource,
): Promise<WatchlistSourceImportRow | undefined> {
  return db
    .selectFrom('watchlist_source_imports')
    .selectAll()
    .where('source', '=', source)
    .where('status', '=', 'completed')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The latest import of a source whatever its outcome (a failed one shows on the sources page). */
export async function lastImport(db: Db, source: ListSource): Promise<WatchlistSourceImportRow | undefined> {
  return db
    .selectFrom('watchlist_source_imports')
    .selectAll()
    .where('source', '=', source)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Entries per list and status. */
export async function listEntryCounts(
  db: Db,
): Promise<Array<{ source: ListSource; status: string; n: number }>> {
  const rows = await db
    .selectFrom('watchlist_entries')
    .select((eb) => ['list_source', 'status', eb.fn.countAll<string | number>().as('n')])
    .where('list_source', 'is not', null)
    .groupBy(['list_source', 'status'])
    .execute();
  return rows.map((r) => ({ source: r.list_source!, status: r.status, n: Number(r.n) }));
}
