import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LetterFact, LetterModel } from '../../src/decisions/letter.model';
import { parseRuleSet, type LoadedRuleSet } from '../../src/screening/rule-set.loader';
import type { ScreeningFacts } from '../../src/screening/screening.facts';

// Fixed cases for letter tests. The rule set is published 2026.1 with each legalBasis replaced by a
// citation of the municipality's own rules, as DOMAIN.md asks of a rule set (2026.2 does that for
// real): the letters' wording is under test here, not any one published rule file, so these
// letters do not change when a new rule set is published.

export const root = path.join(__dirname, '../..');

const MUNICIPAL_BASIS: [RegExp, string][] = [
  [/^(DEM|HR|EQ|VBE)-/, 'Stockholms stads regler för föreningsstöd, avsnitt 4.2 (demokrativillkoret)'],
  [/^FORM-/, 'Stockholms stads regler för föreningsstöd, avsnitt 3 (grundläggande krav på föreningen)'],
];

export function letterRuleSet(): LoadedRuleSet {
  const file = JSON.parse(readFileSync(path.join(root, 'rules/eligibility-2026.1.json'), 'utf8')) as {
    version: string;
    rules: { code: string; legalBasis: string }[];
  };
  file.version = '9999.1';
  for (const rule of file.rules) {
    const basis = MUNICIPAL_BASIS.find(([re]) => re.test(rule.code));
    if (basis) rule.legalBasis = basis[1];
  }
  return parseRuleSet(JSON.stringify(file), 'letter fixture');
}

const statutes = {
  adoptedAtAnnualMeeting: true,
  electedBoard: true,
  auditor: true,
  openMembership: true,
  nonDiscriminationClause: true,
};

/**
 * The denied case: a verified call to violence at the association's meeting and a verified
 * letting of its room to a violent group (VBE-1, ineligible: decides), an unverified report of
 * threats (DEM-1, refer only: does not decide) and a watchlist hit on its name (WL-1: never in a
 * letter). The second VBE-1 finding's source is covered by secrecy.
 */
export const deniedFacts: ScreeningFacts = {
  screeningDate: '2026-11-26',
  application: {
    kind: 'grant',
    statutes,
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
      source: 'Föreningens film från mötet, publicerad på föreningens webbplats den 2 juni 2026',
      description:
        'Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte i föreningens lokal.',
    },
    {
      id: 'f-2',
      category: 'supports_violent_extremism',
      verified: true,
      actingForAssociation: true,
      occurredOn: '2026-08-15',
      mitigation: { distanced: false, actionTaken: false, oneOff: false },
      source: 'Polisens underrättelse, dnr A123.456/2026',
      description:
        'Föreningen lät en grupp som uppmanar till ideologiskt motiverat våld använda föreningens lokal för ett rekryteringsmöte.',
    },
    {
      id: 'f-3',
      category: 'violence_coercion_threats',
      verified: false,
      actingForAssociation: true,
      occurredOn: '2026-09-10',
      mitigation: { distanced: false, actionTaken: false, oneOff: false },
      source: 'Anonymt tips till förvaltningen',
      description: 'En styrelseledamot ska ha hotat en besökare vid föreningens öppna hus.',
    },
  ],
  watchlist: {
    hits: [
      {
        entryId: 'w-1',
        score: 0.93,
        matchedName: 'Östermalms Ungdomsförening',
        subject: 'association',
        idNumberMatch: false,
      },
    ],
    matcherVersion: 'test',
    watchlistVersion: 1,
  },
};

export const SECRET_PROVISION = '18 kap. 2 § offentlighets- och sekretesslagen (2009:400)';

/** The snapshot's findings as the letter sees them, with the secrecy recorded on f-2. */
export function deniedLetterFacts(): LetterFact[] {
  return deniedFacts.findings.map((f) => ({
    id: f.id,
    occurredOn: f.occurredOn,
    description: f.description,
    source: f.source,
    verified: f.verified,
    secrecy: f.id === 'f-2' ? { provision: SECRET_PROVISION } : null,
  }));
}

const place = {
  municipality: 'Stockholms stad',
  committee: 'Hägersten-Älvsjö stadsdelsnämnd',
  appealCourt: 'Förvaltningsrätten i Stockholm',
  contactDetails: 'Stockholms stads kontaktcenter, 08-508 000 00',
};

const association = { name: 'Östermalms Ungdomsförening', orgNumber: '802000-0009' };

const grantApplication: LetterModel['application'] = {
  kind: 'grant',
  receivedOn: '2026-11-02',
  grant: { program: 'Verksamhetsbidrag', amountSek: 25000, periodFrom: '2027-01-01', periodTo: '2027-12-31' },
  premises: null,
};

/** Everything of the denial but its grounds (which the test derives from a real evaluation). */
export function deniedModel(grounds: LetterModel['grounds']): LetterModel {
  return {
    ...place,
    kind: 'application',
    outcome: 'denied',
    otherConditionsClear: true,
    caseNumber: 'HÄ 2026/0042',
    date: '2026-11-26',
    association,
    application: grantApplication,
    grounds,
    reasoning:
      'Er ordförande har uppmanat till våld vid ett av era möten, och ni har låtit en grupp som uppmanar till våld använda er lokal. Båda händelserna skedde under 2026, inom föreningens verksamhet. Ni skriver att en enskild medlem lånade ut lokalen. Vi bedömer ändå att föreningen lät gruppen använda den, eftersom bokningen gjordes i föreningens namn och styrelsen kände till mötet. I ert svar tar ni inte avstånd från händelserna, och ni berättar inte om några åtgärder. Vi bedömer därför att det inte finns särskilda skäl att ändå bevilja bidrag.',
    conditions: null,
    communication: {
      sentOn: '2026-11-05',
      replyBy: '2026-11-19',
      status: 'replied',
      receivedOn: '2026-11-17',
      summary:
        'Föreningen anser att ordförandens uttalande var ett skämt och att lokalen lånades ut av en enskild medlem.',
    },
    decisionMaker: { kind: 'delegat', name: 'Bo Ström', title: 'enhetschef', delegationPoint: '4.3' },
    preparedBy: { name: 'Anna Ek' },
  };
}

export function approvedModel(): LetterModel {
  return {
    ...place,
    kind: 'application',
    outcome: 'approved',
    caseNumber: 'HÄ 2026/0057',
    date: '2026-12-03',
    association: { name: 'Fruängens Schackklubb', orgNumber: '802479-0126' },
    application: {
      ...grantApplication!,
      receivedOn: '2026-11-09',
      grant: {
        program: 'Verksamhetsbidrag',
        amountSek: 18500,
        periodFrom: '2027-01-01',
        periodTo: '2027-12-31',
      },
    },
    otherConditionsClear: true,
    grounds: [],
    reasoning: null,
    conditions:
      'Bidraget får bara användas till klubbens verksamhet för barn och unga under 2027.\nNi ska lämna en redovisning av hur bidraget har använts senast den 31 mars 2028.',
    communication: null,
    decisionMaker: { kind: 'delegat', name: 'Bo Ström', title: 'enhetschef', delegationPoint: '4.1' },
    preparedBy: { name: 'Anna Ek' },
  };
}

/** Everything of the withdrawal but its grounds (derived from the rule set by the test). */
export function withdrawalModel(grounds: LetterModel['grounds']): LetterModel {
  return {
    ...place,
    kind: 'withdrawal',
    outcome: 'withdrawn',
    otherConditionsClear: true,
    caseNumber: 'HÄ 2026/0061',
    date: '2026-12-10',
    association,
    application: null,
    grounds,
    reasoning:
      'Ni har låtit en grupp som uppmanar till ideologiskt motiverat våld använda er lokal, och er ordförande har uppmanat till våld vid ett av era möten. Ni har alltså både uppmuntrat och möjliggjort våldsbejakande extremism. Vi har inte fått något svar från er och känner inte till några särskilda skäl att ändå lämna stöd. Enligt reglerna ska ni därför inte få stöd från nämnden.',
    conditions: null,
    communication: { sentOn: '2026-11-20', replyBy: '2026-12-04', status: 'no_reply' },
    decisionMaker: {
      kind: 'committee',
      committeeName: 'Hägersten-Älvsjö stadsdelsnämnd',
      meetingOn: '2026-12-10',
      paragraph: '14',
    },
    preparedBy: { name: 'Anna Ek' },
  };
}

/** The findings a withdrawal relies on (a category the cited criterion reads, and one it does not). */
export const withdrawalFindings = [
  { ...deniedLetterFacts()[0]!, category: 'supports_violent_extremism' },
  { ...deniedLetterFacts()[1]!, category: 'supports_violent_extremism' },
  {
    id: 'f-9',
    category: 'discrimination',
    occurredOn: '2025-03-01',
    description: 'Föreningen nekade en person medlemskap på grund av hennes religion.',
    source: 'Diskrimineringsombudsmannens beslut, dnr GRA 2025/12',
    verified: true,
    secrecy: null,
  },
];
