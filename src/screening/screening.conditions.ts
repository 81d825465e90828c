import type { Condition } from './rule-set.conditions';
import { itemListFact, type ItemListFact } from './screening.facts';
import { baseOperator, type ItemPredicate, matchingIds, SOME_MATCH } from './screening.operators';
import type { ConditionDetail, FactConditionDetail } from './screening.result';

// Turns json-rules-engine's evaluated condition tree into the detail a reader (or a court) sees.
// json-rules-engine leaves conditions it skipped (priority sets, short-circuit) without a result,
// and compares a missing fact as if it were a value. Both mean "not decided", so results are
// recomputed bottom-up in three-valued logic: false beats undecided in "all", true beats
// undecided in "any", and only what is decided counts as met or not met.

/** The shape json-rules-engine gives back: the rule's conditions with results filled in. */
export interface EvaluatedCondition {
  all?: EvaluatedCondition[];
  any?: EvaluatedCondition[];
  not?: EvaluatedCondition;
  result?: boolean;
  factResult?: unknown;
  valueResult?: unknown;
}

function combine(kind: 'all' | 'any', results: Array<boolean | null>): boolean | null {
  const decisive = kind === 'all' ? false : true;
  if (results.includes(decisive)) return decisive;
  return results.includes(null) ? null : !decisive;
}

function isFactRef(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'fact' in value;
}

/**
 * `written` is the condition as in the rule file, `evaluated` the same tree after the engine ran
 * (undefined when the rule was not run).
 */
export function describeCondition(
  written: Condition,
  evaluated: EvaluatedCondition | undefined,
): ConditionDetail {
  if ('all' in written || 'any' in written) {
    const kind = 'all' in written ? 'all' : 'any';
    const children = 'all' in written ? written.all : written.any;
    const conditions = children.map((c, i) => describeCondition(c, evaluated?.[kind]?.[i]));
    return {
      kind,
      result: combine(
        kind,
        conditions.map((c) => c.result),
      ),
      conditions,
    };
  }
  if ('not' in written) {
    const inner = describeCondition(written.not, evaluated?.not);
    return { kind: 'not', result: inner.result === null ? null : !inner.result, conditions: [inner] };
  }
  const { result, factResult, valueResult } = evaluated ?? {};
  const ran = result !== undefined;
  const list =
    baseOperator(written.operator) === SOME_MATCH ? itemListFact(written.fact, written.path) : undefined;
  const decided = ran && factResult !== undefined && !(isFactRef(written.value) && valueResult === undefined);
  const detail: FactConditionDetail = {
    kind: 'fact',
    fact: written.fact,
    ...(written.path !== undefined && { path: written.path }),
    operator: written.operator,
    value: written.value,
    // Only where a parameter or fact reference made it differ from what is written.
    ...(ran && JSON.stringify(valueResult) !== JSON.stringify(written.value) && { valueResult }),
    ...(ran && list && Array.isArray(factResult)
      ? { matchedIds: matchingIds(factResult, valueResult as ItemPredicate, list.idField) }
      : ran && factResult !== undefined && { factResult }),
    result: decided ? result : null,
  };
  return detail;
}

/**
 * The list items a decided-true condition rests on, following only branches that are true (so a
 * true leaf inside a false "all" does not count) and never into "not" (there a match argues
 * against the rule).
 */
export function reliedItems(
  detail: ConditionDetail,
  out = new Map<ItemListFact['resultKey'], Set<string>>(),
) {
  if (detail.result !== true) return out;
  if (detail.kind === 'all' || detail.kind === 'any') {
    detail.conditions.forEach((c) => reliedItems(c, out));
  } else if (detail.kind === 'fact' && detail.operator === SOME_MATCH && detail.matchedIds) {
    const list = itemListFact(detail.fact, detail.path);
    if (list) {
      const ids = out.get(list.resultKey) ?? new Set<string>();
      detail.matchedIds.forEach((id) => ids.add(id));
      out.set(list.resultKey, ids);
    }
  }
  return out;
}
