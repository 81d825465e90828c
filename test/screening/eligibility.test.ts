import type { LoadedRuleSet } from '../../src/screening/rule-set.loader';
import { evaluate } from '../../src/screening/screening.engine';
import { ELIGIBILITY_CASES } from './eligibility.cases';
import { publishedEligibility } from './screening.builders';

let ruleSet: LoadedRuleSet;
const seen = new Map<string, Set<string>>();

beforeAll(async () => {
  ruleSet = await publishedEligibility();
});

describe('eligibility 2026.1, case by case', () => {
  test.each(ELIGIBILITY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await evaluate(ruleSet, c.facts);

    expect(result.recommendation).toBe(c.recommendation);
    const met = result.rules.filter((r) => r.status === 'met').map((r) => r.id);
    expect(met.sort()).toEqual([...c.met].sort());
    // With a complete snapshot every rule is decided: nothing is left "not evaluated".
    expect(result.rules.filter((r) => r.status === 'not_evaluated')).toEqual([]);
    for (const r of result.rules) seen.set(r.id, (seen.get(r.id) ?? new Set()).add(r.status));
  });
});

describe('the table', () => {
  test('covers every rule of the rule set both met and not met', () => {
    const uncovered = ruleSet.rules
      .map((r) => r.id)
      .filter((id) => !(seen.get(id)?.has('met') && seen.get(id)?.has('not_met')));
    expect(uncovered).toEqual([]);
  });

  test('a watchlist rule never yields more than refer', () => {
    const watchlistRules = ruleSet.rules.filter((r) => r.code === 'WL-1');
    expect(watchlistRules.length).toBeGreaterThan(0);
    expect(new Set(watchlistRules.map((r) => r.outcome))).toEqual(new Set(['refer']));
  });

  test('every conduct criterion has an ineligible rule and a refer rule', () => {
    for (const code of ['DEM-1', 'HR-1', 'EQ-1', 'DEM-2', 'DEM-3', 'VBE-1']) {
      const outcomes = ruleSet.rules.filter((r) => r.code === code).map((r) => r.outcome);
      expect(outcomes.sort()).toEqual(['ineligible', 'refer']);
    }
  });
});
