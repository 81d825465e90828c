import type { Db } from '../db/database';
import type { SanctionsClearanceRow } from './sanctions-clearance.table';

/** Undefined when the hit was already cleared (by someone else a moment ago, too). */
export async function insertClearance(
  db: Db,
  row: SanctionsClearanceRow,
): Promise<SanctionsClearanceRow | undefined> {
  return db
    .insertInto('sanctions_clearances')
    .values(row)
    .onConflict((oc) => oc.columns(['screening_id', 'entry_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function clearancesOf(db: Db, screeningId: string): Promise<SanctionsClearanceRow[]> {
  return db
    .selectFrom('sanctions_clearances')
    .selectAll()
    .where('screening_id', '=', screeningId)
    .orderBy('cleared_at')
    .orderBy('id')
    .execute();
}
