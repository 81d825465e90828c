import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import { ChainVerifier, eventHash, type ChainCheck, type ExportedEvent } from './audit.hash';
import { appendEvents, eventsAfter, lockHead, readHead } from './audit.repository';
import type { AuditEventRow } from './audit.table';
import { auditAppendDuration, timed } from '../metrics/metrics.registry';

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
  const [event] = await appendAuditMany(trx, clock, [input]);
  return event!;
}

/**
 * An event with no change beside it to commit with (a read of watchlist data, a replay): a
 * transaction of its own.
 */
export function appendAuditAlone(
  db: Kysely<Database>,
  clock: Clock,
  input: AuditInput,
): Promise<ExportedEvent> {
  return db.transaction().execute((trx) => appendAudit(trx, clock, input));
}

/** Appends several events in order with one lock, one head read and one insert (e.g. a CSV import). */
export async function appendAuditMany(
  trx: Transaction<Database>,
  clock: Clock,
  inputs: AuditInput[],
): Promise<ExportedEvent[]> {
  if (inputs.length === 0) return [];
  return timed(auditAppendDuration, () => appendChained(trx, clock, inputs));
}

async function appendChained(
  trx: Transaction<Database>,
  clock: Clock,
  inputs: AuditInput[],
): Promise<ExportedEvent[]> {
  const head = await lockHead(trx);
  const occurredAt = clock.now();
  let prevHash = head.hash;
  let seq = head.seq;
  const events = inputs.map((input) => {
    const fields = {
      prevHash,
      occurredAt: occurredAt.toISOString(),
      actor: input.actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      // Round-trip through JSON so what is hashed is exactly what jsonb will give back.
      details: JSON.parse(JSON.stringify(input.details ?? {})) as unknown,
    };
    seq += 1;
    const event: ExportedEvent = { seq, ...fields, hash: eventHash(fields) };
    prevHash = event.hash;
    return event;
  });
  await appendEvents(
    trx,
    events.map((e) => ({
      seq: e.seq,
      occurred_at: occurredAt,
      actor: e.actor,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      details: e.details,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
  );
  return events;
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

/**
 * Walks the chain in the database and compares its end with the head row that every append moves in
 * the same statement. The walk alone cannot see events cut from the end (the rest still links up);
 * the head can. The head is read first and the walk stops there, so events appended meanwhile are
 * neither required nor counted.
 */
export async function verifyChain(db: Db): Promise<ChainCheck> {
  const head = await readHead(db);
  const verifier = new ChainVerifier();
  for await (const e of allEvents(db)) {
    if (e.seq > head.seq || !verifier.add(e)) break;
  }
  const walked = verifier.result();
  if (!walked.valid) return walked;
  if (walked.events !== head.seq) {
    return {
      valid: false,
      brokenAt: walked.events + 1,
      reason: `the log ends at event ${walked.events}, but the chain's head records event ${head.seq}: events are missing from the end`,
    };
  }
  if (walked.head !== head.hash) {
    return {
      valid: false,
      brokenAt: head.seq,
      reason: "the last event's hash differs from the one the chain's head recorded when it was written",
    };
  }
  return walked;
}
