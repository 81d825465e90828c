import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { criteriaLines, reliedFindings, type LetterModel } from '../../src/decisions/letter.model';
import { loadLetterRenderer } from '../../src/decisions/letter.renderer';
import { loadRuleSets, selectRuleSet } from '../../src/screening/rule-set.loader';
import { evaluate } from '../../src/screening/screening.engine';
import type { ScreeningFacts } from '../../src/screening/screening.facts';

// A letter for a fixed case, compared byte for byte with a file a person has read and accepted
// (test/golden/). When the wording changes on purpose: UPDATE_GOLDEN=1 npm test, then review the diff.

const root = path.join(__dirname, '../..');
const golden = path.join(root, 'test/golden/decision-letter-denied.html');

const facts: ScreeningFacts = {
  screeningDate: '2026-11-26',
  application: {
    kind: 'grant',
    statutes: {
      adoptedAtAnnualMeeting: true,
      electedBoard: true,
      auditor: true,
      openMembership: true,
      nonDiscriminationClause: true,
    },
    declaration: { signed: true, signedBy: 'Karin Lund, ordförande', signedOn: '2026-10-15' },
  },
  association: { orgNumber: '802000-0009', registeredOn: '2014-05-20', supportStatus: 'active' },
  findings: [
    {
      id: 'f-1',
      category: 'supports_violent_extremism',
      verified: true,
      actingForAssociation: true,
      occurredOn: '2026-06-01',
      mitigation: { distanced: false, actionTaken: false, oneOff: false },
      source: 'Polisanmälan K123456-26',
      description:
        'Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte i föreningens lokal.',
    },
  ],
  watchlist: { hits: [], matcherVersion: 'test', watchlistVersion: 1 },
};

it('renders the decision letter for a fixed denial exactly as reviewed', async () => {
  const ruleSet = selectRuleSet(await loadRuleSets(path.join(root, 'rules')), '2026-11-26', 'eligibility');
  const result = await evaluate(ruleSet, facts);
  const model: LetterModel = {
    municipality: 'Stockholms stad',
    committee: 'Kultur- och fritidsnämnden',
    reference: 'FK 2026/0042',
    date: '2026-11-26',
    association: { name: 'Östermalms Ungdomsförening', orgNumber: '802000-0009' },
    decisionText: 'Kultur- och fritidsnämnden avslår ansökan om föreningsbidrag.',
    justification:
      'Föreningens ordförande har, inom ramen för föreningens verksamhet, uppmanat till våld. Föreningen har getts tillfälle att yttra sig men har inte tagit avstånd från händelsen.',
    communicatedOn: '2026-11-12',
    makers: {
      preparedBy: { name: 'Anna Ek', roleLabel: 'handläggare' },
      decidedBy: { name: 'Bo Ström', roleLabel: 'samordnare mot våldsbejakande extremism' },
      delegationPoint: '4.1.3',
      committee: null,
      decidedOn: '2026-11-26',
    },
    restored: false,
    application: {
      kindLabel: 'föreningsbidrag',
      receivedOn: '2026-11-02',
      grant: {
        program: 'Verksamhetsbidrag',
        amount: '25 000 kronor',
        periodFrom: '2027-01-01',
        periodTo: '2027-12-31',
      },
      premises: null,
    },
    ruleSet: { label: `${result.ruleSet.id} version ${result.ruleSet.version}, ${result.ruleSet.hash}` },
    recommendationLabel: 'villkoren för stöd är inte uppfyllda',
    departs: false,
    criteria: criteriaLines(result),
    findings: reliedFindings(result, facts),
  };
  const { html } = loadLetterRenderer(path.join(root, 'templates/letters')).render('decision-letter', model);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, html);
  expect(html).toBe(readFileSync(golden, 'utf8'));
});
