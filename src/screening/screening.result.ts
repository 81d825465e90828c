import type { LocalisedText, Outcome } from './rule-set.schema';

// The result of one evaluation. Stored beside the fact snapshot and compared on replay, so it is
// plain JSON (no undefined values: absent keys) and its order is fixed by the rule set.

/** From the mildest to the most severe; an outcome not listed here does not compile (SEVERITY, LABELS). */
export const RECOMMENDATIONS = ['eligible', 'incomplete', 'refer', 'ineligible'] as const satisfies readonly (
  Outcome | 'eligible'
)[];
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** Higher is more severe: ineligible > refer > incomplete > eligible (DOMAIN.md). */
export const SEVERITY: Record<Recommendation, number> = {
  eligible: 0,
  incomplete: 1,
  refer: 2,
  ineligible: 3,
};

/**
 * met: the rule's conditions hold, so its outcome applies.
 * not_met: the conditions were decided and do not hold.
 * not_evaluated: the conditions could not be decided (skipped by json-rules-engine, or a fact the
 *   rule needs is absent from the snapshot). Never to be shown as failed.
 */
export const RULE_STATUSES = ['met', 'not_met', 'not_evaluated'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface BooleanConditionDetail {
  kind: 'all' | 'any' | 'not';
  /** null: not decided (see RuleStatus.not_evaluated). */
  result: boolean | null;
  conditions: ConditionDetail[];
}

export interface FactConditionDetail {
  kind: 'fact';
  fact: string;
  path?: string;
  operator: string;
  /** As written in the rule file, e.g. {"param": "findingMaxAgeYears"}. */
  value: unknown;
  /** What the fact was compared with, after parameters and fact references were resolved. */
  valueResult?: unknown;
  /** The fact's value; left out for lists (the items are in the snapshot; see matchedIds). */
  factResult?: unknown;
  /** For someMatch: the ids of the list items satisfying the predicate. */
  matchedIds?: string[];
  result: boolean | null;
}

export type ConditionDetail = BooleanConditionDetail | FactConditionDetail;

export interface RuleEvaluation {
  id: string;
  code: string;
  criterion: LocalisedText;
  legalBasis: string;
  outcome: Outcome;
  priority: number;
  status: RuleStatus;
  explanation: LocalisedText;
  notMetExplanation: LocalisedText | null;
  /** The findings and watchlist entries a met rule relied on (empty unless met). */
  findingIds: string[];
  watchlistEntryIds: string[];
  conditions: ConditionDetail;
}

export interface EvaluationResult {
  ruleSet: { id: string; version: string; hash: string };
  screeningDate: string;
  recommendation: Recommendation;
  /** Every rule of the rule set, highest priority first, then by id. */
  rules: RuleEvaluation[];
}

export function mostSevere(outcomes: Iterable<Recommendation>): Recommendation {
  let worst: Recommendation = 'eligible';
  for (const o of outcomes) if (SEVERITY[o] > SEVERITY[worst]) worst = o;
  return worst;
}
