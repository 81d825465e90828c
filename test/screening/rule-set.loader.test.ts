import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadRuleSets, parseRuleSet, RuleSetError, selectRuleSet } from '../../src/screening/rule-set.loader';
import { FIXTURE_RULES_DIR, RULES_DIR } from './screening.builders';

const text = { sv: 'Text', en: 'Text' };
function validRule(overrides: object = {}): Record<string, unknown> {
  return {
    id: 'DEM-1',
    code: 'DEM-1',
    criterion: text,
    legalBasis: 'Test',
    outcome: 'ineligible',
    explanation: text,
    priority: 10,
    conditions: {
      all: [{ fact: 'findings', operator: 'someMatch', value: { category: ['discrimination'] } }],
    },
    ...overrides,
  };
}
function validSet(overrides: object = {}, rules = [validRule()]): Record<string, unknown> {
  return {
    id: 'eligibility',
    version: '9.1',
    validFrom: '2030-01-01',
    parameters: { maxAge: 5 },
    rules,
    ...overrides,
  };
}
function problemsOf(json: unknown, file = 'rules/test.json'): string {
  try {
    parseRuleSet(typeof json === 'string' ? json : JSON.stringify(json), file);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleSetError);
    return (e as Error).message;
  }
  throw new Error('expected the rule set to be refused');
}

let tmp: string;
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'rules-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('loading the published rules', () => {
  test('records the SHA-256 of the exact file bytes', async () => {
    const [set] = await loadRuleSets(RULES_DIR);
    const bytes = await readFile(path.join(RULES_DIR, 'eligibility-2026.1.json'));
    expect(set!.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(set!.content).toBe(bytes.toString('utf8'));
    expect(set).toMatchObject({ id: 'eligibility', version: '2026.1', validFrom: '2026-01-01' });
  });

  test('2026.1 is still the file that was published: screenings made under it replay exactly', async () => {
    const bytes = await readFile(path.join(RULES_DIR, 'eligibility-2026.1.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '03705ce268d32cbafe473dd728a884d4971a8912a28aef8304a3206c4c34a9ab',
    );
  });

  test('publishes 2026.2 from 2026-12-01 and 2026.3 (SANK-1) from 2027-01-01, after 2026.1', async () => {
    const sets = await loadRuleSets(RULES_DIR);
    expect(sets.map((s) => [s.version, s.validFrom])).toEqual([
      ['2026.1', '2026-01-01'],
      ['2026.2', '2026-12-01'],
      ['2026.3', '2027-01-01'],
    ]);
  });

  test('2026.2 is still the file that was published: screenings made under it replay exactly', async () => {
    const bytes = await readFile(path.join(RULES_DIR, 'eligibility-2026.2.json'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      '2227c7f6bcd52660201459fb404a99502e29eafcaff25688c6e9caac8a0dde8b',
    );
  });

  test('2026.3 is 2026.2 with SANK-1 added and nothing else changed', async () => {
    const [, v2, v3] = await loadRuleSets(RULES_DIR);
    const rules2 = JSON.parse(v2!.content).rules as Array<{ id: string }>;
    const rules3 = JSON.parse(v3!.content).rules as Array<{ id: string }>;
    expect(rules3.filter((r) => r.id !== 'SANK-1')).toEqual(rules2);
    expect(rules3.map((r) => r.id)).toContain('SANK-1');
    expect(JSON.parse(v3!.content).parameters).toEqual(JSON.parse(v2!.content).parameters);
  });

  test('a change of one byte changes the hash', async () => {
    const content = await readFile(path.join(RULES_DIR, 'eligibility-2026.1.json'), 'utf8');
    expect(parseRuleSet(`${content}\n`, 'x').hash).not.toBe(parseRuleSet(content, 'x').hash);
  });
});

describe('refusing invalid rule files, naming the file and the path', () => {
  test.each<[string, unknown, string]>([
    ['broken JSON', '{"id": ', 'rules/test.json: not valid JSON'],
    [
      'an unknown outcome',
      validSet({}, [validRule({ outcome: 'banned' })]),
      'rules/test.json: rules[0].outcome:',
    ],
    ['a missing legal basis', validSet({}, [validRule({ legalBasis: undefined })]), 'rules[0].legalBasis:'],
    [
      'a missing Swedish text',
      validSet({}, [validRule({ explanation: { en: 'x' } })]),
      'rules[0].explanation.sv:',
    ],
    [
      'an invalid validFrom',
      validSet({ validFrom: '2026-02-30' }),
      'validFrom: validFrom must be a date as YYYY-MM-DD',
    ],
    ['an unexpected key', validSet({ rulez: [] }), 'Unrecognized key: "rulez"'],
    [
      'a rule id not starting with its code',
      validSet({}, [validRule({ id: 'HR-1' })]),
      'rules[0].id: a rule id starts with its criterion code',
    ],
    [
      'a duplicate rule id',
      validSet({}, [validRule(), validRule()]),
      'rules[1].id: duplicate rule id "DEM-1" (also rules[0])',
    ],
    [
      'an unknown fact',
      validSet({}, [validRule({ conditions: { all: [{ fact: 'finding', operator: 'equal', value: 1 }] } })]),
      'rules[0].conditions.all[0].fact: unknown fact "finding"',
    ],
    [
      'an unknown operator',
      validSet({}, [
        validRule({
          conditions: { any: [{ fact: 'association', path: '$.x', operator: 'equals', value: 1 }] },
        }),
      ]),
      'rules[0].conditions.any[0].operator: unknown operator "equals"',
    ],
    [
      'a JSONPath expression',
      validSet({}, [
        validRule({
          conditions: { all: [{ fact: 'association', path: '$..x[?(@.a)]', operator: 'equal', value: 1 }] },
        }),
      ]),
      'rules[0].conditions.all[0].path: path must be a dotted path',
    ],
    [
      'an unknown parameter',
      validSet({}, [
        validRule({
          conditions: {
            all: [
              { fact: 'findings', operator: 'someMatch', value: { ageYears: { lt: { param: 'maxAgee' } } } },
            ],
          },
        }),
      ]),
      'rules[0].conditions.all[0].value.ageYears.lt: unknown parameter "maxAgee"',
    ],
    [
      'an unknown finding category',
      validSet({}, [
        validRule({
          conditions: {
            all: [{ fact: 'findings', operator: 'someMatch', value: { category: ['opinions'] } }],
          },
        }),
      ]),
      'unknown finding category "opinions"',
    ],
    [
      'an unknown finding field',
      validSet({}, [
        validRule({
          conditions: { all: [{ fact: 'findings', operator: 'someMatch', value: { verifed: true } }] },
        }),
      ]),
      'rules[0].conditions.all[0].value.verifed: unknown field "verifed"',
    ],
    [
      'an unknown comparison',
      validSet({}, [
        validRule({
          conditions: {
            all: [{ fact: 'findings', operator: 'someMatch', value: { ageYears: { below: 3 } } }],
          },
        }),
      ]),
      'value.ageYears.below: unknown comparison "below"',
    ],
    [
      'someMatch on a fact that is no list',
      validSet({}, [
        validRule({ conditions: { all: [{ fact: 'association', operator: 'someMatch', value: {} }] } }),
      ]),
      'someMatch searches a list',
    ],
    [
      'an empty "all"',
      validSet({}, [validRule({ conditions: { all: [] } })]),
      'rules[0].conditions.all: "all" must be a non-empty list',
    ],
    [
      'a leaf at the top',
      validSet({}, [validRule({ conditions: { fact: 'association', operator: 'equal', value: 1 } })]),
      'rules[0].conditions: the top condition must be "all", "any" or "not"',
    ],
    [
      'a named condition reference',
      validSet({}, [validRule({ conditions: { all: [{ condition: 'shared' }] } })]),
      'named condition references are not supported',
    ],
    [
      'a text with an unknown placeholder',
      validSet({}, [validRule({ explanation: { sv: 'Äldre än {maxAge} år, {years}', en: 'x' } })]),
      'rules[0].explanation: text uses {years}, which is not a parameter',
    ],
    [
      'a watchlist rule that would make an association ineligible',
      validSet({}, [
        validRule({
          id: 'WL-1',
          code: 'WL-1',
          conditions: {
            all: [
              { fact: 'watchlist', path: '$.hits', operator: 'someMatch', value: { subject: 'association' } },
            ],
          },
        }),
      ]),
      'rules[0].outcome: a rule that reads the watchlist may only have outcome "refer"',
    ],
  ])('%s', (_name, json, expected) => {
    expect(problemsOf(json)).toContain(expected);
  });

  test('reports every problem of every file at once', async () => {
    await writeFile(
      path.join(tmp, 'a.json'),
      JSON.stringify(validSet({}, [validRule({ outcome: 'x', priority: 0 })])),
    );
    await writeFile(path.join(tmp, 'b.json'), '[');
    const message = await loadRuleSets(tmp).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/a\.json: rules\[0\]\.outcome: /),
      expect.stringMatching(/a\.json: rules\[0\]\.priority: /),
      expect.stringMatching(/b\.json: not valid JSON/),
    ]);
  });

  test('two files with the same id and version are refused, naming both', async () => {
    await writeFile(path.join(tmp, 'one.json'), JSON.stringify(validSet()));
    await mkdir(path.join(tmp, 'archive'));
    await writeFile(
      path.join(tmp, 'archive', 'two.json'),
      JSON.stringify(validSet({ validFrom: '2031-01-01' })),
    );
    await expect(loadRuleSets(tmp)).rejects.toThrow(
      /rule set eligibility version 9\.1 is defined twice: .*(two\.json and .*one|one\.json and .*two)\.json/,
    );
  });

  test('a later version must take effect later', async () => {
    await writeFile(
      path.join(tmp, 'old.json'),
      JSON.stringify(validSet({ version: '9.1', validFrom: '2030-06-01' })),
    );
    await writeFile(
      path.join(tmp, 'new.json'),
      JSON.stringify(validSet({ version: '9.2', validFrom: '2030-01-01' })),
    );
    await expect(loadRuleSets(tmp)).rejects.toThrow(
      /version 9\.2 \(.*new\.json\) must have a later validFrom than version 9\.1 \(2030-06-01\)/,
    );
  });
});

describe('selectRuleSet: the newest rule set in force on the date', () => {
  test.each([
    ['2026-01-01', '2026.1'],
    ['2026-11-30', '2026.1'],
    ['2026-12-01', '2026.2'],
    ['2026-12-31', '2026.2'],
    ['2027-01-01', '2026.3'],
    ['2031-05-05', '2026.3'],
  ])('on %s uses %s', async (date, version) => {
    const sets = await loadRuleSets(RULES_DIR);
    expect(selectRuleSet(sets, date, 'eligibility').version).toBe(version);
    expect(selectRuleSet(sets, date).version).toBe(version);
  });

  test.each([
    ['2026-12-31', '2026.2'],
    ['2027-01-01', '2027.1'],
    ['2031-05-05', '2027.1'],
  ])('with the test version 2027.1 beside 2026.1 and 2026.2, on %s uses %s', async (date, version) => {
    const published = (await loadRuleSets(RULES_DIR)).filter((s) => s.version !== '2026.3');
    const sets = [...published, ...(await loadRuleSets(FIXTURE_RULES_DIR))];
    expect(selectRuleSet(sets, date, 'eligibility').version).toBe(version);
  });

  test('before the first rule set takes effect there is none, and the error says when there will be', async () => {
    const sets = await loadRuleSets(RULES_DIR);
    expect(() => selectRuleSet(sets, '2025-12-31')).toThrow(
      'no rule set is valid on 2025-12-31: the earliest takes effect 2026-01-01',
    );
    expect(() => selectRuleSet(sets, '2026-06-01', 'premises')).toThrow('no rule set "premises" is loaded');
  });

  test('with several kinds of rule set loaded, the caller must say which', async () => {
    const other = parseRuleSet(
      JSON.stringify(validSet({ id: 'other', validFrom: '2020-01-01' })),
      'other.json',
    );
    const sets = [...(await loadRuleSets(RULES_DIR)), other];
    expect(() => selectRuleSet(sets, '2026-06-01')).toThrow(
      'several rule sets are loaded (eligibility, other)',
    );
    expect(selectRuleSet(sets, '2026-06-01', 'other').id).toBe('other');
  });
});
