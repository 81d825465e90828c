import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { insertEntries, nextVersion } from '../../src/watchlist/watchlist.repository';

// Watchlist entries put straight into the database, for tests that need entries whose review date
// has already passed (the API refuses to create those, as it should).

export async function addEntryDirect(db: Kysely<Database>, reviewBy: string): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    await insertEntries(
      trx,
      [
        {
          id,
          subjectKind: 'organisation',
          name: `Post ${id}`,
          aliases: [],
          orgNumber: null,
          personalNumber: null,
          reason: 'test',
          source: 'test',
          reviewBy,
        },
      ],
      { version, createdBy: 'test', now: new Date('2026-01-01T00:00:00Z') },
    );
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
