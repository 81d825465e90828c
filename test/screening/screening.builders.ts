import path from 'node:path';
import { type LoadedRuleSet, loadRuleSets, selectRuleSet } from '../../src/screening/rule-set.loader';
import type { FindingFact, ScreeningFacts, WatchlistHitFact } from '../../src/screening/screening.facts';

export const RULES_DIR = path.join(__dirname, '../../rules');
export const FIXTURE_RULES_DIR = path.join(__dirname, '../fixtures/rules');

export const SCREENING_DATE = '2026-11-26';
export const VALID_ORG_NUMBER = '802479-0126';

export async function publishedEligibility(): Promise<LoadedRuleSet> {
  return selectRuleSet(await loadRuleSets(RULES_DIR), SCREENING_DATE, 'eligibility');
}

/** An application that passes every rule: the starting point each case changes one thing in. */
export function eligibleFacts(): ScreeningFacts {
  return {
    screeningDate: SCREENING_DATE,
    application: {
      kind: 'grant',
      statutes: {
        adoptedAtAnnualMeeting: true,
        electedBoard: true,
        auditor: true,
        openMembership: true,
        nonDiscriminationClause: true,
      },
      declaration: { signed: true, signedBy: 'Anna Andersson, ordförande', signedOn: '2026-11-01' },
    },
    association: { orgNumber: VALID_ORG_NUMBER, registeredOn: '2015-03-10', supportStatus: 'active' },
    findings: [],
    watchlist: { hits: [], matcherVersion: 'test-1', watchlistVersion: 7 },
  };
}

export function finding(overrides: Partial<FindingFact> = {}): FindingFact {
  return {
    id: 'f-1',
    category: 'violence_coercion_threats',
    verified: true,
    actingForAssociation: true,
    occurredOn: '2025-05-01',
    mitigation: { distanced: false, actionTaken: false, oneOff: false },
    source: 'Polisanmälan 5000-K123456-25',
    description: 'Hot mot besökare vid föreningens möte',
    ...overrides,
  };
}

export function hit(overrides: Partial<WatchlistHitFact> = {}): WatchlistHitFact {
  return {
    entryId: 'w-1',
    score: 0.91,
    matchedName: 'Föreningen Exempel',
    subject: 'association',
    idNumberMatch: false,
    ...overrides,
  };
}

type DeepPartialFacts = {
  screeningDate?: string;
  application?: {
    kind?: ScreeningFacts['application']['kind'];
    statutes?: Partial<ScreeningFacts['application']['statutes']>;
    declaration?: Partial<ScreeningFacts['application']['declaration']>;
  };
  association?: Partial<ScreeningFacts['association']>;
  findings?: FindingFact[];
  hits?: WatchlistHitFact[];
};

/** The eligible application with some parts changed. */
export function factsWith(change: DeepPartialFacts): ScreeningFacts {
  const base = eligibleFacts();
  return {
    screeningDate: change.screeningDate ?? base.screeningDate,
    application: {
      kind: change.application?.kind ?? base.application.kind,
      statutes: { ...base.application.statutes, ...change.application?.statutes },
      declaration: { ...base.application.declaration, ...change.application?.declaration },
    },
    association: { ...base.association, ...change.association },
    findings: change.findings ?? base.findings,
    watchlist: { ...base.watchlist, hits: change.hits ?? base.watchlist.hits },
  };
}
