import type { Selectable } from 'kysely';
import type { Json } from '../db/database';
import type { FindingCategory } from '../shared/finding-categories';

export type SubjectKind = 'organisation' | 'person';
export type EntryStatus = 'active' | 'retired' | 'expired';

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
  /** Re-validate by this date; the entry expires the day after. */
  review_by: string;
  status: EntryStatus;
  status_reason: string | null;
  status_changed_by: string | null;
  status_changed_at: Date | null;
  /** The watchlist version of this entry's last change: instances reload entries newer than theirs. */
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface WatchlistStateTable {
  id: number;
  version: number;
}

export type WatchlistEntryRow = Selectable<WatchlistEntriesTable>;

export type ImportStatus = 'running' | 'completed' | 'failed';

export interface WatchlistImportsTable {
  id: string;
  status: ImportStatus;
  filename: string | null;
  total_lines: number;
  processed_lines: number;
  imported: number;
  rejected_count: number;
  rejected: Json<Array<{ line: number; error: string }>>;
  error: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export type WatchlistImportRow = Selectable<WatchlistImportsTable>;
