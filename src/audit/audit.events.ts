import type { Db } from '../db/database';
import type { ExportedEvent } from './audit.hash';
import { eventsAfter } from './audit.repository';
import type { AuditEventRow } from './audit.table';

// Reading the log in chain order, as the API, the export and the verifications see it.

export function toExported(row: AuditEventRow): ExportedEvent {
  return {
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    detailsDigest: row.details_digest,
    hash: row.hash,
    salt: row.details_salt,
    details: row.details ?? null,
    erased:
      row.erased_at === null
        ? null
        : { at: row.erased_at.toISOString(), under: row.erased_under!, byRun: Number(row.erased_by) },
  };
}

const BATCH = 2000;

/** Yields every event in chain order (up to `upTo`) without holding the whole log in memory. */
export async function* allEvents(db: Db, after = 0, upTo?: number): AsyncGenerator<ExportedEvent> {
  for (;;) {
    const rows = await eventsAfter(db, after, BATCH, upTo);
    for (const row of rows) yield toExported(row);
    if (rows.length < BATCH) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

/** Batches of events in chain order, for walks that yield to the event loop between batches. */
export async function* eventBatches(
  db: Db,
  after: number,
  upTo: number,
  batch = BATCH,
): AsyncGenerator<ExportedEvent[]> {
  while (after < upTo) {
    const rows = await eventsAfter(db, after, batch, upTo);
    if (rows.length === 0) return;
    yield rows.map(toExported);
    after = Number(rows[rows.length - 1]!.seq);
  }
}
