import { luhnCheckDigit } from '../../src/shared/swedish-ids';
import {
  MATCHER_VERSION,
  MatcherIndex,
  REFER_THRESHOLD,
  type MatchableEntry,
  type MatchHit,
  type MatchQuery,
} from '../../src/watchlist/matcher';

/** A valid organisationsnummer NNNNNN-NNNN from its first nine digits. */
const orgNr = (nine: string): string => `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;

const NMR = orgNr('802000000');
const entries: MatchableEntry[] = [
  { id: 'nmr', subjectKind: 'organisation', name: 'Nordiska Motståndsrörelsen', aliases: [], orgNumber: NMR },
  { id: 'vakt', subjectKind: 'organisation', name: 'Föreningen Väktaren Hägersten', aliases: ['VH'] },
  { id: 'fronten', subjectKind: 'organisation', name: 'Svarta Fronten', aliases: ['Gemenskapen Rättvisa'] },
  { id: 'ungdom', subjectKind: 'organisation', name: 'Södermalms Ungdomsförening', aliases: [] },
  {
    id: 'kamp',
    subjectKind: 'organisation',
    name: 'Årstas Kampsportsklubben',
    aliases: [],
    orgNumber: orgNr('856432764'),
  },
  { id: 'akademi', subjectKind: 'organisation', name: 'Revolutionära Akademin', aliases: [] },
  { id: 'ratt', subjectKind: 'organisation', name: 'Demokratiska Rättvisa', aliases: [] },
  { id: 'tomas', subjectKind: 'organisation', name: 'Tomas Nowaks Vänner', aliases: [] },
  { id: 'vita', subjectKind: 'organisation', name: 'Vita Ligan', aliases: [] },
  { id: 'gille', subjectKind: 'organisation', name: 'Hornstulls Schackgille', aliases: [] },
  {
    id: 'person',
    subjectKind: 'person',
    name: 'Karl Johan Svensson',
    aliases: [],
    personalNumber: `850101-123${luhnCheckDigit('850101123')}`,
  },
];

function buildIndex(list: MatchableEntry[] = entries): MatcherIndex {
  const index = new MatcherIndex();
  for (const e of list) index.add(e);
  return index;
}

const top = (index: MatcherIndex, query: MatchQuery): MatchHit | undefined => index.search(query)[0];

describe('MatcherIndex: variants of a listed name are referred, best first', () => {
  const index = buildIndex();
  it.each([
    ['exact', 'Nordiska Motståndsrörelsen', 'nmr'],
    ['case', 'NORDISKA MOTSTÅNDSRÖRELSEN', 'nmr'],
    ['diacritics dropped', 'Foreningen Vaktaren Hagersten', 'vakt'],
    ['transliterated', 'Foereningen Vaektaren Haegersten', 'vakt'],
    ['punctuation', '"Svarta-Fronten".', 'fronten'],
    ['legal form added', 'Svarta Fronten, ideell förening', 'fronten'],
    ['legal form dropped', 'Väktaren Hägersten', 'vakt'],
    ['word order', 'Fronten Svarta', 'fronten'],
    ['typo', 'Revolutionära Akadmein', 'akademi'],
    ['typo in a compound head', 'Årstas Kampsportsklubbne', 'kamp'],
    ['typo in a short compound head', 'Hornstulls Schackgill', 'gille'],
    ['typo that looks like a genitive', 'Demokratiska Rättvis', 'ratt'],
    ['typo in a word ending in -s', 'Tmas Nowaks vänner', 'tomas'],
    ['four-letter word missing a letter', 'Vit Ligan', 'vita'],
    ['typo in a short class word', 'Vita Lgan', 'vita'],
    ['compound written apart', 'Nordiska Motstånds rörelsen', 'nmr'],
    ['combined', 'foreningen vaktarn hagersten ideell föreinng', 'vakt'],
    ['alias', 'Gemenskapen Rättvisa', 'fronten'],
    ['alias acronym', 'V.H.', 'vakt'],
    ['acronym of the name', 'NMR', 'nmr'],
  ])('%s: %s', (_kind, name, expected) => {
    const hit = top(index, { name });
    expect(hit?.entryId).toBe(expected);
    expect(hit!.score).toBeGreaterThanOrEqual(REFER_THRESHOLD);
  });

  it('returns hits best first, and the best name or alias as matchedName', () => {
    const hits = index.search({ name: 'Gemenskapen Rättvisa' }, { minScore: 0 });
    expect(hits[0]!.matchedName).toBe('Gemenskapen Rättvisa');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('honours minScore and limit', () => {
    const all = index.search({ name: 'Svarta Revolutionära' }, { minScore: 0.1, limit: 100 });
    expect(all.map((h) => h.entryId).sort()).toEqual(['akademi', 'fronten']);
    expect(index.search({ name: 'Svarta Revolutionära' })).toEqual([]);
    expect(index.search({ name: 'Svarta Revolutionära' }, { minScore: 0.1, limit: 1 })).toHaveLength(1);
    expect(all.every((h) => h.score >= 0.1)).toBe(true);
  });
});

describe('MatcherIndex: legitimate associations are not referred', () => {
  const index = buildIndex();
  it.each([
    // Same district, different activity: the legal-form word they share must not carry the match.
    'Södermalms Schackförening',
    'Södermalms Ungdomsklubb Framtid',
    'Årstas Brukshundklubb',
    'Hägerstens Hembygdsförening',
    'Föreningen Gryning Hägersten',
    'Svarta Bridgeklubben',
    'Nordiska Konstföreningen',
    'Ideell förening',
    'NM',
  ])('%s', (name) => {
    expect(index.search({ name })).toEqual([]);
  });

  it('does not refer Södermalms Ungdomsförening for Södermalms Schackförening, nor the other way round', () => {
    const reverse = buildIndex([
      { id: 'schack', subjectKind: 'organisation', name: 'Södermalms Schackförening', aliases: [] },
      { id: 'odlar', subjectKind: 'organisation', name: 'Hornstulls Odlarförening', aliases: [] },
    ]);
    expect(reverse.search({ name: 'Södermalms Ungdomsförening' })).toEqual([]);
    expect(index.search({ name: 'Södermalms Schackförening' })).toEqual([]);
  });
});

describe('MatcherIndex: id numbers', () => {
  const index = buildIndex();
  const digits = NMR.replace('-', '');
  it.each([NMR, digits, `16${digits}`, `16${NMR}`, ` ${NMR} `])(
    'organisationsnummer %s scores 1.0',
    (orgNumber) => {
      const hits = index.search({ name: 'Helt Annat Namn', orgNumber });
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ entryId: 'nmr', score: 1 });
      expect(hits[0]!.explanation.method).toBe('org_number');
      expect(hits[0]!.explanation.idNumber).toEqual({ kind: 'org_number', matched: true });
    },
  );

  it('matches an organisationsnummer without any name', () => {
    expect(top(index, { orgNumber: digits })?.entryId).toBe('nmr');
  });

  it('does not match a different organisationsnummer', () => {
    expect(index.search({ orgNumber: orgNr('802000001') })).toEqual([]);
  });

  it.each(['850101-1236', '198501011236', '8501011236'])(
    'personal number %s scores 1.0 on a person',
    (personalNumber) => {
      const hits = index.search({ name: 'Någon Annan', personalNumber });
      expect(hits[0]).toMatchObject({ entryId: 'person', score: 1 });
      expect(hits[0]!.explanation.method).toBe('personal_number');
    },
  );

  it("does not treat a person's initials as an acronym", () => {
    expect(index.search({ name: 'KJS' })).toEqual([]);
  });

  it('filters by subject kind', () => {
    expect(top(index, { name: 'Karl Johan Svensson' })?.entryId).toBe('person');
    expect(index.search({ name: 'Karl Johan Svensson', subjectKind: 'organisation' })).toEqual([]);
    expect(index.search({ orgNumber: NMR, subjectKind: 'person' })).toEqual([]);
  });
});

describe('MatcherIndex: explanations', () => {
  const index = buildIndex();

  it('says which tokens paired, how alike, how heavy, and what was normalised', () => {
    const hit = top(index, { name: 'Revolutoinara Akademin, ideell förening' })!;
    const ex = hit.explanation;
    expect(ex.method).toBe('name');
    expect(ex.matcherVersion).toBe(MATCHER_VERSION);
    expect(ex.matchedName).toBe('Revolutionära Akademin');
    const typo = ex.pairs.find((p) => p.entry === 'Revolutionära')!;
    expect(typo).toMatchObject({ query: 'Revolutoinara', edits: 1 });
    expect(typo.similarity).toBeLessThan(1);
    const exact = ex.pairs.find((p) => p.entry === 'Akademin')!;
    expect(exact).toMatchObject({ query: 'Akademin', similarity: 1, edits: 0 });
    // The distinctive word carries the name; the class word much less.
    expect(typo.weight).toBeGreaterThan(exact.weight);
    // The added legal form is unpaired and nearly weightless.
    expect(ex.unmatchedQueryTokens.map((t) => t.token)).toEqual(['ideell', 'förening']);
    expect(Math.max(...ex.unmatchedQueryTokens.map((t) => t.weight))).toBeLessThan(0.05);
    expect(ex.normalisations).toEqual(expect.arrayContaining(['diacritics_fold', 'legal_form_low_weight']));
    expect(ex.summary).toContain('Revolutionära Akademin');
    expect(ex.summary).toContain('Revolutoinara≈Revolutionära');
  });

  it('reports transliteration and compound joins', () => {
    const translit = top(index, { name: 'Foereningen Vaektaren Haegersten' })!.explanation;
    expect(translit.normalisations).toContain('transliteration_fold');
    const joined = top(index, { name: 'Nordiska Motstånds rörelsen' })!.explanation;
    expect(joined.pairs.map((p) => p.query)).toEqual(expect.arrayContaining(['Nordiska']));
    expect(joined.nameScore).toBe(1);
  });

  it('explains an acronym hit', () => {
    const ex = top(index, { name: 'NMR' })!.explanation;
    expect(ex.method).toBe('acronym');
    expect(ex.acronym).toEqual({ acronym: 'nmr', expandsTo: 'Nordiska Motståndsrörelsen' });
    expect(ex.normalisations).toContain('acronym');
  });

  it('shows the name evidence next to an org-number hit, so a renamed association is visible', () => {
    const ex = top(index, { name: 'Nordiska Motståndsrörelsen Ny', orgNumber: NMR })!.explanation;
    expect(ex.method).toBe('org_number');
    expect(ex.nameScore).toBeGreaterThan(0.5);
    expect(ex.unmatchedQueryTokens.map((t) => t.token)).toEqual(['Ny']);
  });

  it('is plain JSON: it survives being stored and read back', () => {
    const hit = top(index, { name: 'Svarta Fronten ideell förening' })!;
    expect(JSON.parse(JSON.stringify(hit))).toEqual(hit);
  });
});

describe('MatcherIndex: add and remove', () => {
  it('remove() takes an entry out of every kind of search', () => {
    const index = buildIndex();
    expect(index.size).toBe(entries.length);
    expect(index.remove('nmr')).toBe(true);
    expect(index.size).toBe(entries.length - 1);
    expect(index.search({ name: 'Nordiska Motståndsrörelsen' }, { minScore: 0.3 })).toEqual([]);
    expect(index.search({ name: 'Nordiska Motståndsrörelsen' }, { minScore: 0.3 })).toEqual([]);
    expect(index.search({ orgNumber: NMR })).toEqual([]);
    expect(index.search({ name: 'NMR' })).toEqual([]);
    expect(index.remove('nmr')).toBe(false);
  });

  it('adding an entry with a known id replaces it', () => {
    const index = buildIndex();
    index.add({ id: 'fronten', subjectKind: 'organisation', name: 'Gröna Kollektivet', aliases: [] });
    expect(index.size).toBe(entries.length);
    expect(index.search({ name: 'Svarta Fronten' })).toEqual([]);
    expect(top(index, { name: 'Gröna Kollektivet' })?.entryId).toBe('fronten');
  });

  it('reuses freed slots without mixing up entries', () => {
    const index = buildIndex();
    index.remove('ungdom');
    index.add({ id: 'ny', subjectKind: 'organisation', name: 'Autonoma Ligan', aliases: [] });
    expect(top(index, { name: 'Autonoma Ligan' })?.entryId).toBe('ny');
    expect(top(index, { name: 'Nordiska Motståndsrörelsen' })?.entryId).toBe('nmr');
    expect(index.search({ name: 'Södermalms Ungdomsförening' })).toEqual([]);
  });
});

describe('ties', () => {
  it('puts the name written exactly as asked first when folding makes two names equal', () => {
    for (const [first, second] of [
      ['z-as', 'a-as'],
      ['a-as', 'z-as'],
    ]) {
      const index = new MatcherIndex();
      index.add({ id: first!, subjectKind: 'organisation', name: 'Östra Sällskapet', aliases: ['ÅS'] });
      index.add({ id: second!, subjectKind: 'organisation', name: 'Äldre Sällskapet', aliases: ['ÄS'] });
      const hits = index.search({ name: 'ÄS' });
      expect(hits.map((h) => h.score)).toEqual([1, 1]);
      expect(hits[0]!.matchedName).toBe('ÄS');
    }
  });
});
