import type { Db } from '../db/database';
import type { Role, UserRow } from './users.table';

export async function findActiveUserByTokenHash(db: Db, tokenHash: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { id: string; name: string; role: Role; tokenHash: string; createdAt: Date },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      role: user.role,
      token_hash: user.tokenHash,
      created_at: user.createdAt,
    })
    .execute();
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at', 'desc').execute();
}

export async function findUsersByIds(db: Db, ids: string[]): Promise<Map<string, UserRow>> {
  const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
