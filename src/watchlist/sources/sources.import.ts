// Import of a sanctions list file (EU or UN) as the watchlist's entries from that source.
//
// The file is read in full first, streamed and bounded (sources.xml.ts), and nothing is written
// unless all of it is a valid list: a broken or truncated file changes nothing. Then the file
// replaces the source's entries: listed entities not yet on the watchlist are added, those the file
// describes otherwise are updated, unchanged ones are left alone (not even their version moves, so
// no instance re-indexes them), and active entries the file no longer lists are retired, each with
// an audit event. The writes go in batches like the CSV import (watchlist.import.ts): each batch its
// own transaction with its audit events, the event loop gets a turn between batches, and the
// in-memory index catches up after each. If a batch fails the import is marked failed, the batches
// before it stay, and importing the same file again completes the change (it is idempotent).
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { Logger } from 'pino';
import type { DatabaseKind } from '../../db/connection';
import { appendAudit, appendAuditMany } from '../../audit/audit.service';
import { ConflictError, invalidField } from '../../http/errors';
import { addDays, isoDate } from '../../clock';
import { loadSupported, matchSupported, remindOfMatches, type SupportedIndex } from '../watchlist.monitor';
import { insertEntries, nextVersion, setEntryStatus, type NewEntry } from '../watchlist.repository';
import { entryDetails, type WatchlistDeps } from '../watchlist.service';
import { TimeSlicer } from '../watchlist.slices';
import type { ListSource, WatchlistEntryRow } from '../watchlist.table';
import type { ListedEntity } from './sources.entity';
import { parseListFile } from './sources.parse';
import {
  activeListEntries,
  finishSourceImport,
  insertSourceImport,
  lastCompletedImport,
  updateListEntry,
} from './sources.repository';

/** Entities per transaction (rows, reminders and audit events), as the CSV import (IMPORT_BATCH). */
export const SOURCE_BATCH = 50;

export interface SourceImportDeps extends WatchlistDeps {
  /** With PostgreSQL, several instances may import: they agree through an advisory lock. */
  dbKind?: DatabaseKind;
  watchlist?: { refresh(): Promise<void> };
  logger?: Logger;
}

export interface SourceImportResult {
  source: ListSource;
  publishedOn: string;
  added: number;
  updated: number;
  retired: number;
  importId: string;
}

/**
 * One import per source at a time: a second one waits for nothing, it is refused. In this instance by
 * this set; across instances sharing a PostgreSQL server by a session advisory lock (withSourceLock).
 */
const running = new Set<ListSource>();

/**
 * What an entry's audit event records of it: who it is and why it is listed; the full listing (every
 * name, identifier, remark) is on the entry, set by the import the event names.
 */
function auditDetails(row: WatchlistEntryRow, importId: string) {
  const { listing: _listing, ...entry } = entryDetails(row);
  return {
    ...entry,
    listReference: row.list_reference,
    listedOn: row.listing?.listedOn ?? null,
    programmes: row.listing?.programmes ?? [],
    regulations: row.listing?.regulations.map((r) => r.title) ?? [],
    importId,
  };
}

function fingerprint(e: ListedEntity): string {
  const { subjectKind, name, aliases, category, reason, sourceText, listing } = e;
  return createHash('sha256')
    .update(JSON.stringify({ subjectKind, name, aliases, category, reason, sourceText, listing }))
    .digest('hex');
}

export async function importListFile(
  deps: SourceImportDeps,
  actor: string,
  source: ListSource,
  chunks: AsyncIterable<Buffer | string>,
): Promise<SourceImportResult> {
  if (running.has(source)) throw alreadyRunning(source);
  running.add(source);
  try {
    return await withSourceLock(deps, source, async () => {
      const parsed = await parseListFile(source, chunks);
      return new SourceImport(deps, actor, source).run(parsed);
    });
  } finally {
    running.delete(source);
  }
}

/**
 * Runs an import holding a PostgreSQL session advisory lock for its source, on a pool connection kept
 * for the purpose (the import's own batches use other connections). A session lock, not a row: it
 * ends with the session, so an instance that dies mid-import blocks nobody. The embedded database is
 * one process with one connection, where `running` already says everything (and holding its only
 * connection would stall the import itself).
 */
async function withSourceLock<T>(
  deps: SourceImportDeps,
  source: ListSource,
  work: () => Promise<T>,
): Promise<T> {
  if (deps.dbKind !== 'postgres') return work();
  return deps.db.connection().execute(async (conn) => {
    const key = sql`hashtext('fk_watchlist_source_import'), hashtext(${source})`;
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(
      conn,
    );
    if (!rows[0]?.locked) throw alreadyRunning(source);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

const alreadyRunning = (source: ListSource) =>
  new ConflictError(`An import of the ${source.toUpperCase()} list is already running`, {
    code: 'import_running',
  });

class SourceImport {
  private readonly slicer = new TimeSlicer();
  private importId = '';
  private added = 0;
  private updated = 0;
  private retired = 0;

  constructor(
    private readonly deps: SourceImportDeps,
    private readonly actor: string,
    private readonly source: ListSource,
  ) {}

  async run(parsed: Awaited<ReturnType<typeof parseListFile>>): Promise<SourceImportResult> {
    const { deps, source } = this;
    const { file, publishedOn, entities } = parsed;
    // A file dated in the future would retire today's listings and then refuse every genuine file as
    // older until that day; an empty one would retire the whole list. Neither is a list as published.
    if (publishedOn > addDays(isoDate(deps.clock.now()), 1)) {
      throw invalidField(
        'body',
        'published_in_future',
        `the file says it was published ${publishedOn}, which has not come yet`,
        { publishedOn },
      );
    }
    if (entities.length === 0) throw invalidField('body', 'no_entities', 'the file lists no entities');
    const previous = await lastCompletedImport(deps.db, source);
    if (previous && previous.published_on > publishedOn) {
      // An older file would bring back entities the list has since removed.
      throw new ConflictError(
        `The file was published ${publishedOn}, before the ${source.toUpperCase()} list already imported (published ${previous.published_on})`,
        {
          code: 'older_list_file',
          params: { source, publishedOn, importedPublishedOn: previous.published_on },
        },
      );
    }
    const row = await deps.db.transaction().execute(async (trx) => {
      const created = await insertSourceImport(trx, {
        id: randomUUID(),
        source,
        published_on: publishedOn,
        file_sha256: file.sha256,
        file_bytes: file.bytes,
        listed: entities.length,
        created_by: this.actor,
        created_at: deps.clock.now(),
      });
      await appendAudit(trx, deps.clock, {
        actor: this.actor,
        action: 'watchlist.source_import_started',
        entityType: 'watchlist_source_import',
        entityId: created.id,
        details: {
          source,
          publishedOn,
          fileSha256: file.sha256,
          fileBytes: file.bytes,
          listed: entities.length,
        },
      });
      return created;
    });
    this.importId = row.id;
    try {
      await this.apply(entities);
    } catch (err) {
      await finishSourceImport(deps.db, row.id, {
        status: 'failed',
        ...this.counts(),
        now: deps.clock.now(),
      }).catch(() => undefined);
      throw err;
    }
    await deps.db.transaction().execute(async (trx) => {
      await finishSourceImport(trx, row.id, { status: 'completed', ...this.counts(), now: deps.clock.now() });
      await appendAudit(trx, deps.clock, {
        actor: this.actor,
        action: 'watchlist.source_imported',
        entityType: 'watchlist_source_import',
        entityId: row.id,
        details: { source, publishedOn, fileSha256: file.sha256, ...this.counts() },
      });
    });
    return { source, publishedOn, ...this.counts(), importId: row.id };
  }

  private counts() {
    return { added: this.added, updated: this.updated, retired: this.retired };
  }

  private async apply(entities: ListedEntity[]): Promise<void> {
    const existing = await activeListEntries(this.deps.db, this.source);
    const toAdd: Array<{ e: ListedEntity; fp: string }> = [];
    const toUpdate: Array<{ id: string; e: ListedEntity; fp: string }> = [];
    const listed = new Set<string>();
    for (const e of entities) {
      if (this.slicer.due) await this.slicer.yield();
      listed.add(e.reference);
      const fp = fingerprint(e);
      const current = existing.get(e.reference);
      if (!current) toAdd.push({ e, fp });
      else if (current.fingerprint !== fp) toUpdate.push({ id: current.id, e, fp });
    }
    const toRetire = [...existing].filter(([ref]) => !listed.has(ref)).map(([ref, v]) => ({ ref, id: v.id }));

    // Monitoring: associations with support are matched against new and renamed entries.
    const supported =
      toAdd.length + toUpdate.length > 0 ? await loadSupported(this.deps.db, this.slicer) : null;
    for (let i = 0; i < toAdd.length; i += SOURCE_BATCH) {
      await this.addBatch(toAdd.slice(i, i + SOURCE_BATCH), supported!);
    }
    for (let i = 0; i < toUpdate.length; i += SOURCE_BATCH) {
      await this.updateBatch(toUpdate.slice(i, i + SOURCE_BATCH), supported!);
    }
    for (let i = 0; i < toRetire.length; i += SOURCE_BATCH) {
      await this.retireBatch(toRetire.slice(i, i + SOURCE_BATCH));
    }
  }

  private newEntry(e: ListedEntity, fp: string): NewEntry {
    return {
      id: randomUUID(),
      subjectKind: e.subjectKind,
      name: e.name,
      aliases: e.aliases,
      orgNumber: null,
      personalNumber: null,
      category: e.category,
      reason: e.reason,
      source: e.sourceText,
      reviewBy: null,
      list: {
        source: this.source,
        reference: e.reference,
        importId: this.importId,
        fingerprint: fp,
        listing: e.listing,
      },
    };
  }

  /** One audit event per entry the batch listed or relisted, naming this import. */
  private auditEntries(
    trx: Transaction<Database>,
    action: 'watchlist.entry_listed' | 'watchlist.entry_relisted',
    rows: WatchlistEntryRow[],
  ) {
    return appendAuditMany(
      trx,
      this.deps.clock,
      rows.map((row) => ({
        actor: this.actor,
        action,
        entityType: 'watchlist_entry',
        entityId: row.id,
        details: auditDetails(row, this.importId),
      })),
    );
  }

  private async addBatch(batch: Array<{ e: ListedEntity; fp: string }>, supported: SupportedIndex) {
    const { deps, actor } = this;
    const entries = batch.map(({ e, fp }) => this.newEntry(e, fp));
    const matches = await matchSupported(supported, entries, this.slicer);
    await deps.db.transaction().execute(async (trx) => {
      const version = await nextVersion(trx);
      const rows = await insertEntries(trx, entries, { version, createdBy: actor, now: deps.clock.now() });
      await remindOfMatches(trx, deps.clock, deps.config.REMINDER_POLICY, actor, matches, () => version);
      await this.auditEntries(trx, 'watchlist.entry_listed', rows);
    });
    this.added += entries.length;
    await this.afterBatch();
  }

  private async updateBatch(
    batch: Array<{ id: string; e: ListedEntity; fp: string }>,
    supported: SupportedIndex,
  ) {
    const { deps, actor } = this;
    const renamed = batch.map(({ id, e }) => ({
      id,
      subjectKind: e.subjectKind,
      name: e.name,
      aliases: e.aliases,
      orgNumber: null,
      personalNumber: null,
    }));
    const matches = await matchSupported(supported, renamed, this.slicer);
    await deps.db.transaction().execute(async (trx) => {
      const version = await nextVersion(trx);
      const now = deps.clock.now();
      const rows = [];
      for (const { id, e, fp } of batch) {
        rows.push(
          await updateListEntry(trx, id, e, { importId: this.importId, fingerprint: fp, version, now }),
        );
      }
      await remindOfMatches(trx, deps.clock, deps.config.REMINDER_POLICY, actor, matches, () => version);
      await this.auditEntries(trx, 'watchlist.entry_relisted', rows);
    });
    this.updated += batch.length;
    await this.afterBatch();
  }

  private async retireBatch(batch: Array<{ ref: string; id: string }>) {
    const { deps, actor, source } = this;
    const reason =
      source === 'eu'
        ? 'Inte längre med i EU:s konsoliderade sanktionsförteckning'
        : 'Inte längre med i FN:s säkerhetsråds konsoliderade sanktionsförteckning';
    await deps.db.transaction().execute(async (trx) => {
      const version = await nextVersion(trx);
      const now = deps.clock.now();
      for (const { id } of batch) {
        await setEntryStatus(trx, id, { status: 'retired', reason, by: actor, now, version });
      }
      await appendAuditMany(
        trx,
        deps.clock,
        batch.map(({ id, ref }) => ({
          actor,
          action: 'watchlist.entry_retired',
          entityType: 'watchlist_entry',
          entityId: id,
          details: { reason, source, listReference: ref, importId: this.importId },
        })),
      );
    });
    this.retired += batch.length;
    await this.afterBatch();
  }

  /** A turn for whatever waited on the database, then the index catches up with this batch. */
  private async afterBatch() {
    await this.slicer.yield();
    await this.deps.watchlist?.refresh();
    await this.slicer.yield();
  }
}
