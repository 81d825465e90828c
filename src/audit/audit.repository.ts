import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/database';
import type { AuditEventRow } from './audit.table';

/**
 * Locks the chain's head row until the transaction ends and returns it. Two appenders never read the
 * same head: the second waits for the first to commit and then reads the head the first wrote. Taken
 * as late as possible in a command, to keep the lock short.
 */
export async function lockHead(trx: Transaction<Database>): Promise<{ seq: number; hash: string }> {
  return trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The head as committed, without a lock: for verification. */
export async function readHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(head.seq), hash: head.hash };
}

const INSERT_BATCH = 1000;

/** Inserts events (in chain order) and moves the head to the last one; one statement per batch. */
export async function appendEvents(
  trx: Transaction<Database>,
  events: (Omit<AuditEventRow, 'details'> & { details: unknown })[],
): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_BATCH) {
    const batch = events.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, details: toJson(e.details) }));
    const last = batch[batch.length - 1]!;
    await trx
      .with('inserted', (db) => db.insertInto('audit_events').values(batch))
      .updateTable('audit_head')
      .set({ seq: last.seq, hash: last.hash })
      .where('id', '=', 1)
      .execute();
  }
}

export interface EventFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
}

export async function listEvents(db: Db, f: EventFilter, limit: number): Promise<AuditEventRow[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actor) q = q.where('actor', '=', f.actor);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
  return q.orderBy('seq', 'desc').limit(limit).execute();
}

/** Events in chain order after `afterSeq`, a batch at a time (for verification and export). */
export async function eventsAfter(db: Db, afterSeq: number, batch: number): Promise<AuditEventRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq', 'asc')
    .limit(batch)
    .execute();
}
