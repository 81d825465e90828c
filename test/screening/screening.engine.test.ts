import { type LoadedRuleSet, parseRuleSet } from '../../src/screening/rule-set.loader';
import { compareEvaluations } from '../../src/screening/screening.compare';
import { evaluate } from '../../src/screening/screening.engine';
import type { ConditionDetail, RuleEvaluation } from '../../src/screening/screening.result';
import { factsWith, finding, hit, publishedEligibility } from './screening.builders';

let ruleSet: LoadedRuleSet;
beforeAll(async () => {
  ruleSet = await publishedEligibility();
});

const rule = (rules: RuleEvaluation[], id: string) => rules.find((r) => r.id === id)!;
const leaves = (c: ConditionDetail): ConditionDetail[] =>
  c.kind === 'fact' ? [c] : c.conditions.flatMap(leaves);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** A small rule set written inline, for engine behaviour the published rules do not exercise. */
function inlineRuleSet(rules: object[]): LoadedRuleSet {
  const base = { id: 'probe', version: '1', validFrom: '2026-01-01', parameters: {} };
  const text = { sv: 'Text', en: 'Text' };
  const full = rules.map((r) => ({
    code: 'PRB-1',
    criterion: text,
    legalBasis: 'Test',
    explanation: text,
    priority: 1,
    outcome: 'refer',
    ...r,
  }));
  return parseRuleSet(JSON.stringify({ ...base, rules: full }), 'inline.json');
}

describe('not evaluated is never shown as not met', () => {
  test('conditions skipped by priority stay undecided while the rule is met', async () => {
    const result = await evaluate(
      ruleSet,
      factsWith({ application: { declaration: { signed: false, signedBy: null, signedOn: null } } }),
    );
    const form6 = rule(result.rules, 'FORM-6');
    expect(form6.status).toBe('met');
    const [signed, signedBy, signedOn] = leaves(form6.conditions);
    expect(signed).toMatchObject({ result: true, factResult: false });
    // signedBy and signedOn are null in the facts, so the rule would also hold through them, but
    // the engine never looked: they must read "not evaluated", not "failed" nor "met".
    expect(signedBy).toMatchObject({ result: null });
    expect(signedOn).toMatchObject({ result: null });
    expect(signedBy).not.toHaveProperty('factResult');
  });

  test('a rule reading a fact the snapshot lacks is not evaluated, and does not change the recommendation', async () => {
    const probe = inlineRuleSet([
      {
        id: 'PRB-1',
        conditions: {
          all: [{ fact: 'application', path: '$.statutes.minutesFiled', operator: 'equal', value: false }],
        },
      },
    ]);
    const result = await evaluate(probe, factsWith({}));
    expect(result.rules[0]).toMatchObject({ status: 'not_evaluated', conditions: { result: null } });
    expect(result.recommendation).toBe('eligible');
  });

  test('three-valued: a decided false settles "all", a decided true settles "any", despite an unknown fact', async () => {
    const unknown = { fact: 'application', path: '$.statutes.minutesFiled', operator: 'equal', value: false };
    const probe = inlineRuleSet([
      {
        id: 'PRB-1-ALL',
        conditions: {
          all: [
            unknown,
            { fact: 'association', path: '$.supportStatus', operator: 'equal', value: 'withdrawn' },
          ],
        },
      },
      {
        id: 'PRB-1-ANY',
        conditions: {
          any: [
            unknown,
            { fact: 'association', path: '$.supportStatus', operator: 'equal', value: 'active' },
          ],
        },
      },
    ]);
    const result = await evaluate(probe, factsWith({}));
    expect(rule(result.rules, 'PRB-1-ALL').status).toBe('not_met');
    expect(rule(result.rules, 'PRB-1-ANY').status).toBe('met');
    expect(result.recommendation).toBe('refer');
  });

  test('a higher-priority condition failing an "all" leaves the rest unevaluated', async () => {
    const probe = inlineRuleSet([
      {
        id: 'PRB-1',
        conditions: {
          all: [
            {
              fact: 'association',
              path: '$.supportStatus',
              operator: 'equal',
              value: 'withdrawn',
              priority: 5,
            },
            { fact: 'findings', operator: 'someMatch', value: { verified: true } },
          ],
        },
      },
    ]);
    const result = await evaluate(probe, factsWith({ findings: [finding()] }));
    expect(result.rules[0]!.status).toBe('not_met');
    expect(leaves(result.rules[0]!.conditions).map((c) => c.result)).toEqual([false, null]);
  });
});

describe('what a reader sees', () => {
  test('every rule is reported, in a fixed order: priority, then id', async () => {
    const result = await evaluate(ruleSet, factsWith({}));
    expect(result.rules.map((r) => r.id)).toEqual(
      [...ruleSet.rules].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id)).map((r) => r.id),
    );
    expect(result.ruleSet).toEqual({ id: 'eligibility', version: '2026.1', hash: ruleSet.hash });
  });

  test('a met conduct rule cites exactly the findings it rests on', async () => {
    const facts = factsWith({
      findings: [
        finding({ id: 'f-verified' }),
        finding({ id: 'f-unverified', verified: false }),
        finding({ id: 'f-old', occurredOn: '2010-01-01' }),
        finding({ id: 'f-private', actingForAssociation: false }),
        finding({ id: 'f-other', category: 'discrimination', verified: false }),
      ],
    });
    const result = await evaluate(ruleSet, facts);
    expect(rule(result.rules, 'DEM-1').findingIds).toEqual(['f-verified']);
    expect(rule(result.rules, 'DEM-1-REFER').findingIds).toEqual(['f-old', 'f-unverified']);
    expect(rule(result.rules, 'HR-1-REFER').findingIds).toEqual(['f-other']);
    expect(rule(result.rules, 'HR-1').findingIds).toEqual([]);
    expect(result.rules.flatMap((r) => r.findingIds)).not.toContain('f-private');
  });

  test('a met watchlist rule cites its entries', async () => {
    const result = await evaluate(
      ruleSet,
      factsWith({ hits: [hit({ entryId: 'w-9' }), hit({ entryId: 'w-3', subject: 'representative' })] }),
    );
    expect(rule(result.rules, 'WL-1').watchlistEntryIds).toEqual(['w-9']);
    expect(rule(result.rules, 'WL-1-REP').watchlistEntryIds).toEqual(['w-3']);
  });

  test('condition detail shows the parameter as written and the value compared', async () => {
    const result = await evaluate(ruleSet, factsWith({ findings: [finding({ id: 'f-1' })] }));
    const [detail] = leaves(rule(result.rules, 'DEM-1').conditions);
    expect(detail).toMatchObject({
      fact: 'findings',
      operator: 'someMatch',
      value: { ageYears: { lt: { param: 'findingMaxAgeYears' } } },
      valueResult: { ageYears: { lt: 5 } },
      matchedIds: ['f-1'],
      result: true,
    });
  });

  test('texts carry the rule set’s parameters, and the not-met text says private conduct does not count', async () => {
    const dem1 = rule((await evaluate(ruleSet, factsWith({}))).rules, 'DEM-1');
    expect(dem1.explanation.sv).toContain('mindre än 5 år sedan');
    expect(dem1.notMetExplanation?.sv).toContain('privat');
    expect(JSON.stringify(dem1)).not.toMatch(/\{[A-Za-z]+\}/);
  });
  test('json-rules-engine decorators work with someMatch: "not:someMatch" asks that no item matches', async () => {
    const probe = inlineRuleSet([
      {
        id: 'PRB-1',
        conditions: { all: [{ fact: 'findings', operator: 'not:someMatch', value: { verified: true } }] },
      },
    ]);
    const none = await evaluate(probe, factsWith({ findings: [finding({ verified: false })] }));
    expect(none.rules[0]).toMatchObject({ status: 'met', findingIds: [] });
    const some = await evaluate(probe, factsWith({ findings: [finding({ id: 'f-7' })] }));
    expect(some.rules[0]!.status).toBe('not_met');
    expect(leaves(some.rules[0]!.conditions)[0]).toMatchObject({ matchedIds: ['f-7'], result: false });
  });
});

describe('replay', () => {
  const facts = factsWith({
    association: { registeredOn: null },
    findings: [finding({ id: 'f-1', occurredOn: '2022-06-01' }), finding({ id: 'f-2', verified: false })],
    hits: [hit()],
  });

  test('the same snapshot under the same rule set gives an identical result, also after a JSON round trip', async () => {
    const original = JSON.parse(JSON.stringify(await evaluate(ruleSet, facts)));
    const replayed = await evaluate(ruleSet, JSON.parse(JSON.stringify(facts)));
    expect(compareEvaluations(original, replayed)).toMatchObject({ identical: true, differingRuleIds: [] });
  });

  test('evaluation leaves the stored snapshot untouched', async () => {
    await expect(evaluate(ruleSet, deepFreeze(factsWith({ findings: [finding()] })))).resolves.toBeDefined();
  });

  test('what-if under a version with a shorter age limit names the rules that changed', async () => {
    const shorter = parseRuleSet(
      JSON.stringify({
        ...JSON.parse(ruleSet.content),
        version: '2027.1',
        validFrom: '2027-01-01',
        parameters: { findingMaxAgeYears: 3, minRegisteredYears: 1 },
      }),
      'what-if.json',
    );
    const comparison = compareEvaluations(await evaluate(ruleSet, facts), await evaluate(shorter, facts));
    expect(comparison.identical).toBe(false);
    expect(comparison.recommendation).toEqual({ before: 'ineligible', after: 'refer' });
    expect(comparison.differingRuleIds).toEqual(['DEM-1']);
    expect(comparison.differences[0]).toEqual({
      ruleId: 'DEM-1',
      before: { status: 'met', outcome: 'ineligible' },
      after: { status: 'not_met', outcome: 'ineligible' },
    });
  });

  test('rules present in only one version are reported as differences', async () => {
    const a = await evaluate(
      inlineRuleSet([
        {
          id: 'PRB-1',
          conditions: {
            all: [{ fact: 'association', path: '$.supportStatus', operator: 'equal', value: 'active' }],
          },
        },
      ]),
      facts,
    );
    const b = await evaluate(
      inlineRuleSet([
        {
          id: 'PRB-1-NEW',
          conditions: {
            all: [{ fact: 'association', path: '$.supportStatus', operator: 'equal', value: 'active' }],
          },
        },
      ]),
      facts,
    );
    expect(compareEvaluations(a, b).differences).toEqual([
      { ruleId: 'PRB-1', before: { status: 'met', outcome: 'refer' }, after: null },
      { ruleId: 'PRB-1-NEW', before: null, after: { status: 'met', outcome: 'refer' } },
    ]);
  });
});
