import type { Db } from '../db/database';
import { ConflictError } from '../http/errors';
import { findScreening } from '../screening/screening.repository';
import type { ScreeningRow } from '../screening/screening.table';
import { entriesCreatedBy, findingsRecordedBy, latestScreeningOfAssociation } from './delegation.repository';

// Jäv (förvaltningslagen 16 §): a delegat who recorded a finding a decision rests on, or created a
// watchlist entry among its hits, has a stake in the outcome and must not decide it. The service
// checks what it can know; the delegat confirms the rest (noConflictOfInterest).

/** What a decision rests on, as far as who produced it is concerned. */
export interface DecisionBasis {
  findingIds: string[];
  watchlistEntryIds: string[];
}

/** The decision as the check needs it (structural, so this area does not depend on decisions). */
export interface DecisionForConflict {
  kind: 'application' | 'withdrawal' | 'restoration';
  association_id: string;
  screening_id: string | null;
  criteria: string[];
}

/**
 * A screening's share of the basis: the findings its met rules relied on (for a support decision, of
 * the criteria it cites, when it cites any) and every watchlist hit it showed the case officer.
 */
export function basisOfScreening(s: ScreeningRow, criteria: readonly string[] = []): DecisionBasis {
  const met = s.result.rules.filter(
    (r) => r.status === 'met' && (criteria.length === 0 || criteria.includes(r.code)),
  );
  return {
    findingIds: [...new Set(met.flatMap((r) => r.findingIds))],
    watchlistEntryIds: [...new Set(s.watchlist_hits.map((h) => h.entryId))],
  };
}

/**
 * An application decision rests on its screening. A withdrawal or restoration has none of its own: it
 * rests on the association's latest screening (the material the case officer relied on).
 * TODO(case-comms): once a support decision names its communicationId, add that communication's
 * findingIds to the basis.
 */
export async function decisionBasis(db: Db, d: DecisionForConflict): Promise<DecisionBasis> {
  const screening = d.screening_id
    ? await findScreening(db, d.screening_id)
    : await latestScreeningOfAssociation(db, d.association_id);
  if (!screening) return { findingIds: [], watchlistEntryIds: [] };
  return basisOfScreening(screening, d.kind === 'application' ? [] : d.criteria);
}

export interface Conflict {
  findingIds: string[];
  watchlistEntryIds: string[];
}

/** What makes the user jävig for this decision; empty lists when nothing does. */
export async function conflictOfInterest(db: Db, d: DecisionForConflict, userId: string): Promise<Conflict> {
  const basis = await decisionBasis(db, d);
  return {
    findingIds: await findingsRecordedBy(db, basis.findingIds, userId),
    watchlistEntryIds: await entriesCreatedBy(db, basis.watchlistEntryIds, userId),
  };
}

export const hasConflict = (c: Conflict) => c.findingIds.length > 0 || c.watchlistEntryIds.length > 0;

export const JAV_FINDING =
  'Conflict of interest (jäv): you recorded a finding this decision rests on; another delegat must decide';
export const JAV_WATCHLIST =
  'Conflict of interest (jäv): you created a watchlist entry among the hits this decision rests on; another delegat must decide';

/** 409 when the user may not decide for jäv. */
export async function refuseConflictOfInterest(
  db: Db,
  d: DecisionForConflict,
  userId: string,
): Promise<void> {
  const c = await conflictOfInterest(db, d, userId);
  if (c.findingIds.length) throw new ConflictError(JAV_FINDING, { code: 'jav_finding' });
  if (c.watchlistEntryIds.length) throw new ConflictError(JAV_WATCHLIST, { code: 'jav_watchlist' });
}
