import type { Db } from '../db/database';
import { listUsers } from '../users/users.repository';

// People by name rather than by id, so pages read "Anna Ek" rather than a UUID. Read through the users
// repository (a municipality has tens or hundreds of users, not millions), once per page.

/** Every user's name by id, and the people a case or a decision can be given to. */
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
