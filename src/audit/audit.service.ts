import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { canonicalJson, digestOfJson, leafHash, newSalts, type ExportedEvent } from './audit.hash';
import { Frontier, type CompletedNode } from './audit.merkle';
import { appendEvents, lockHead, type NewEvent } from './audit.repository';
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

/**
 * Appends several events in order with one lock, one head read and one statement (e.g. a CSV
 * import, a batch of premises checks). Everything is computed before the head is read except what
 * depends on it: the chain links, the leaf hashes and the tree nodes they complete.
 */
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
  const salts = newSalts(inputs.length);
  const prepared = inputs.map((input, i) => {
    // Round-trip through JSON so what is digested is exactly what jsonb will give back.
    const details = JSON.parse(JSON.stringify(input.details ?? {})) as unknown;
    const salt = salts[i]!;
    return { input, details, salt, detailsDigest: digestOfJson(salt, canonicalJson(details)) };
  });
  const head = await lockHead(trx);
  // Read after the lock, so times never go backwards along the chain.
  const occurredAt = clock.now();
  const at = occurredAt.toISOString();
  const tree = Frontier.from(head.seq, head.frontier);
  const nodes: CompletedNode[] = [];
  let prevHash = head.hash;
  let seq = head.seq;
  const events = prepared.map(({ input, details, salt, detailsDigest }): ExportedEvent => {
    seq += 1;
    const header = {
      seq,
      prevHash,
      occurredAt: at,
      actor: input.actor,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      detailsDigest,
    };
    prevHash = leafHash(header);
    tree.push(prevHash, nodes);
    return { ...header, hash: prevHash, salt, details, erased: null };
  });
  await appendEvents(
    trx,
    events.map((e): NewEvent => ({
      seq: e.seq,
      occurred_at: occurredAt,
      actor: e.actor,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      details: e.details,
      details_salt: e.salt!,
      details_digest: e.detailsDigest,
      prev_hash: e.prevHash,
      hash: e.hash,
    })),
    nodes.map((n) => ({ end_seq: n.end, level: n.level, hash: Buffer.from(n.hash, 'hex') })),
    tree.toHex(),
  );
  return events;
}

export { allEvents, toExported } from './audit.events';
export { verifyChain } from './audit.verify.service';
