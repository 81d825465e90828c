import type { Generated, Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { FindingCategory } from '../shared/finding-categories';
import type { LineError } from './watchlist.csv-reader';

// Each closed set once: the type, the zod enums, the Swedish labels and a test of the database's
// check constraint (test/db/enum-checks.test.ts) all derive from these arrays.
export const SUBJECT_KINDS = ['organisation', 'person'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const ENTRY_STATUSES = ['active', 'retired', 'expired'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface WatchlistEntriesTable {
  id: string;
  subject_kind: SubjectKind;
  name: string;
  aliases: Json<string[]>;
  org_number: string | null;
  personal_number: string | null;
  /** The conduct the entry rests on; null only for entries made before categories were required. */
  category: FindingCategory | null;
  reason: string;
  source: string;
  /** Re-validate by this date; the entry expires the day after. Null for a list entry (valid while listed). */
  review_by: string | null;
  status: EntryStatus;
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: Date | null;
  /** The watchlist version of this entry's last change: instances reload entries newer than theirs. */
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  /** The sanctions list the entry comes from (issue 13 point 4); null for entries kept by hand. */
  list_source: ListSource | null;
  /** The entry's own reference in that list (EU logicalId, UN DATAID). */
  list_reference: string | null;
  /** The import of a list file that last added or changed the entry (its provenance). */
  list_import_id: string | null;
  /** SHA-256 of what was imported for the entry: a newer file changes only entries that differ. */
  list_fingerprint: string | null;
  /** What the list says of the entry: names, identifiers, programmes, regulations, listing date. */
  listing: Json<Listing> | null;
}

export const LIST_SOURCES = ['eu', 'un'] as const;
export type ListSource = (typeof LIST_SOURCES)[number];

/** One regulation (EU) or sanctions regime (UN) under which an entry is listed. */
export interface ListingRegulation {
  /** E.g. "2580/2001 (OJ L344)", or for the UN the regime the committee keeps. */
  title: string;
  programme: string | null;
  type: string | null;
  publishedOn: string | null;
  url: string | null;
}

export interface ListingName {
  name: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  title?: string;
  function?: string;
  language?: string;
  /** UN: quality of an alias ("Good", "Low"); EU: strong="false" is "weak". */
  quality?: string;
}

export interface ListingIdentifier {
  type: string;
  number: string;
  country?: string;
  issuedBy?: string;
  note?: string;
}

export interface Listing {
  /** The list's own reference (EU logicalId, UN DATAID), and the listing numbers it gives. */
  reference: string;
  euReferenceNumber?: string;
  unReferenceNumber?: string;
  subjectType: string;
  names: ListingName[];
  identifiers: ListingIdentifier[];
  programmes: string[];
  regulations: ListingRegulation[];
  /** The date the entity was listed (EU designationDate or its first regulation; UN LISTED_ON). */
  listedOn: string | null;
  remark?: string;
}

export interface WatchlistStateTable {
  id: number;
  version: number;
}

export type WatchlistEntryRow = Selectable<WatchlistEntriesTable>;

/** What an import row stores. */
export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** What an import job reads as: a running row silent too long was interrupted (watchlist.import.view). */
export const IMPORT_JOB_STATUSES = [...IMPORT_STATUSES, 'interrupted'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

export interface WatchlistImportsTable {
  id: string;
  status: ImportStatus;
  filename: string | null;
  total_lines: number;
  processed_lines: number;
  imported: number;
  rejected_count: number;
  /** Lines stored before problems had codes have no `details`. */
  rejected: Json<LineError[]>;
  error: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export type WatchlistImportRow = Selectable<WatchlistImportsTable>;

export interface WatchlistSourceImportsTable {
  id: string;
  source: ListSource;
  status: ImportStatus;
  published_on: string;
  file_sha256: string;
  file_bytes: number;
  /** Entities in the file. */
  listed: number;
  added: number;
  updated: number;
  retired: number;
  created_by: string;
  created_at: Date;
  finished_at: Date | null;
  seq: Generated<number>;
}

export type WatchlistSourceImportRow = Selectable<WatchlistSourceImportsTable>;
