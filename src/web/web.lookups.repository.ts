import type { Db } from '../db/database';
import { listUsers } from '../users/users.repository';

// Small reads the pages need beside the API's answers: names for ids, so people read "Idrottsföreningen
// Kamraterna" and "Anna Ek" rather than UUIDs. Batched per page, never one query per row.

export async function associationNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; orgNumber: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('associations')
    .select(['id', 'name', 'org_number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, orgNumber: r.org_number }]));
}

/**
 * The newest screening of each application: by insertion order (seq), as the decisions service picks
 * the one a decision must be made on; two screenings can share a timestamp.
 */
export async function latestScreenings(
  db: Db,
  applicationIds: readonly string[],
): Promise<Map<string, { id: string; recommendation: string; createdAt: Date }>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('screenings')
    .select(['id', 'application_id', 'recommendation', 'created_at'])
    .distinctOn('application_id')
    .where('application_id', 'in', [...new Set(applicationIds)])
    .orderBy('application_id')
    .orderBy('seq', 'desc')
    .execute();
  return new Map(
    rows.map((r) => [
      r.application_id,
      { id: r.id, recommendation: r.recommendation, createdAt: r.created_at },
    ]),
  );
}

/** Every user's name by id (a municipality has tens or hundreds of users, not millions). */
export async function userDirectory(db: Db): Promise<{
  names: Map<string, string>;
  caseOfficers: { id: string; name: string }[];
  /** Everyone whose role a delegation order can name (case officers and coordinators). */
  delegats: { id: string; name: string }[];
}> {
  const users = await listUsers(db);
  const ofRoles = (roles: string[]) =>
    users
      .filter((u) => roles.includes(u.role))
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return {
    names: new Map(users.map((u) => [u.id, u.name])),
    caseOfficers: ofRoles(['case_officer']),
    delegats: ofRoles(['case_officer', 'coordinator']),
  };
}

/** Case officers who can take a case now (active), by name: the choices when a case is handed over. */
export async function activeCaseOfficers(db: Db): Promise<{ id: string; name: string }[]> {
  return (await listUsers(db))
    .filter((u) => u.role === 'case_officer' && u.active)
    .map((u) => ({ id: u.id, name: u.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** "Anna Ek" for a user id, "system" for the scheduler, the id itself when unknown. */
export function nameOf(names: Map<string, string>, id: string): string {
  return names.get(id) ?? (id === 'system' ? 'Systemet' : id);
}
