import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { FindingCategory } from '../shared/finding-categories';
import type { EntryStatus, Listing, ListSource, SubjectKind, WatchlistEntryRow } from './watchlist.table';

export interface NewEntry {
  id: string;
  subjectKind: SubjectKind;
  name: string;
  aliases: string[];
  orgNumber: string | null;
  personalNumber: string | null;
  category: FindingCategory;
  reason: string;
  source: string;
  /** Null only for an entry from a sanctions list (valid while listed). */
  reviewBy: string | null;
  /** For an entry from a sanctions list: which, its reference there, and what it says (provenance). */
  list?: {
    source: ListSource;
    reference: string;
    importId: string;
    fingerprint: string;
    listing: Listing;
  };
}

/**
 * Takes the next watchlist version. The row lock serialises watchlist writers until commit, so
 * versions are committed in order and an instance that has seen version n has seen all before it.
 */
export async function nextVersion(db: Db): Promise<number> {
  const row = await db
    .updateTable('watchlist_state')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

export async function currentVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('watchlist_state')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

const INSERT_BATCH = 500;

export async function insertEntries(
  db: Db,
  entries: NewEntry[],
  meta: { version: number; createdBy: string; now: Date },
): Promise<WatchlistEntryRow[]> {
  const rows: WatchlistEntryRow[] = [];
  for (let i = 0; i < entries.length; i += INSERT_BATCH) {
    const batch = entries.slice(i, i + INSERT_BATCH).map((e) => ({
      id: e.id,
      subject_kind: e.subjectKind,
      name: e.name,
      aliases: toJson(e.aliases),
      org_number: e.orgNumber,
      personal_number: e.personalNumber,
      category: e.category,
      reason: e.reason,
      source: e.source,
      review_by: e.reviewBy,
      list_source: e.list?.source ?? null,
      list_reference: e.list?.reference ?? null,
      list_import_id: e.list?.importId ?? null,
      list_fingerprint: e.list?.fingerprint ?? null,
      listing: e.list ? toJson(e.list.listing) : null,
      status: 'active' as const,
      version: meta.version,
      created_by: meta.createdBy,
      created_at: meta.now,
      updated_at: meta.now,
    }));
    rows.push(...(await db.insertInto('watchlist_entries').values(batch).returningAll().execute()));
  }
  return rows;
}

export async function findEntry(db: Db, id: string): Promise<WatchlistEntryRow | undefined> {
  return db.selectFrom('watchlist_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockEntry(db: Db, id: string): Promise<WatchlistEntryRow | undefined> {
  return db.selectFrom('watchlist_entries').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setEntryStatus(
  db: Db,
  id: string,
  change: { status: EntryStatus; reason: string; by: string; now: Date; version: number },
): Promise<WatchlistEntryRow> {
  return db
    .updateTable('watchlist_entries')
    .set({
      status: change.status,
      status_reason: change.reason,
      status_changed_by: change.by,
      status_changed_at: change.now,
      version: change.version,
      updated_at: change.now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Entries changed after version `from`, a page at a time in (version, id) order, continuing after
 * `after` (index refresh). Each page is its own statement: a long refresh holds no transaction, so
 * it never keeps other requests from the database (the embedded one has a single connection).
 * Writers take versions in commit order, so a later change always sorts after the pages read.
 * Not a list anyone pages through (no cursor leaves the process), hence not src/db/paginate.ts: the
 * caller keeps the last (version, id) itself.
 */
export async function entriesChangedAfter(
  db: Db,
  from: number,
  after: { version: number; id: string } | null,
  limit: number,
): Promise<WatchlistEntryRow[]> {
  let q = db.selectFrom('watchlist_entries').selectAll().where('version', '>', from);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('version', '>', after.version),
        eb.and([eb('version', '=', after.version), eb('id', '>', after.id)]),
      ]),
    );
  }
  return q.orderBy('version').orderBy('id').limit(limit).execute();
}

const newestFirst = timeIdKeyset('created_at', 'id');

export async function listEntries(
  db: Db,
  f: { status?: EntryStatus | undefined; subjectKind?: SubjectKind | undefined },
  page: PageRequest,
): Promise<Page<WatchlistEntryRow>> {
  let q = db.selectFrom('watchlist_entries').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.subjectKind) q = q.where('subject_kind', '=', f.subjectKind);
  return paginate(q, newestFirst, page);
}

/** Active entries whose review date has passed, locked and skipped if another instance has them. */
export async function lockExpiredEntries(db: Db, today: string, limit: number): Promise<WatchlistEntryRow[]> {
  return db
    .selectFrom('watchlist_entries')
    .selectAll()
    .where('status', '=', 'active')
    .where('review_by', '<', today)
    .orderBy('review_by')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}
