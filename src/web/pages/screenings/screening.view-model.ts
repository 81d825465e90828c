import type { ScreeningFacts } from '../../../screening/screening.facts';
import type {
  ConditionDetail,
  EvaluationResult,
  RuleEvaluation,
  RuleStatus,
} from '../../../screening/screening.result';
import { SEVERITY, type Recommendation } from '../../../screening/screening.result';
import type { Screening } from '../../../screening/screening.schemas';
import { explainMatch } from '../../web.match-explanation';

// A screening as its reader needs it: every criterion with its verdict (met / not met / not evaluated,
// never showing "not evaluated" as a failure), the rules behind it with explanation and legal basis,
// the findings a met rule relied on, and the watchlist hits explained.

type Check = Screening['checks'][number];

export interface CriterionGroup {
  code: string;
  status: RuleStatus;
  /** The most severe outcome among the met rules (only when status is met). */
  outcome?: Recommendation | undefined;
  rules: (Check & {
    findings: ScreeningFacts['findings'];
    watchlistEntryIds: string[];
    conditions?: ConditionView | undefined;
  })[];
}

export interface ConditionView {
  kind: string;
  result: string;
  text?: string;
  factResult?: string;
  matchedIds?: string[];
  children: ConditionView[];
}

const resultText = (r: boolean | null) => (r === true ? 'sant' : r === false ? 'falskt' : 'ej avgjort');

function conditionView(c: ConditionDetail): ConditionView {
  if (c.kind === 'fact') {
    const where = c.path ? `${c.fact} ${c.path}` : c.fact;
    return {
      kind: 'fact',
      result: resultText(c.result),
      text: `${where} ${c.operator} ${JSON.stringify(c.valueResult ?? c.value)}`,
      ...(c.factResult !== undefined ? { factResult: JSON.stringify(c.factResult) } : {}),
      ...(c.matchedIds?.length ? { matchedIds: c.matchedIds } : {}),
      children: [],
    };
  }
  const kind = c.kind === 'all' ? 'alla av' : c.kind === 'any' ? 'något av' : 'inte';
  return { kind, result: resultText(c.result), children: c.conditions.map(conditionView) };
}

function groupStatus(statuses: RuleStatus[]): RuleStatus {
  if (statuses.includes('met')) return 'met';
  if (statuses.includes('not_evaluated')) return 'not_evaluated';
  return 'not_met';
}

/**
 * `evaluation` and `facts` are a screening record's stored snapshots. The API declares them as open
 * JSON objects (their shape belongs to the rule engine's version that wrote them); they were written
 * as an EvaluationResult and ScreeningFacts, which is how they are read here, in this one place.
 */
export function criterionGroups(
  checks: Check[],
  storedEvaluation: object | undefined,
  storedFacts: object | undefined,
): CriterionGroup[] {
  const evaluation = storedEvaluation as EvaluationResult | undefined;
  const facts = storedFacts as ScreeningFacts | undefined;
  const byId = new Map<string, RuleEvaluation>((evaluation?.rules ?? []).map((r) => [r.id, r]));
  const groups = new Map<string, CriterionGroup>();
  for (const check of checks) {
    const rule = byId.get(check.ruleId);
    const findingIds = new Set(rule?.findingIds ?? []);
    const g = groups.get(check.code) ?? { code: check.code, status: 'not_met' as RuleStatus, rules: [] };
    g.rules.push({
      ...check,
      findings: (facts?.findings ?? []).filter((f) => findingIds.has(f.id)),
      watchlistEntryIds: rule?.watchlistEntryIds ?? [],
      conditions: rule ? conditionView(rule.conditions) : undefined,
    });
    groups.set(check.code, g);
  }
  for (const g of groups.values()) {
    g.status = groupStatus(g.rules.map((r) => r.status));
    const met = g.rules.filter((r) => r.status === 'met').map((r) => r.outcome);
    if (met.length) g.outcome = met.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a));
  }
  return [...groups.values()];
}

export function hitsView(hits: Screening['watchlist']['hits']) {
  return hits.map((h) => ({ ...h, sentences: explainMatch(h.explanation) }));
}
