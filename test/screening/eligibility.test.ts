import { loadRuleSets, type LoadedRuleSet, selectRuleSet } from '../../src/screening/rule-set.loader';
import { evaluate } from '../../src/screening/screening.engine';
import { ELIGIBILITY_CASES, type EligibilityCase } from './eligibility.cases';
import { DATE_2026_2, ELIGIBILITY_CASES_2026_2 } from './eligibility-2026.2.cases';
import { RULES_DIR, SCREENING_DATE } from './screening.builders';

// Each published version of the eligibility rules against its own table, selected by date the way
// a screening selects it: 2026.1 on 2026-11-26, 2026.2 from 2026-12-01.
const TABLES: Array<[version: string, date: string, cases: EligibilityCase[]]> = [
  ['2026.1', SCREENING_DATE, ELIGIBILITY_CASES],
  ['2026.2', DATE_2026_2, ELIGIBILITY_CASES_2026_2],
];

const CONDUCT_CODES = ['DEM-1', 'HR-1', 'EQ-1', 'DEM-2', 'DEM-3', 'VBE-1'];

describe.each(TABLES)('eligibility %s', (version, date, cases) => {
  let ruleSet: LoadedRuleSet;
  const seen = new Map<string, Set<string>>();

  beforeAll(async () => {
    ruleSet = selectRuleSet(await loadRuleSets(RULES_DIR), date, 'eligibility');
  });

  test(`is the rule set in force on ${date}`, () => {
    expect(ruleSet.version).toBe(version);
  });

  describe('case by case', () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      expect(c.facts.screeningDate >= ruleSet.validFrom).toBe(true);
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
      for (const code of CONDUCT_CODES) {
        const outcomes = ruleSet.rules.filter((r) => r.code === code).map((r) => r.outcome);
        expect(outcomes.sort()).toEqual(['ineligible', 'refer']);
      }
    });
  });
});
