import type { Db } from '../../db/database';
import type { Role } from '../../users/users.table';
import type { WebSessionRow } from './sessions.table';

export async function insertSession(db: Db, row: WebSessionRow): Promise<void> {
  await db.insertInto('web_sessions').values(row).execute();
}

export interface LiveSession {
  idHash: string;
  csrfToken: string;
  seenAt: Date;
  absoluteExpiresAt: Date;
  user: { id: string; name: string; role: Role };
}

/** A session that has not expired, of a user who is still active (a deactivated user is out at once). */
export async function findLiveSession(db: Db, idHash: string, now: Date): Promise<LiveSession | undefined> {
  const row = await db
    .selectFrom('web_sessions')
    .innerJoin('users', 'users.id', 'web_sessions.user_id')
    .select([
      'web_sessions.id_hash',
      'web_sessions.csrf_token',
      'web_sessions.seen_at',
      'web_sessions.absolute_expires_at',
      'users.id as user_id',
      'users.name as user_name',
      'users.role as user_role',
    ])
    .where('web_sessions.id_hash', '=', idHash)
    .where('web_sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    csrfToken: row.csrf_token,
    seenAt: row.seen_at,
    absoluteExpiresAt: row.absolute_expires_at,
    user: { id: row.user_id, name: row.user_name, role: row.user_role },
  };
}

export async function touchSession(db: Db, idHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('web_sessions')
    .set({ seen_at: now, expires_at: expiresAt })
    .where('id_hash', '=', idHash)
    .execute();
}

/** Returns whether a session was deleted (false when it had already gone). */
export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const r = await db.deleteFrom('web_sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('web_sessions').where('expires_at', '<=', now).execute();
}
