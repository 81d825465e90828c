import type { FindingCategory } from '../../src/shared/finding-categories';
import type { FindingFact, ScreeningFacts } from '../../src/screening/screening.facts';
import type { Recommendation } from '../../src/screening/screening.result';
import { CONDUCT_CRITERIA, type EligibilityCase, REUSABLE_CASES } from './eligibility.cases';
import { factsWith, finding } from './screening.builders';

// The table for rules/eligibility-2026.2.json (findingMaxAgeYears 5, findingOuterAgeYears 10,
// minRegisteredYears 1). Each case names the exact set of rules that must be met; every other rule
// must be not met. What changed from 2026.1 has both sides of each boundary here: the outer age
// limit, lawful single-sex activities (EQ-1, HR-1), and FORM-1-AGE as a ground for refusal.

export const DATE_2026_2 = '2026-12-01';
// Whole years back from 2026-12-01.
const FIVE_YEARS_AGO = '2021-12-01';
const FIVE_YEARS_AGO_LESS_A_DAY = '2021-12-02';
const TEN_YEARS_AGO = '2016-12-01';
const TEN_YEARS_AGO_LESS_A_DAY = '2016-12-02';

const SINGLE_SEX_CODES = new Set(['EQ-1', 'HR-1']);
const none = { distanced: false, actionTaken: false, oneOff: false };

/** The facts of a 2026.1 case moved to a date 2026.2 is in force on. */
function on2026_2(facts: ScreeningFacts): ScreeningFacts {
  return { ...facts, screeningDate: DATE_2026_2 };
}

function at(change: Parameters<typeof factsWith>[0]): ScreeningFacts {
  return factsWith({ screeningDate: DATE_2026_2, ...change });
}

function conductCases(code: string, category: FindingCategory): EligibilityCase[] {
  const refer = `${code}-REFER`;
  const one = (name: string, f: Partial<FindingFact>, recommendation: Recommendation, met: string[]) => ({
    name: `2026.2 ${code} ${category}: ${name}`,
    facts: at({ findings: [finding({ category, ...f })] }),
    recommendation,
    met,
  });
  const cases: EligibilityCase[] = [
    one('verified, acting for the association, recent, unmitigated → ineligible', {}, 'ineligible', [code]),
    one(
      'four years and 364 days old is still recent → ineligible',
      { occurredOn: FIVE_YEARS_AGO_LESS_A_DAY },
      'ineligible',
      [code],
    ),
    one('exactly five years old is old → refer', { occurredOn: FIVE_YEARS_AGO }, 'refer', [refer]),
    one(
      'nine years and 364 days old is still used → refer',
      { occurredOn: TEN_YEARS_AGO_LESS_A_DAY },
      'refer',
      [refer],
    ),
    one('exactly ten years old is not used at all → eligible', { occurredOn: TEN_YEARS_AGO }, 'eligible', []),
    one(
      'twelve years old and unverified is not used at all → eligible',
      { occurredOn: '2014-06-01', verified: false },
      'eligible',
      [],
    ),
    one(
      'ten years old with special reasons is not used at all → eligible',
      { occurredOn: TEN_YEARS_AGO, mitigation: { ...none, oneOff: true } },
      'eligible',
      [],
    ),
    one('unverified → refer', { verified: false }, 'refer', [refer]),
    one(
      'unverified, nine years and 364 days old → refer',
      { verified: false, occurredOn: TEN_YEARS_AGO_LESS_A_DAY },
      'refer',
      [refer],
    ),
    one('distanced → refer', { mitigation: { ...none, distanced: true } }, 'refer', [refer]),
    one('action taken → refer', { mitigation: { ...none, actionTaken: true } }, 'refer', [refer]),
    one('one-off → refer', { mitigation: { ...none, oneOff: true } }, 'refer', [refer]),
    one(
      'member acting privately (not for the association) → eligible',
      { actingForAssociation: false },
      'eligible',
      [],
    ),
    {
      name: `2026.2 ${code} ${category}: a finding past the outer limit beside a recent one → only the recent one counts`,
      facts: at({
        findings: [
          finding({ id: 'f-1', category, occurredOn: '2012-01-01' }),
          finding({ id: 'f-2', category, occurredOn: '2024-01-01', verified: false }),
        ],
      }),
      recommendation: 'refer',
      met: [refer],
    },
  ];
  if (SINGLE_SEX_CODES.has(code)) {
    cases.push(
      one(
        'a lawful single-sex activity is not caught → eligible',
        { lawfulSingleSexActivity: true },
        'eligible',
        [],
      ),
      one(
        'a lawful single-sex activity is not referred either, even unverified → eligible',
        { lawfulSingleSexActivity: true, verified: false },
        'eligible',
        [],
      ),
      one(
        'marked explicitly as not a lawful single-sex activity → ineligible',
        { lawfulSingleSexActivity: false },
        'ineligible',
        [code],
      ),
      {
        name: `2026.2 ${code} ${category}: a lawful single-sex activity beside an unlawful act → ineligible`,
        facts: at({
          findings: [
            finding({ id: 'f-1', category, lawfulSingleSexActivity: true }),
            finding({ id: 'f-2', category }),
          ],
        }),
        recommendation: 'ineligible',
        met: [code],
      },
    );
  } else {
    // The API accepts the mark only on EQ-1's and HR-1's categories; a snapshot that had it on any
    // other category must still not hide the finding.
    cases.push(
      one(
        'the single-sex mark does not hide a finding of another criterion → ineligible',
        { lawfulSingleSexActivity: true },
        'ineligible',
        [code],
      ),
    );
  }
  return cases;
}

const conduct = CONDUCT_CRITERIA.flatMap(([code, categories]) =>
  categories.flatMap((c) => conductCases(code, c)),
);

const formal: EligibilityCase[] = [
  {
    name: '2026.2 FORM-1-AGE: registered one day short of a year → ineligible (no document can cure it)',
    facts: at({ association: { registeredOn: '2025-12-02' } }),
    recommendation: 'ineligible',
    met: ['FORM-1-AGE'],
  },
  {
    name: '2026.2 FORM-1-AGE: registered exactly one year → eligible',
    facts: at({ association: { registeredOn: '2025-12-01' } }),
    recommendation: 'eligible',
    met: [],
  },
  {
    name: '2026.2 FORM-1-DATE: registration date unknown → incomplete (a document can show it)',
    facts: at({ association: { registeredOn: null } }),
    recommendation: 'incomplete',
    met: ['FORM-1-DATE'],
  },
  {
    name: '2026.2 FORM-1-AGE with documents missing too → ineligible, each named',
    facts: at({
      association: { registeredOn: '2026-06-01' },
      application: { statutes: { auditor: false } },
    }),
    recommendation: 'ineligible',
    met: ['FORM-1-AGE', 'FORM-4'],
  },
  {
    name: '2026.2 FORM-1: invalid organisationsnummer and unknown date → incomplete',
    facts: at({ association: { orgNumber: '802479-0123', registeredOn: null } }),
    recommendation: 'incomplete',
    met: ['FORM-1', 'FORM-1-DATE'],
  },
  {
    name: '2026.2 everything wrong at once → ineligible',
    facts: at({
      association: { orgNumber: '123', registeredOn: '2026-10-01', supportStatus: 'withdrawn' },
      application: { declaration: { signed: false } },
      findings: [finding({ category: 'promotes_violations' })],
    }),
    recommendation: 'ineligible',
    met: ['DEM-2', 'FORM-1', 'FORM-1-AGE', 'FORM-6', 'SUP-1'],
  },
];

// Everything 2026.2 did not change (formal requirements 2–6, watchlist, withdrawn support and their
// combinations) must come out the same as under 2026.1.
const unchanged = REUSABLE_CASES.map((c) => ({
  ...c,
  name: `2026.2 as 2026.1: ${c.name}`,
  facts: on2026_2(c.facts),
}));

export const ELIGIBILITY_CASES_2026_2: EligibilityCase[] = [...conduct, ...formal, ...unchanged];
