import { Operator } from 'json-rules-engine';

// One generic operator keeps the criteria in the rule files: `someMatch` asks whether any item of
// an array fact satisfies a predicate written in the rule, e.g.
//   {"category": ["discrimination"], "verified": true, "ageYears": {"lt": 5}}
// A predicate maps a field (dotted for nested fields, e.g. "mitigation.oneOff") to
//   a scalar        → equal to it
//   an array        → equal to one of its elements
//   a comparison    → {"eq"|"ne"|"lt"|"lte"|"gt"|"gte": scalar, "in"|"notIn": [scalars]}
// All fields must hold for an item to match.

export type Scalar = string | number | boolean | null;
export type Comparison = Partial<Record<'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte', Scalar>> &
  Partial<Record<'in' | 'notIn', Scalar[]>>;
export type FieldPredicate = Scalar | Scalar[] | Comparison;
export type ItemPredicate = Record<string, FieldPredicate>;

const COMPARISONS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn'] as const;

export const SOME_MATCH = 'someMatch';
const DEFAULT_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];
const DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'];

/** The operator an `operator` string finally applies, after json-rules-engine decorators (`not:`…). */
export function baseOperator(name: string): string {
  return name.split(':').at(-1) ?? name;
}

export function isKnownOperator(name: string): boolean {
  const segments = name.split(':');
  const base = segments.pop() ?? '';
  // someMatch already looks inside a list; of the decorators only "not:" makes sense on it.
  if (base === SOME_MATCH) return segments.every((d) => d === 'not');
  return segments.every((d) => DECORATORS.includes(d)) && DEFAULT_OPERATORS.includes(base);
}

function isScalar(v: unknown): v is Scalar {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function fieldValue(item: unknown, field: string): unknown {
  let value: unknown = item;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

// Ordering only between two numbers or two strings (ISO dates compare as strings); anything else,
// including a missing field, never satisfies an ordering.
function ordered(a: unknown, b: Scalar, test: (x: number) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return test(a - b);
  if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
  return false;
}

function satisfies(value: unknown, predicate: FieldPredicate): boolean {
  if (isScalar(predicate)) return value === predicate;
  if (Array.isArray(predicate)) return predicate.includes(value as Scalar);
  return Object.entries(predicate).every(([op, expected]) => {
    switch (op) {
      case 'eq':
        return value === expected;
      case 'ne':
        return value !== expected;
      case 'lt':
        return ordered(value, expected as Scalar, (d) => d < 0);
      case 'lte':
        return ordered(value, expected as Scalar, (d) => d <= 0);
      case 'gt':
        return ordered(value, expected as Scalar, (d) => d > 0);
      case 'gte':
        return ordered(value, expected as Scalar, (d) => d >= 0);
      case 'in':
        return (expected as Scalar[]).includes(value as Scalar);
      case 'notIn':
        return !(expected as Scalar[]).includes(value as Scalar);
      default:
        return false;
    }
  });
}

export function matchesPredicate(item: unknown, predicate: ItemPredicate): boolean {
  return Object.entries(predicate).every(([field, p]) => satisfies(fieldValue(item, field), p));
}

/** Ids of the items a predicate matches, in the order of the fact (so results are stable). */
export function matchingIds(items: unknown[], predicate: ItemPredicate, idField: string): string[] {
  return items.filter((i) => matchesPredicate(i, predicate)).map((i) => String(fieldValue(i, idField)));
}

export const someMatchOperator = new Operator<unknown[], ItemPredicate>(
  SOME_MATCH,
  (items, predicate) => items.some((item) => matchesPredicate(item, predicate)),
  Array.isArray,
);

/**
 * Problems with a predicate as written in a rule file (after parameters are substituted), as
 * [path inside the predicate, message]. `fields` limits which item fields may be named.
 */
export function predicateProblems(predicate: unknown, fields: readonly string[]): Array<[string[], string]> {
  if (predicate === null || typeof predicate !== 'object' || Array.isArray(predicate)) {
    return [[[], 'someMatch needs an object of field predicates as its value']];
  }
  const problems: Array<[string[], string]> = [];
  for (const [field, p] of Object.entries(predicate)) {
    const root = field.split('.')[0] ?? field;
    if (!fields.includes(root)) {
      problems.push([[field], `unknown field "${field}"; known fields: ${fields.join(', ')}`]);
    } else if (Array.isArray(p)) {
      if (!p.every(isScalar))
        problems.push([[field], 'a list may hold only strings, numbers, booleans or null']);
    } else if (!isScalar(p)) {
      for (const [op, v] of Object.entries(p as object)) {
        if (!(COMPARISONS as readonly string[]).includes(op)) {
          problems.push([[field, op], `unknown comparison "${op}"; use one of ${COMPARISONS.join(', ')}`]);
        } else if ((op === 'in' || op === 'notIn') !== (Array.isArray(v) && v.every(isScalar))) {
          problems.push([
            [field, op],
            op === 'in' || op === 'notIn' ? 'needs a list of scalars' : 'needs a scalar',
          ]);
        }
      }
    }
  }
  return problems;
}
