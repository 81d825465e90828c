import { FINDING_CATEGORIES } from '../shared/finding-categories';
import { FACT_NAMES, itemListFact } from './screening.facts';
import { baseOperator, isKnownOperator, predicateProblems, SOME_MATCH } from './screening.operators';
import { type Parameters, substituteParams } from './rule-set.params';

// The subset of json-rules-engine conditions a rule file may use, checked by hand rather than by a
// zod union: a union only says "invalid input", while a case officer editing a rule file needs
// "rules[3].conditions.all[1].fact: unknown fact "finding"".

export interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  path?: string;
  priority?: number;
  name?: string;
}
export type BooleanCondition = ({ all: Condition[] } | { any: Condition[] } | { not: Condition }) & {
  priority?: number;
  name?: string;
};
export type Condition = LeafCondition | BooleanCondition;
export type TopLevelCondition = BooleanCondition;

export type Problem = [path: (string | number)[], message: string];

// Only plain dotted paths: predictable, fast, and no JSONPath expression evaluation in rule files.
export const FACT_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const LEAF_KEYS = ['fact', 'operator', 'value', 'path', 'priority', 'name'];
const BOOLEAN_KEYS = ['all', 'any', 'not'];

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkPriority(node: Record<string, unknown>, at: (string | number)[], out: Problem[]): void {
  const p = node.priority;
  if (p !== undefined && !(Number.isInteger(p) && (p as number) >= 1)) {
    out.push([[...at, 'priority'], 'priority must be a whole number of 1 or more']);
  }
}

function checkFactRef(fact: unknown, path: unknown, at: (string | number)[], out: Problem[]): void {
  if (typeof fact !== 'string' || !(FACT_NAMES as readonly string[]).includes(fact)) {
    out.push([
      [...at, 'fact'],
      `unknown fact ${JSON.stringify(fact)}; known facts: ${FACT_NAMES.join(', ')}`,
    ]);
  }
  if (path !== undefined && (typeof path !== 'string' || !FACT_PATH.test(path))) {
    out.push([[...at, 'path'], 'path must be a dotted path such as "$.statutes.auditor"']);
  }
}

function collectScalars(v: unknown): unknown[] {
  if (Array.isArray(v)) return v.flatMap(collectScalars);
  if (isObject(v)) return Object.values(v).flatMap(collectScalars);
  return [v];
}

function checkLeaf(
  node: Record<string, unknown>,
  at: (string | number)[],
  params: Parameters,
  out: Problem[],
) {
  for (const key of ['fact', 'operator', 'value']) {
    if (!(key in node)) out.push([[...at, key], `a condition needs "${key}"`]);
  }
  checkFactRef(node.fact, node.path, at, out);
  const operator = node.operator;
  if (typeof operator !== 'string' || !isKnownOperator(operator)) {
    out.push([[...at, 'operator'], `unknown operator ${JSON.stringify(operator)}`]);
  }
  const value = substituteParams(node.value, params, (p, name) =>
    out.push([[...at, 'value', ...p], `unknown parameter "${name}"; define it under "parameters"`]),
  );
  if (isObject(value) && 'fact' in value) checkFactRef(value.fact, value.path, [...at, 'value'], out);
  if (typeof operator === 'string' && baseOperator(operator) === SOME_MATCH) {
    const list =
      typeof node.fact === 'string' ? itemListFact(node.fact, node.path as string | undefined) : undefined;
    if (!list) {
      out.push([
        [...at, 'fact'],
        'someMatch searches a list: fact "findings", or fact "watchlist" with path "$.hits"',
      ]);
      return;
    }
    for (const [p, message] of predicateProblems(value, list.fields))
      out.push([[...at, 'value', ...p], message]);
    if (list.fact === 'findings' && isObject(value) && 'category' in value) {
      for (const c of collectScalars(value.category)) {
        if (!(FINDING_CATEGORIES as readonly unknown[]).includes(c)) {
          out.push([[...at, 'value', 'category'], `unknown finding category ${JSON.stringify(c)}`]);
        }
      }
    }
  }
}

/** Problems in a condition tree, with paths relative to `at`. */
export function conditionProblems(
  node: unknown,
  params: Parameters,
  at: (string | number)[] = [],
  out: Problem[] = [],
): Problem[] {
  if (!isObject(node)) {
    out.push([at, 'a condition must be an object']);
    return out;
  }
  if ('condition' in node) {
    out.push([[...at, 'condition'], 'named condition references are not supported; write the condition out']);
    return out;
  }
  const booleans = BOOLEAN_KEYS.filter((k) => k in node);
  if (booleans.length > 1) {
    out.push([at, `use only one of all/any/not in a condition, found ${booleans.join(', ')}`]);
    return out;
  }
  const allowed = booleans.length === 1 ? [booleans[0] as string, 'priority', 'name'] : LEAF_KEYS;
  for (const key of Object.keys(node)) {
    if (!allowed.includes(key)) out.push([[...at, key], `unexpected key "${key}"`]);
  }
  checkPriority(node, at, out);
  const op = booleans[0];
  if (op === 'not') {
    conditionProblems(node.not, params, [...at, 'not'], out);
  } else if (op === 'all' || op === 'any') {
    const children = node[op];
    if (!Array.isArray(children) || children.length === 0) {
      out.push([[...at, op], `"${op}" must be a non-empty list of conditions`]);
    } else {
      children.forEach((c, i) => conditionProblems(c, params, [...at, op, i], out));
    }
  } else {
    checkLeaf(node, at, params, out);
  }
  return out;
}

/** Every fact a condition tree reads, including facts referenced in values. */
export function factsRead(node: Condition): Set<string> {
  const facts = new Set<string>();
  const visit = (n: Condition): void => {
    if ('all' in n) n.all.forEach(visit);
    else if ('any' in n) n.any.forEach(visit);
    else if ('not' in n) visit(n.not);
    else {
      facts.add(n.fact);
      if (isObject(n.value) && typeof n.value.fact === 'string') facts.add(n.value.fact);
    }
  };
  visit(node);
  return facts;
}
