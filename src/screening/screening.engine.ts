import { Engine, type RuleResult, type TopLevelCondition as EngineCondition } from 'json-rules-engine';
import type { LoadedRuleSet } from './rule-set.loader';
import type { TopLevelCondition } from './rule-set.conditions';
import { interpolate, substituteParams } from './rule-set.params';
import type { LocalisedText, RuleDefinition } from './rule-set.schema';
import { describeCondition, type EvaluatedCondition, reliedItems } from './screening.conditions';
import { deriveFacts, type ScreeningFacts } from './screening.facts';
import { someMatchOperator } from './screening.operators';
import { type EvaluationResult, mostSevere, type RuleEvaluation } from './screening.result';

interface CompiledRule {
  rule: RuleDefinition;
  /** The conditions with parameters substituted: what the engine runs. */
  conditions: TopLevelCondition;
  criterion: LocalisedText;
  explanation: LocalisedText;
  notMetExplanation: LocalisedText | null;
}

// A loaded rule set never changes, so its compiled form is computed once per object.
const compiledRuleSets = new WeakMap<LoadedRuleSet, CompiledRule[]>();

function compile(ruleSet: LoadedRuleSet): CompiledRule[] {
  const cached = compiledRuleSets.get(ruleSet);
  if (cached) return cached;
  const params = ruleSet.parameters;
  const text = (t: LocalisedText): LocalisedText => ({
    sv: interpolate(t.sv, params),
    en: interpolate(t.en, params),
  });
  const compiled = [...ruleSet.rules]
    .sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((rule) => ({
      rule,
      conditions: substituteParams(rule.conditions, params) as TopLevelCondition,
      criterion: text(rule.criterion),
      explanation: text(rule.explanation),
      notMetExplanation: rule.notMetExplanation ? text(rule.notMetExplanation) : null,
    }));
  compiledRuleSets.set(ruleSet, compiled);
  return compiled;
}

// Rule files may only use dotted paths (checked on load), so this replaces JSONPath evaluation.
function resolvePath(value: object, path: string): unknown {
  let current: unknown = value;
  for (const key of path.slice(2).split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function evaluateRule(compiled: CompiledRule, ruleResult: RuleResult | undefined): RuleEvaluation {
  const { rule } = compiled;
  const evaluated = ruleResult?.conditions as unknown as EvaluatedCondition | undefined;
  const conditions = describeCondition(rule.conditions, evaluated);
  const status = conditions.result === null ? 'not_evaluated' : conditions.result ? 'met' : 'not_met';
  const relied = status === 'met' ? reliedItems(conditions) : new Map<string, Set<string>>();
  const ids = (key: string) => [...(relied.get(key) ?? [])].sort();
  return {
    id: rule.id,
    code: rule.code,
    criterion: compiled.criterion,
    legalBasis: rule.legalBasis,
    outcome: rule.outcome,
    priority: rule.priority,
    status,
    explanation: compiled.explanation,
    notMetExplanation: compiled.notMetExplanation,
    findingIds: ids('findingIds'),
    watchlistEntryIds: ids('watchlistEntryIds'),
    conditions,
  };
}

/**
 * Runs every rule of `ruleSet` over `facts` (the stored snapshot) and explains each. Deterministic:
 * the same rule set and snapshot always give a deep-equal result, which is what replay checks.
 */
export async function evaluate(ruleSet: LoadedRuleSet, facts: ScreeningFacts): Promise<EvaluationResult> {
  const rules = compile(ruleSet);
  // A fresh engine per call: engines hold run state, and screenings run concurrently. Undefined
  // facts are allowed so that replaying an old snapshot under a rule set that reads a newer fact
  // reports that rule as not evaluated instead of failing the whole screening.
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
  engine.addOperator(someMatchOperator);
  for (const { rule, conditions } of rules) {
    engine.addRule({
      name: rule.id,
      priority: rule.priority,
      conditions: conditions as unknown as EngineCondition,
      event: { type: rule.outcome },
    });
  }
  const { results, failureResults } = await engine.run({ ...deriveFacts(facts) });
  const byId = new Map([...results, ...failureResults].map((r) => [r.name as string, r]));
  const evaluations = rules.map((c) => evaluateRule(c, byId.get(c.rule.id)));
  return {
    ruleSet: { id: ruleSet.id, version: ruleSet.version, hash: ruleSet.hash },
    screeningDate: facts.screeningDate,
    recommendation: mostSevere(evaluations.filter((e) => e.status === 'met').map((e) => e.outcome)),
    rules: evaluations,
  };
}
