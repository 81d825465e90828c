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

/** A user; one created at a first sign-in through the identity provider carries that identity. */
export async function insertUser(
  db: Db,
  user: {
    id: string;
    name: string;
    role: Role;
    tokenHash: string;
    createdAt: Date;
    identity?: { issuer: string; subject: string };
  },
): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      role: user.role,
      token_hash: user.tokenHash,
      oidc_issuer: user.identity?.issuer ?? null,
      oidc_subject: user.identity?.subject ?? null,
      created_at: user.createdAt,
    })
    .execute();
}

export async function findUserByIdentity(
  db: Db,
  issuer: string,
  subject: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
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

/** The user row, locked for the rest of the transaction (two admins changing one user take turns). */
export async function lockUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * The active admins, locked: "not the last active admin" is checked under these locks, so two admins
 * deactivating each other at the same moment cannot both succeed.
 */
export async function lockActiveAdminIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => r.id);
}

export async function updateUser(
  db: Db,
  id: string,
  change: { active?: boolean; role?: Role; tokenHash?: string },
): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.tokenHash !== undefined ? { token_hash: change.tokenHash } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function recordSignIn(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: at }).where('id', '=', id).execute();
}

/** Every page session of a user ends (deactivation): the cookie is then worth nothing anywhere. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('web_sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Whether the user signs in through the identity provider (then sign-out ends that session too). */
export async function hasOidcIdentity(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('oidc_subject').where('id', '=', id).executeTakeFirst();
  return Boolean(row?.oidc_subject);
}
