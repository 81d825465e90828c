import type { FindingCategory } from '../../src/shared/finding-categories';
import type { ScreeningFacts } from '../../src/screening/screening.facts';
import type { Recommendation } from '../../src/screening/screening.result';
import {
  eligibleFacts,
  factsWith,
  finding,
  hit,
  SCREENING_DATE,
  VALID_ORG_NUMBER,
} from './screening.builders';

// The table for rules/eligibility-2026.1.json (findingMaxAgeYears 5, minRegisteredYears 1), which
// stays published: screenings made under it must replay exactly, so its table stays as it was.
// Each case names the exact set of rules that must be met; every other rule must be not met.

export interface EligibilityCase {
  name: string;
  facts: ScreeningFacts;
  recommendation: Recommendation;
  met: string[];
}

// The screening date is 2026-11-26: five whole years back is 2021-11-26.
const FIVE_YEARS_AGO = '2021-11-26';
const FIVE_YEARS_AGO_LESS_A_DAY = '2021-11-27';

export const CONDUCT_CRITERIA: Array<[code: string, categories: FindingCategory[]]> = [
  ['DEM-1', ['violence_coercion_threats', 'rights_violation']],
  ['HR-1', ['discrimination']],
  ['EQ-1', ['gender_equality_violation']],
  ['DEM-2', ['promotes_violations']],
  ['DEM-3', ['counteracts_democracy']],
  ['VBE-1', ['supports_violent_extremism']],
];

const none = { distanced: false, actionTaken: false, oneOff: false };

function conductCases(code: string, category: FindingCategory): EligibilityCase[] {
  const refer = `${code}-REFER`;
  const one = (
    name: string,
    f: Parameters<typeof finding>[0],
    recommendation: Recommendation,
    met: string[],
  ) => ({
    name: `${code} ${category}: ${name}`,
    facts: factsWith({ findings: [finding({ category, ...f })] }),
    recommendation,
    met,
  });
  return [
    one('verified, acting for the association, recent, unmitigated → ineligible', {}, 'ineligible', [code]),
    one(
      'a partner organisation acting on its behalf counts the same',
      { description: 'Samarbetsorganisation på föreningens uppdrag' },
      'ineligible',
      [code],
    ),
    one(
      'four years and 364 days old is still recent → ineligible',
      { occurredOn: FIVE_YEARS_AGO_LESS_A_DAY },
      'ineligible',
      [code],
    ),
    one('exactly five years old is old → refer', { occurredOn: FIVE_YEARS_AGO }, 'refer', [refer]),
    one('ten years old → refer', { occurredOn: '2016-02-01' }, 'refer', [refer]),
    one('unverified → refer', { verified: false }, 'refer', [refer]),
    one('distanced → refer', { mitigation: { ...none, distanced: true } }, 'refer', [refer]),
    one('action taken → refer', { mitigation: { ...none, actionTaken: true } }, 'refer', [refer]),
    one('one-off → refer', { mitigation: { ...none, oneOff: true } }, 'refer', [refer]),
    one(
      'member acting privately (not for the association) → eligible',
      { actingForAssociation: false },
      'eligible',
      [],
    ),
    one(
      'unverified and private → eligible',
      { actingForAssociation: false, verified: false },
      'eligible',
      [],
    ),
    {
      name: `${code} ${category}: a qualifying finding and a mitigated one → ineligible, both rules met`,
      facts: factsWith({
        findings: [
          finding({ id: 'f-1', category }),
          finding({ id: 'f-2', category, mitigation: { ...none, oneOff: true } }),
        ],
      }),
      recommendation: 'ineligible',
      met: [code, refer],
    },
  ];
}

const conduct = CONDUCT_CRITERIA.flatMap(([code, categories]) =>
  categories.flatMap((c) => conductCases(code, c)),
);

const formal: EligibilityCase[] = [
  { name: 'everything in order → eligible', facts: factsWith({}), recommendation: 'eligible', met: [] },
  {
    name: 'FORM-1: invalid organisationsnummer (check digit)',
    facts: factsWith({ association: { orgNumber: '802479-0123' } }),
    recommendation: 'incomplete',
    met: ['FORM-1'],
  },
  {
    name: 'FORM-1: registeredOn unknown',
    facts: factsWith({ association: { registeredOn: null } }),
    recommendation: 'incomplete',
    met: ['FORM-1-AGE'],
  },
  {
    name: 'FORM-1: registered one day short of a year',
    facts: factsWith({ association: { registeredOn: '2025-11-27' } }),
    recommendation: 'incomplete',
    met: ['FORM-1-AGE'],
  },
  {
    name: 'FORM-1: registered exactly one year → fine',
    facts: factsWith({ association: { registeredOn: '2025-11-26' } }),
    recommendation: 'eligible',
    met: [],
  },
  {
    name: 'FORM-2: statutes not adopted at an annual meeting',
    facts: factsWith({ application: { statutes: { adoptedAtAnnualMeeting: false } } }),
    recommendation: 'incomplete',
    met: ['FORM-2'],
  },
  {
    name: 'FORM-3: board not elected by the members',
    facts: factsWith({ application: { statutes: { electedBoard: false } } }),
    recommendation: 'incomplete',
    met: ['FORM-3'],
  },
  {
    name: 'FORM-4: no auditor',
    facts: factsWith({ application: { statutes: { auditor: false } } }),
    recommendation: 'incomplete',
    met: ['FORM-4'],
  },
  {
    name: 'FORM-5: membership not open',
    facts: factsWith({ application: { statutes: { openMembership: false } } }),
    recommendation: 'incomplete',
    met: ['FORM-5'],
  },
  {
    name: 'FORM-6: declaration not signed',
    facts: factsWith({ application: { declaration: { signed: false, signedBy: null, signedOn: null } } }),
    recommendation: 'incomplete',
    met: ['FORM-6'],
  },
  {
    name: 'FORM-6: signed, but signer blank',
    facts: factsWith({ application: { declaration: { signedBy: '   ' } } }),
    recommendation: 'incomplete',
    met: ['FORM-6'],
  },
  {
    name: 'FORM-6: signed, but signer absent',
    facts: factsWith({ application: { declaration: { signedBy: undefined } } }),
    recommendation: 'incomplete',
    met: ['FORM-6'],
  },
  {
    name: 'FORM-6: signed, but no date',
    facts: factsWith({ application: { declaration: { signedOn: null } } }),
    recommendation: 'incomplete',
    met: ['FORM-6'],
  },
  {
    name: 'a missing non-discrimination clause is not a formal requirement (DOMAIN.md lists six)',
    facts: factsWith({ application: { statutes: { nonDiscriminationClause: false } } }),
    recommendation: 'eligible',
    met: [],
  },
  {
    name: 'several formal requirements missing → incomplete, each named',
    facts: factsWith({
      association: { registeredOn: null },
      application: { statutes: { auditor: false, electedBoard: false } },
    }),
    recommendation: 'incomplete',
    met: ['FORM-1-AGE', 'FORM-3', 'FORM-4'],
  },
];

const watchlistAndSupport: EligibilityCase[] = [
  {
    name: 'WL-1: a name hit on the association → refer',
    facts: factsWith({ hits: [hit()] }),
    recommendation: 'refer',
    met: ['WL-1'],
  },
  {
    name: 'WL-1: an exact organisationsnummer hit → refer, flagged exact',
    facts: factsWith({ hits: [hit({ score: 1, idNumberMatch: true })] }),
    recommendation: 'refer',
    met: ['WL-1', 'WL-1-EXACT'],
  },
  {
    name: 'WL-1: a person hit on a representative → refer',
    facts: factsWith({ hits: [hit({ subject: 'representative', matchedName: 'Karl Karlsson' })] }),
    recommendation: 'refer',
    met: ['WL-1-REP'],
  },
  {
    name: 'WL-1: many certain hits are still only refer, never worse',
    facts: factsWith({
      hits: [
        hit({ entryId: 'w-1', score: 1, idNumberMatch: true }),
        hit({ entryId: 'w-2', score: 1, subject: 'representative', idNumberMatch: true }),
        hit({ entryId: 'w-3', score: 0.99 }),
      ],
    }),
    recommendation: 'refer',
    met: ['WL-1', 'WL-1-EXACT', 'WL-1-REP'],
  },
  {
    name: 'SUP-1: withdrawn support → refer',
    facts: factsWith({ association: { supportStatus: 'withdrawn' } }),
    recommendation: 'refer',
    met: ['SUP-1'],
  },
];

const combinations: EligibilityCase[] = [
  {
    name: 'incomplete + ineligible → ineligible',
    facts: factsWith({ application: { statutes: { auditor: false } }, findings: [finding()] }),
    recommendation: 'ineligible',
    met: ['DEM-1', 'FORM-4'],
  },
  {
    name: 'refer + incomplete → refer',
    facts: factsWith({
      application: { statutes: { auditor: false } },
      findings: [finding({ verified: false })],
    }),
    recommendation: 'refer',
    met: ['DEM-1-REFER', 'FORM-4'],
  },
  {
    name: 'refer (watchlist) + ineligible (conduct) → ineligible',
    facts: factsWith({ hits: [hit()], findings: [finding({ category: 'supports_violent_extremism' })] }),
    recommendation: 'ineligible',
    met: ['VBE-1', 'WL-1'],
  },
  {
    name: 'withdrawn + watchlist + incomplete → refer',
    facts: factsWith({
      association: { supportStatus: 'withdrawn', registeredOn: null },
      hits: [hit({ subject: 'representative' })],
    }),
    recommendation: 'refer',
    met: ['FORM-1-AGE', 'SUP-1', 'WL-1-REP'],
  },
  {
    name: 'findings under several criteria → each criterion named',
    facts: factsWith({
      findings: [
        finding({ id: 'f-1', category: 'discrimination' }),
        finding({ id: 'f-2', category: 'counteracts_democracy', verified: false }),
        finding({ id: 'f-3', category: 'gender_equality_violation', actingForAssociation: false }),
      ],
    }),
    recommendation: 'ineligible',
    met: ['DEM-3-REFER', 'HR-1'],
  },
  {
    name: 'a premises application passes the same criteria',
    facts: factsWith({
      application: { kind: 'premises' },
      findings: [finding({ category: 'rights_violation' })],
    }),
    recommendation: 'ineligible',
    met: ['DEM-1'],
  },
  {
    name: 'everything wrong at once → ineligible',
    facts: factsWith({
      association: { orgNumber: '123', registeredOn: null, supportStatus: 'withdrawn' },
      application: { declaration: { signed: false } },
      findings: [finding({ category: 'promotes_violations' })],
      hits: [hit()],
    }),
    recommendation: 'ineligible',
    met: ['DEM-2', 'FORM-1', 'FORM-1-AGE', 'FORM-6', 'SUP-1', 'WL-1'],
  },
];

export const ELIGIBILITY_CASES: EligibilityCase[] = [
  ...conduct,
  ...formal,
  ...watchlistAndSupport,
  ...combinations,
];

/**
 * The cases rule set 2026.2 did not change: none names a FORM-1 rule or moves the association's
 * registration date, and none turns on a finding's age. eligibility-2026.2.cases.ts runs them again.
 */
export const REUSABLE_CASES: EligibilityCase[] = [...formal, ...watchlistAndSupport, ...combinations].filter(
  (c) =>
    !c.met.some((id) => id.startsWith('FORM-1')) &&
    c.facts.association.registeredOn === eligibleFacts().association.registeredOn,
);

export { SCREENING_DATE, VALID_ORG_NUMBER };
