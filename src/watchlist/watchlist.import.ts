// CSV import of watchlist entries as a job: read a slice of the file at a time, write a batch of
// entries at a time, each batch its own transaction, and record the progress on the job row.
//
// Issue 14 point 2: a valid 200,000-line import used to run in one transaction and one event-loop
// turn: 53 s in which /health and every premises check waited, and the first search afterwards paid
// another 16 s to index it all. Now the event loop gets a turn every few milliseconds of reading, a
// batch holds the database for tens of milliseconds, and the in-memory index is brought up to date
// after every batch (itself in slices), so other requests are answered throughout.
//
// A batch that committed stays, as any write would: if the service stops halfway, the job shows
// how far it came (status "interrupted") and the file's remaining lines can be imported again.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isoDate } from '../clock';
import { appendAudit, appendAuditMany } from '../audit/audit.service';
import { readWatchlistCsv, type LineError } from './watchlist.csv';
import { insertImport, updateImport, type ImportProgress } from './watchlist.import.repository';
import { loadSupported, matchSupported, remindOfMatches, type SupportedIndex } from './watchlist.monitor';
import { insertEntries, nextVersion, type NewEntry } from './watchlist.repository';
import { entryDetails, toEntry, type WatchlistDeps } from './watchlist.service';
import { TimeSlicer } from './watchlist.slices';
import type { WatchlistImportRow } from './watchlist.table';
import type { WatchlistEntry } from './watchlist.schemas';

/**
 * Entries per transaction. The embedded database runs each statement on the event loop's thread and
 * a transaction's statements back to back, so a batch holds both: 50 entries (their rows, reminders,
 * audit events and the job's progress) take some tens of milliseconds of CPU.
 */
export const IMPORT_BATCH = 50;
/** Rejected lines kept on the job row (all are counted, and all are in the import's answer). */
export const KEPT_REJECTIONS = 1000;
/** Lines read without a batch to write (all rejected) before the job row shows the progress anyway. */
const PROGRESS_EVERY_LINES = 5000;

export interface ImportDeps extends WatchlistDeps {
  /** The in-memory index, brought up to date after every batch so no later request pays for all. */
  watchlist?: { refresh(): Promise<void> };
  logger?: Logger;
}

export interface ImportOutcome {
  importId: string;
  imported: number;
  rejected: LineError[];
  /** The imported entries in file order, only when asked for (the matching evaluation maps them). */
  entries?: WatchlistEntry[];
}

/** Lines of the file as people count them (a final line break does not start another line). */
function countLines(csv: string): number {
  if (csv === '') return 0;
  let n = 1;
  for (let i = csv.indexOf('\n'); i >= 0; i = csv.indexOf('\n', i + 1)) n++;
  return csv.endsWith('\n') ? n - 1 : n;
}

/** Creates the job row (audited); `runImport` then does the work. */
export async function startImport(
  deps: ImportDeps,
  actor: string,
  csv: string,
  filename: string | null,
): Promise<WatchlistImportRow> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertImport(trx, {
      id: randomUUID(),
      filename,
      totalLines: countLines(csv),
      createdBy: actor,
      now: deps.clock.now(),
    });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'watchlist.import_started',
      entityType: 'watchlist_import',
      entityId: row.id,
      details: { filename, totalLines: row.total_lines },
    });
    return row;
  });
}

class ImportRun {
  readonly rejected: LineError[] = [];
  readonly entries: WatchlistEntry[] = [];
  imported = 0;
  processedLines = 0;
  private batch: NewEntry[] = [];
  private reportedLines = 0;
  /** How many rejected lines the job row holds (it keeps the first KEPT_REJECTIONS). */
  private writtenRejections = 0;
  private readonly slicer = new TimeSlicer();

  constructor(
    private readonly deps: ImportDeps,
    private readonly actor: string,
    private readonly jobId: string,
    private readonly keepEntries: boolean,
  ) {}

  /** The progress to write; the kept rejected lines only when there are new ones to keep (or `all`). */
  progress(all = false): ImportProgress {
    const progress: ImportProgress = {
      processedLines: this.processedLines,
      imported: this.imported,
      rejectedCount: this.rejected.length,
    };
    const kept = Math.min(this.rejected.length, KEPT_REJECTIONS);
    if (all || kept !== this.writtenRejections) {
      progress.rejected = this.rejected.slice(0, kept);
      this.writtenRejections = kept;
    }
    return progress;
  }

  async run(csv: string): Promise<void> {
    const { deps } = this;
    // Monitoring matches each new entry against the associations with support: their index is
    // built once for the whole file.
    const supported = await loadSupported(deps.db, this.slicer);
    for (const item of readWatchlistCsv(csv, { today: isoDate(deps.clock.now()) })) {
      if (this.slicer.due) await this.slicer.yield();
      this.processedLines = Math.max(this.processedLines, item.line);
      if ('error' in item) this.rejected.push(item);
      else this.batch.push({ id: randomUUID(), ...item.value, personalNumber: null });
      if (this.batch.length >= IMPORT_BATCH) await this.writeBatch(supported);
      else if (this.batch.length === 0 && this.processedLines - this.reportedLines >= PROGRESS_EVERY_LINES) {
        this.reportedLines = this.processedLines;
        await updateImport(deps.db, this.jobId, this.progress(), deps.clock.now());
      }
    }
    this.rejected.sort((a, b) => a.line - b.line);
    if (this.batch.length > 0) await this.writeBatch(supported);
  }

  /** One batch: its entries, the reminders monitoring asks for, their audit events and the progress. */
  private async writeBatch(supported: SupportedIndex): Promise<void> {
    const { deps, actor } = this;
    const entries = this.batch;
    this.batch = [];
    const matches = await matchSupported(supported, entries, this.slicer);
    const rows = await deps.db.transaction().execute(async (trx) => {
      const version = await nextVersion(trx);
      const inserted = await insertEntries(trx, entries, {
        version,
        createdBy: actor,
        now: deps.clock.now(),
      });
      await remindOfMatches(trx, deps.clock, deps.config.REMINDER_POLICY, actor, matches, () => version);
      const progress = { ...this.progress(), imported: this.imported + inserted.length };
      await updateImport(trx, this.jobId, progress, deps.clock.now());
      // Last: the audit chain's lock is held from here to the commit.
      await appendAuditMany(
        trx,
        deps.clock,
        inserted.map((row) => ({
          actor,
          action: 'watchlist.entry_imported',
          entityType: 'watchlist_entry',
          entityId: row.id,
          details: { ...entryDetails(row), importId: this.jobId },
        })),
      );
      return inserted;
    });
    this.imported += rows.length;
    this.reportedLines = this.processedLines;
    if (this.keepEntries) for (const row of rows) this.entries.push(toEntry(row));
    // A turn for whatever waited on the database, then the index catches up with this batch.
    await this.slicer.yield();
    await deps.watchlist?.refresh();
    await this.slicer.yield();
  }
}

/**
 * Reads the file and imports its valid lines batch by batch; each bad line is reported by number,
 * not fatal. Resolves when the job is done. If a batch fails, the job is marked failed (the batches
 * before it stay imported) and the error is passed on.
 */
export async function runImport(
  deps: ImportDeps,
  actor: string,
  job: WatchlistImportRow,
  csv: string,
  options: { keepEntries?: boolean } = {},
): Promise<ImportOutcome> {
  const run = new ImportRun(deps, actor, job.id, options.keepEntries === true);
  try {
    await run.run(csv);
  } catch (err) {
    await markFailed(deps, job.id, run.progress(true)).catch(() => undefined);
    throw err;
  }
  await deps.db.transaction().execute(async (trx) => {
    const progress = run.progress(true);
    await updateImport(trx, job.id, progress, deps.clock.now(), { status: 'completed' });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'watchlist.import_finished',
      entityType: 'watchlist_import',
      entityId: job.id,
      details: { imported: progress.imported, rejected: progress.rejectedCount },
    });
  });
  const outcome: ImportOutcome = { importId: job.id, imported: run.imported, rejected: run.rejected };
  if (options.keepEntries) outcome.entries = run.entries;
  return outcome;
}

async function markFailed(deps: ImportDeps, id: string, progress: ImportProgress): Promise<void> {
  // What went wrong stays in the log; the job row says only that the import stopped.
  await updateImport(deps.db, id, progress, deps.clock.now(), {
    status: 'failed',
    error: 'the import stopped on an error; the lines before it were imported',
  });
}

/** An import from start to end, awaited (POST /api/watchlist/import, the matching evaluation). */
export async function importCsv(
  deps: ImportDeps,
  actor: string,
  csv: string,
  options: { filename?: string | null; keepEntries?: boolean } = {},
): Promise<ImportOutcome> {
  const job = await startImport(deps, actor, csv, options.filename ?? null);
  return runImport(deps, actor, job, csv, options);
}

/** Starts an import and returns its job at once; the work goes on between other requests. */
export async function importInBackground(
  deps: ImportDeps,
  actor: string,
  csv: string,
  filename: string | null,
): Promise<WatchlistImportRow> {
  const job = await startImport(deps, actor, csv, filename);
  void runImport(deps, actor, job, csv).catch((err: unknown) => {
    deps.logger?.error({ err, importId: job.id }, 'watchlist import failed');
  });
  return job;
}
