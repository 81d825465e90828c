import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { AppError, ConflictError, NotFoundError, invalidField } from '../http/errors';
import { findScreening } from './screening.repository';
import type { EvaluationResult } from './screening.result';
import { clearancesOf, insertClearance } from './sanctions-clearance.repository';
import type { SanctionsClearanceRow } from './sanctions-clearance.table';

// SANK-1 (rule set 2026.3): a hit on an entry of the EU or UN sanctions list refers, and the
// application may not be approved until the coordinator has recorded that the hit is a false
// positive (the EU asset-freeze regulations forbid making funds available to listed persons and
// groups, so a payment must never rest on an unexamined hit). A clearance belongs to one hit of one
// screening: a new screening is a new examination, and its hits are judged again.

export const SANCTIONS_CODE = 'SANK-1';

/** The entries a screening's met SANK-1 rules relied on. */
export function sanctionsHitsOf(result: EvaluationResult): string[] {
  const ids = new Set<string>();
  for (const r of result.rules) {
    if (r.code === SANCTIONS_CODE && r.status === 'met') r.watchlistEntryIds.forEach((id) => ids.add(id));
  }
  return [...ids];
}

export function toClearance(row: SanctionsClearanceRow) {
  return {
    id: row.id,
    screeningId: row.screening_id,
    applicationId: row.application_id,
    entryId: row.entry_id,
    note: row.note,
    clearedBy: row.cleared_by,
    clearedAt: row.cleared_at.toISOString(),
  };
}

export async function clearSanctionsHit(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: string,
  screeningId: string,
  entryId: string,
  note: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const screening = await findScreening(trx, screeningId);
    if (!screening) throw new NotFoundError('Screening');
    if (!sanctionsHitsOf(screening.result).includes(entryId)) {
      throw invalidField(
        'params.entryId',
        'not_a_sanctions_hit',
        `not a ${SANCTIONS_CODE} hit of this screening`,
      );
    }
    const row = await insertClearance(trx, {
      id: randomUUID(),
      screening_id: screeningId,
      application_id: screening.application_id,
      entry_id: entryId,
      note,
      cleared_by: actor,
      cleared_at: deps.clock.now(),
    });
    if (!row) throw new ConflictError('This hit has already been cleared', { code: 'hit_already_cleared' });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'screening.sanctions_hit_cleared',
      entityType: 'screening',
      entityId: screeningId,
      details: { applicationId: screening.application_id, entryId, note },
    });
    return toClearance(row);
  });
}

/**
 * Refuses (409 sanctions_hit_not_cleared) while a SANK-1 hit of the screening has no clearance.
 * Called by the approval of a decision on an application, in its transaction.
 */
export async function refuseUnclearedSanctionsHits(db: Db, screeningId: string): Promise<void> {
  const screening = await findScreening(db, screeningId);
  if (!screening) return;
  const hits = sanctionsHitsOf(screening.result);
  if (hits.length === 0) return;
  const cleared = new Set((await clearancesOf(db, screeningId)).map((c) => c.entry_id));
  const open = hits.filter((id) => !cleared.has(id));
  if (open.length === 0) return;
  throw new AppError(
    409,
    'sanctions_hit_not_cleared',
    'The screening has a hit on the EU or UN sanctions list (SANK-1) that a coordinator has not cleared: support may not be approved until the coordinator has recorded that the hit does not concern the association',
    open.map((id) => ({
      path: `watchlist.hits.${id}`,
      code: 'sanctions_hit_not_cleared' as const,
      message: 'not cleared by a coordinator',
    })),
  );
}
