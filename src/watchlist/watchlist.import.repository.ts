import type { Db } from '../db/database';
import { toJson } from '../db/json';
import type { LineError } from './watchlist.csv';
import type { ImportStatus, WatchlistImportRow } from './watchlist.table';

export interface ImportProgress {
  processedLines: number;
  imported: number;
  rejectedCount: number;
  /** The first rejected lines, at most what the row keeps; left out when unchanged since last written. */
  rejected?: LineError[];
}

export async function insertImport(
  db: Db,
  job: { id: string; filename: string | null; totalLines: number; createdBy: string; now: Date },
): Promise<WatchlistImportRow> {
  return db
    .insertInto('watchlist_imports')
    .values({
      id: job.id,
      status: 'running',
      filename: job.filename,
      total_lines: job.totalLines,
      processed_lines: 0,
      imported: 0,
      rejected_count: 0,
      rejected: toJson([]),
      created_by: job.createdBy,
      created_at: job.now,
      updated_at: job.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateImport(
  db: Db,
  id: string,
  progress: ImportProgress,
  now: Date,
  end?: { status: Exclude<ImportStatus, 'running'>; error?: string },
): Promise<WatchlistImportRow> {
  return db
    .updateTable('watchlist_imports')
    .set({
      processed_lines: progress.processedLines,
      imported: progress.imported,
      rejected_count: progress.rejectedCount,
      ...(progress.rejected ? { rejected: toJson(progress.rejected) } : {}),
      updated_at: now,
      ...(end ? { status: end.status, error: end.error ?? null, finished_at: now } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findImport(db: Db, id: string): Promise<WatchlistImportRow | undefined> {
  return db.selectFrom('watchlist_imports').selectAll().where('id', '=', id).executeTakeFirst();
}
