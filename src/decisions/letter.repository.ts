import type { Db } from '../db/database';

// The letter's own reads, inside the finalising transaction.

/** The secrecy provision of each finding of a screening's snapshot (findings are never edited). */
export async function secrecyOfFindings(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  // Snapshot ids are the findings' uuids; anything else (never stored) cannot match one.
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await db
    .selectFrom('findings')
    .select(['id', 'secrecy_provision'])
    .where('id', 'in', uuids)
    .where('secrecy_provision', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.secrecy_provision!]));
}
