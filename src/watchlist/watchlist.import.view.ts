import type { ImportJob } from './watchlist.schemas';
import type { WatchlistImportRow } from './watchlist.table';

/**
 * A running job writes its row after every batch (every few hundred milliseconds, or every few
 * thousand rejected lines). One silent for this long belongs to a service that stopped.
 */
export const STALE_IMPORT_MS = 10 * 60 * 1000;

export function toImportJob(row: WatchlistImportRow, now: Date): ImportJob {
  const stale = row.status === 'running' && now.getTime() - row.updated_at.getTime() > STALE_IMPORT_MS;
  return {
    id: row.id,
    status: stale ? 'interrupted' : row.status,
    filename: row.filename,
    totalLines: row.total_lines,
    processedLines: row.processed_lines,
    imported: row.imported,
    rejectedCount: row.rejected_count,
    rejected: row.rejected,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
