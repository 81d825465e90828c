import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAuditAlone } from '../audit/audit.service';

/**
 * DOMAIN.md: every read of watchlist data is an audit event — also when the data arrives inside
 * something else (a screening's hits, a referral's grounds), not only through the watchlist's own
 * endpoints. Nothing is written when the answer holds no hit.
 */
export async function auditHitsRead(
  db: Kysely<Database>,
  clock: Clock,
  read: { actor: string; entityType: string; entityId: string; entryIds: Iterable<string>; ids?: string[] },
): Promise<void> {
  const entryIds = [...new Set(read.entryIds)];
  if (entryIds.length === 0) return;
  await appendAuditAlone(db, clock, {
    actor: read.actor,
    action: 'watchlist.hits_read',
    entityType: read.entityType,
    entityId: read.entityId,
    details: { entryIds, ...(read.ids ? { ids: read.ids } : {}) },
  });
}
