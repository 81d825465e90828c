import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import { ChainVerifier, GENESIS_HASH, eventHash, type ChainCheck, type ExportedEvent } from './audit.hash';
import { chainHead, eventsAfter, insertEvent, lockChain } from './audit.repository';
import type { AuditEventRow } from './audit.table';

export interface AuditInput {
  /** A user id, or 'system' for the scheduler. */
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the chain. Takes a Transaction, not the database: the event must commit or
 * roll back together with the change it records. Call it last in the command (it takes the chain lock).
 */
export async function appendAudit(
  trx: Transaction<Database>,
  clock: Clock,
  input: AuditInput,
): Promise<ExportedEvent> {
  await lockChain(trx);
  const head = await chainHead(trx);
  // Round-trip through JSON so what is hashed is exactly what jsonb will give back.
  const details: unknown = JSON.parse(JSON.stringify(input.details ?? {}));
  const occurredAt = clock.now();
  const fields = {
    prevHash: head?.hash ?? GENESIS_HASH,
    occurredAt: occurredAt.toISOString(),
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    details,
  };
  const event: ExportedEvent = { seq: (head?.seq ?? 0) + 1, ...fields, hash: eventHash(fields) };
  await insertEvent(trx, {
    seq: event.seq,
    occurred_at: occurredAt,
    actor: event.actor,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    details,
    prev_hash: event.prevHash,
    hash: event.hash,
  });
  return event;
}

export function toExported(row: AuditEventRow): ExportedEvent {
  return {
    seq: row.seq,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const BATCH = 2000;

/** Yields every event in chain order without holding the whole log in memory. */
export async function* allEvents(db: Db): AsyncGenerator<ExportedEvent> {
  let after = 0;
  for (;;) {
    const rows = await eventsAfter(db, after, BATCH);
    for (const row of rows) yield toExported(row);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function verifyChain(db: Db): Promise<ChainCheck> {
  const verifier = new ChainVerifier();
  for await (const e of allEvents(db)) {
    if (!verifier.add(e)) break;
  }
  return verifier.result();
}
