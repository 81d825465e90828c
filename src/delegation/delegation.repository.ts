import type { Db } from '../db/database';
import type { ScreeningRow } from '../screening/screening.table';

// The queries the jäv check needs: who recorded the findings and created the watchlist entries a
// decision rests on. Findings carry recorded_by and watchlist entries created_by since they landed.

/** Of these findings, the ones the user recorded. */
export async function findingsRecordedBy(db: Db, ids: readonly string[], userId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('findings')
    .select('id')
    .where('id', 'in', [...ids])
    .where('recorded_by', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}

/** Of these watchlist entries, the ones the user created. */
export async function entriesCreatedBy(db: Db, ids: readonly string[], userId: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('watchlist_entries')
    .select('id')
    .where('id', 'in', [...ids])
    .where('created_by', '=', userId)
    .execute();
  return rows.map((r) => r.id);
}

/** The association's latest screening (of any of its applications): what a support decision rests on. */
export async function latestScreeningOfAssociation(
  db: Db,
  associationId: string,
): Promise<ScreeningRow | undefined> {
  return db
    .selectFrom('screenings')
    .selectAll()
    .where('association_id', '=', associationId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}
