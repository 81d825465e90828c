import type { Db } from '../db/database';
import type { AuthUser } from '../http/auth';
import { casesWithVisibleHits } from '../cases/cases.access';
import { casesOfApplications } from '../cases/cases.repository';
import type { ConditionDetail, EvaluationResult } from './screening.result';
import type { ScreeningFacts } from './screening.facts';
import type { Screening } from './screening.schemas';

// A screening without its watchlist hits, for a case officer who neither handles the case nor has it
// before them to decide (cases.access). They still see the recommendation and every rule's verdict, so
// they know a hit raised "refer", but not which entry, name or person it was.

function withoutListItems(c: ConditionDetail): ConditionDetail {
  if (c.kind !== 'fact') return { ...c, conditions: c.conditions.map(withoutListItems) };
  if (c.fact !== 'watchlist') return c;
  const { matchedIds: _ids, factResult: _value, ...rest } = c;
  return rest;
}

export function withholdHits<S extends Screening>(s: S): S {
  return {
    ...s,
    reasons: s.reasons.map((r) => ({ ...r, watchlistEntryIds: [] })),
    watchlist: { ...s.watchlist, hits: [], hitsWithheld: true },
  };
}

/** The stored record too: the fact snapshot's hits and the rules' view of them. */
export function withholdRecordHits<
  S extends Screening & { facts: ScreeningFacts; evaluation: EvaluationResult },
>(s: S): S {
  return {
    ...withholdHits(s),
    facts: { ...s.facts, watchlist: { ...s.facts.watchlist, hits: [] } },
    evaluation: {
      ...s.evaluation,
      rules: s.evaluation.rules.map((r) => ({
        ...r,
        watchlistEntryIds: [],
        conditions: withoutListItems(r.conditions),
      })),
    },
  };
}

/** The application ids among these screenings whose hits this user may see. */
export async function applicationsWithVisibleHits(
  db: Db,
  user: AuthUser,
  applicationIds: readonly string[],
): Promise<Set<string>> {
  const cases = await casesOfApplications(db, applicationIds);
  const visible = await casesWithVisibleHits(db, user, [...cases.values()]);
  return new Set([...cases.values()].filter((c) => visible.has(c.id)).map((c) => c.application_id!));
}
