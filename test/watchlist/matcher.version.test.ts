import { createHash } from 'node:crypto';
import { MATCHER_VERSION, MatcherIndex, normaliseBounded } from '../../src/watchlist/matcher';
import { TokenTier } from '../../src/watchlist/matcher/normalise';

// A stored screening names the matcher version that produced its hits (issue 13 point 5): the
// version must change whenever normalisation or scoring does. This table holds what the matcher
// makes of fixed names and queries, written out from a run and checked by hand.
//
// - The outputs change and MATCHER_VERSION does not: the first test fails. Bump the version
//   (matcher.constants.ts), write the new outputs below, set TABLE_MADE_FOR and add a line to
//   VERSIONS. Never edit a line of VERSIONS: each records what a released version did.
// - MATCHER_VERSION changes and the table was not re-recorded: the second test fails.

const TABLE_MADE_FOR = 'intl-token-idf-2.0.0';

/** Fingerprint of the table's outputs per matcher version (sha256 of their JSON, 16 hex digits). */
const VERSIONS: Record<string, string> = {
  // Before the cap on tokens per name: the 40-word name kept all 40.
  'sv-token-idf-1.0.0': '89bbf5477a8b10b1',
  'sv-token-idf-1.1.0': '03012c7eae77c587',
  // Names of any jurisdiction and persons (issue 13); the table gained the rows after the 40 words.
  'intl-token-idf-2.0.0': '8b13b1e546781a0e',
};

/** Name → tokens as the index reads them: key, and /1 for a class word, /2 for a legal form. */
const NORMALISED: Array<[string, string]> = [
  ['Nordiska Motståndsrörelsen', 'nordiska motstand rorelse/1'],
  ['"NORDISKA" motståndsrörelsen.', 'nordiska motstand rorelse/1'],
  ['Foereningen Vaektaren', 'forening/2 vaektaren'],
  ['Södermalms Schackklubb', 'sodermalm schack klubb/1'],
  ['Fria Gillet, ideell förening IF', 'fria gille/1 ideell/2 forening/2 if/2'],
  ['N.M.R.', 'nmr'],
  ['Röda & Svarta Fronten', 'roda och/2 svarta front/1'],
  ['ＦＲＩＡ Gillet', 'fria gille/1'],
  ['Café Ångström AB', 'cafe angstrom ab/2'],
  ['Ungdomsförbundet Stormen', 'ungdom forbund/1 stormen'],
  ['Brödraskapet Norra Norra', 'brodraskap/1 norra norra'],
  ['Anna-Karin Öberg', 'anna karin oberg'],
  ['Stiftelsen Kvinnors Framtid i Rinkeby', 'stiftelse/2 kvinnor framtid i/2 rinkeby'],
  ['Motståndsrörelsensungdomsförbundetsstyrelse', 'motstandsrorelsensungdomsforbundetsstyrelse'],
  [FORTY_WORDS(), FORTY_WORDS().toLowerCase().split(' ').slice(0, 32).join(' ')],
  ['Bosch Gesellschaft mit beschränkter Haftung', 'bosch gmbh/2'],
  ['Gazprom Neft Public Joint Stock Company', 'gazprom neft pjsc/2'],
  ['OOO Romashka', 'llc/2 romashka'],
  ['Societa per Azoini Sahara', 'spa/2 sahara'],
  ['Second Street Bank', '2 street bank'],
  ['Brigade Twelve', 'brigade/1 12'],
  ['Fyrtiofyra forty-four 1st', '44 44 1'],
  ["Al-Qa'ida", 'al/2 qaida'],
  ['BERG, Dr. Anna M.', 'berg dr/2 anna m/1'],
  ['Дмитрий Медведев', 'dmitry medvedev'],
  ['Γιώργος Παπαδόπουλος', 'giorgo papadopoulo'],
  ['محمد حسن', 'mhmd hsn'],
];

/** Entries of a small index, and the best hit each query gets in it (entry and score). */
const ENTRIES = [
  'Nordiska Motståndsrörelsen',
  'Röda Vargarna',
  'Fria Gillet ideell förening',
  'Gryningsligan',
  'Södermalms Schackklubb',
  'Kvinnors Framtid',
  'Motståndsrörelsensungdomsförbundet Nord',
  'Motståndsrörelsensungdomsförbundetsstyrelse',
];
const SCORED: Array<[string, string]> = [
  ['nordiska motstandsrorelsen', 'e0 1'],
  ['Nordiska Motståndsrörelsen ideell förening', 'e0 0.96'],
  ['Röda Varganra', 'e1 0.9625'],
  ['NMR', 'e0 0.85'],
  ['Fria Gillet', 'e2 0.9333'],
  ['Gryningsligans vänner', 'e3 0.617'],
  ['Sodermalm Schack klubb', 'e4 1'],
  ['Motståndsrörelsensungdomsförbundt Nord', 'e6 1'],
  ['Motstandsrorelsensungdomsforbundetsstyrlese', 'e7 0.986'],
];

/** Persons of the same index: queries as a person's name is written elsewhere. */
const PERSONS = ['Anna Maria Berg', 'Agnes Berg', 'Ivan Petrov', 'Mohammed Hassan'];
const SCORED_PERSONS: Array<[string, string]> = [
  ['BERG, Dr. Anna', 'p0 0.8921'],
  ['A. Maria Berg', 'p0 0.9713'],
  ['Ivana Petrova', '-'],
  ['محمد حسن', 'p3 0.85'],
];

function FORTY_WORDS(): string {
  return Array.from({ length: 40 }, (_, i) => `Ord${String.fromCharCode(97 + (i % 26))}${i}`).join(' ');
}

const TIER_MARK: Record<TokenTier, string> = {
  [TokenTier.Normal]: '',
  [TokenTier.Class]: '/1',
  [TokenTier.Legal]: '/2',
};

function outputs() {
  const normalised = NORMALISED.map(([name]) => [
    name,
    normaliseBounded(name)
      .tokens.map((t) => `${t.key}${TIER_MARK[t.tier]}`)
      .join(' '),
  ]);
  const index = new MatcherIndex();
  ENTRIES.forEach((name, i) => index.add({ id: `e${i}`, subjectKind: 'organisation', name, aliases: [] }));
  PERSONS.forEach((name, i) => index.add({ id: `p${i}`, subjectKind: 'person', name, aliases: [] }));
  const best = (subjectKind: 'organisation' | 'person') => (query: string) => {
    const hit = index.search({ name: query, subjectKind }, { minScore: 0.3, limit: 1 })[0];
    return [query, hit ? `${hit.entryId} ${hit.score}` : '-'];
  };
  const scored = SCORED.map(([query]) => best('organisation')(query));
  const persons = SCORED_PERSONS.map(([query]) => best('person')(query));
  return { normalised, scored, persons };
}

const fingerprint = (o: unknown) => createHash('sha256').update(JSON.stringify(o)).digest('hex').slice(0, 16);

describe(`the matcher version (${MATCHER_VERSION})`, () => {
  it('changes whenever what the matcher makes of these names and queries changes', () => {
    const actual = outputs();
    expect(actual).toEqual({ normalised: NORMALISED, scored: SCORED, persons: SCORED_PERSONS });
    expect(VERSIONS[MATCHER_VERSION]).toBe(fingerprint(actual));
  });

  it('has its outputs recorded in this table', () => {
    expect(TABLE_MADE_FOR).toBe(MATCHER_VERSION);
    // Each version its own outputs: a bump without a change would only confuse replays.
    expect(new Set(Object.values(VERSIONS)).size).toBe(Object.keys(VERSIONS).length);
  });
});
