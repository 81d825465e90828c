import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/database';
import type { AuditEventRow } from './audit.table';

// Any fixed 64-bit key works; it names "the audit chain" among advisory locks.
const AUDIT_CHAIN_LOCK = 7_401_001;

/**
 * Serialises appenders until their transaction ends, so two writers never read the same head and
 * fork the chain. Taken as late as possible in a command, to keep the lock short.
 */
export async function lockChain(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
}

export async function chainHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

const INSERT_BATCH = 1000;

export async function insertEvents(
  db: Db,
  events: (Omit<AuditEventRow, 'details'> & { details: unknown })[],
): Promise<void> {
  for (let i = 0; i < events.length; i += INSERT_BATCH) {
    const batch = events.slice(i, i + INSERT_BATCH).map((e) => ({ ...e, details: toJson(e.details) }));
    await db.insertInto('audit_events').values(batch).execute();
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
