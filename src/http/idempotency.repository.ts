import type { Db } from '../db/database';
import { toJson } from '../db/json';
import type { IdempotencyKeyRow } from './idempotency.table';

/** Claims a key for a first request; false when the user already used it. */
export async function claimKey(
  db: Db,
  row: { userId: string; key: string; operation: string; requestHash: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: row.userId,
      key: row.key,
      operation: row.operation,
      request_hash: row.requestHash,
      status: 'pending',
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function findKey(db: Db, userId: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function completeKey(
  db: Db,
  userId: string,
  key: string,
  response: { status: number; body: unknown },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: response.status, response_body: toJson(response.body) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

/** Gives a pending key back (the first request failed), so a retry runs the request again. */
export async function releaseKey(db: Db, userId: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('status', '=', 'pending')
    .execute();
}

/** Keys older than `before` are forgotten (the sweep), or one such key before it is used again. */
export async function deleteKeysBefore(db: Db, before: Date, only?: { userId: string; key: string }) {
  let q = db.deleteFrom('idempotency_keys').where('created_at', '<', before);
  if (only) q = q.where('user_id', '=', only.userId).where('key', '=', only.key);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}
