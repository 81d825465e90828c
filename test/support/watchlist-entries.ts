import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import type { FindingCategory } from '../../src/shared/finding-categories';
import { insertEntries, nextVersion } from '../../src/watchlist/watchlist.repository';

// Watchlist entries put straight into the database, for tests that need entries whose review date
// has already passed (the API refuses to create those, as it should), or entries as they were
// before a category was required.

/** The header of the CSV import (API.md v2), for tests that write import files. */
export const WATCHLIST_CSV_HEADER = 'subject_kind,name,aliases,org_number,category,reason,source,review_by';

export async function addEntryDirect(
  db: Kysely<Database>,
  reviewBy: string,
  entry: { name?: string; category?: FindingCategory | null } = {},
): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    await insertEntries(
      trx,
      [
        {
          id,
          subjectKind: 'organisation',
          name: entry.name ?? `Post ${id}`,
          aliases: [],
          orgNumber: null,
          personalNumber: null,
          category: entry.category ?? 'supports_violent_extremism',
          reason: 'test',
          source: 'test',
          reviewBy,
        },
      ],
      { version, createdBy: 'test', now: new Date('2026-01-01T00:00:00Z') },
    );
    // An entry from before migration 0019 has no category.
    if (entry.category === null)
      await trx.updateTable('watchlist_entries').set({ category: null }).where('id', '=', id).execute();
  });
  return id;
}

export async function entryStates(db: Kysely<Database>) {
  return db
    .selectFrom('watchlist_entries')
    .select(['id', 'status', 'version', 'review_by'])
    .orderBy('id')
    .execute();
}
