import { canonicalJson } from '../shared/canonical-json';
import type { EvaluationResult, Recommendation, RuleEvaluation } from './screening.result';

// Replay compares a stored result (read back from the database as JSON) with a fresh one, so the
// comparison is over canonical JSON: key order and absent-vs-undefined keys do not matter.

export interface RuleDifference {
  ruleId: string;
  /** null when the rule does not exist in that result (added or removed between versions). */
  before: Pick<RuleEvaluation, 'status' | 'outcome'> | null;
  after: Pick<RuleEvaluation, 'status' | 'outcome'> | null;
}

export interface EvaluationComparison {
  /** Deep-equal results, rule set and every text and condition detail included. */
  identical: boolean;
  recommendation: { before: Recommendation; after: Recommendation };
  /** Ids of rules whose status or outcome differ, or that exist in only one result, sorted. */
  differingRuleIds: string[];
  differences: RuleDifference[];
}

/**
 * Compares two evaluations: `a` the original, `b` the replay (under the same rule-set version, or
 * another one for a what-if).
 */
export function compareEvaluations(a: EvaluationResult, b: EvaluationResult): EvaluationComparison {
  const before = new Map(a.rules.map((r) => [r.id, r]));
  const after = new Map(b.rules.map((r) => [r.id, r]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const pick = (r: RuleEvaluation | undefined) => (r ? { status: r.status, outcome: r.outcome } : null);
  const differences = ids
    .map((ruleId) => ({ ruleId, before: pick(before.get(ruleId)), after: pick(after.get(ruleId)) }))
    .filter((d) => canonicalJson(d.before) !== canonicalJson(d.after));
  return {
    identical: canonicalJson(a) === canonicalJson(b),
    recommendation: { before: a.recommendation, after: b.recommendation },
    differingRuleIds: differences.map((d) => d.ruleId),
    differences,
  };
}
