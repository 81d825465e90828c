import { acronymsOfName, normaliseName, TokenTier } from '../../src/watchlist/matcher/normalise';

const keys = (name: string): string[] => normaliseName(name).tokens.map((t) => t.key);

describe('normaliseName', () => {
  it('folds case, Unicode compatibility forms, quotes and punctuation away', () => {
    expect(keys('"NORDISKA" Motståndsrörelsen.')).toEqual(keys('nordiska motståndsrörelsen'));
    // Full-width letters and the "ﬁ" ligature are NFKC-equivalent to plain ones.
    expect(keys('ＦＲＩＡ Gillet')).toEqual(keys('Fria Gillet'));
    expect(keys('Konstﬁlm')).toEqual(keys('Konstfilm'));
    const n = normaliseName('«Fria»-Gillet!');
    expect(n.applied).toEqual(expect.arrayContaining(['quotes', 'punctuation', 'case_fold']));
    expect(n.tokens.map((t) => t.written)).toEqual(['Fria', 'Gillet']);
  });

  it('folds å/ä/ö to a/o, and other accents through any-ascii', () => {
    expect(keys('Södra Älvsjö Förbundet')).toEqual(keys('Sodra Alvsjo Forbundet'));
    expect(keys('Café Ångström')).toEqual(keys('Cafe Angstrom'));
    expect(normaliseName('Älvsjö').tokens[0]!.applied).toContain('diacritics_fold');
  });

  it('keeps the aa/ae/oe spelling of words with å/ä/ö, without folding ASCII words that merely contain them', () => {
    expect(normaliseName('Väktaren').tokens[0]!.translit).toBe('vaektaren');
    expect(normaliseName('Vårberg').tokens[0]!.translit).toBe('vaarberg');
    // "Boende" is its own word, not a transliterated "Bönde": it keeps its letters.
    expect(keys('Boende')).toEqual(['boende']);
  });

  it('collapses initials written with dots or spaces', () => {
    expect(keys('N.M.R.')).toEqual(['nmr']);
    expect(keys('N. M. R.')).toEqual(['nmr']);
    expect(normaliseName('N.M.R.').applied).toContain('initials_collapsed');
    // A lone letter is not an initial run.
    expect(keys('Föreningen i Årsta')).toHaveLength(3);
  });

  it('drops the genitive -s', () => {
    expect(keys('Södermalms Schackklubb')).toEqual(keys('Södermalm Schackklubb'));
    expect(normaliseName('Hornstulls').tokens[0]!.applied).toContain('genitive_s');
  });

  it('keeps legal-form and class words as low-tier tokens instead of deleting them', () => {
    const n = normaliseName('Fria Gillet, ideell förening IF');
    expect(n.tokens.map((t) => [t.key, t.tier])).toEqual([
      ['fria', TokenTier.Normal],
      ['gille', TokenTier.Class],
      ['ideell', TokenTier.Legal],
      ['forening', TokenTier.Legal],
      ['if', TokenTier.Legal],
    ]);
    // Definite and indefinite forms are the same word.
    expect(keys('Föreningen Förbundet')).toEqual(keys('Förening Förbund'));
  });

  it('recognises a legal-form word with a typo in it', () => {
    const t = normaliseName('Fria Gillet ideell föreinng').tokens[3]!;
    expect([t.key, t.tier]).toEqual(['forening', TokenTier.Legal]);
    expect(t.applied).toContain('legal_form_typo');
  });

  it('counts lexicon words in full when a name has nothing else', () => {
    expect(normaliseName('BK').tokens[0]!.tier).toBe(TokenTier.Normal);
    expect(normaliseName('Förbundet').tokens[0]!.tier).toBe(TokenTier.Normal);
    // …and keeps abbreviations apart: the alias "BK" is not the alias "SK".
    expect(keys('BK')).not.toEqual(keys('SK'));
  });

  it('splits compounds that end in a kind of association, however they are written', () => {
    expect(keys('Motståndsrörelsen')).toEqual(['motstand', 'rorelse']);
    expect(keys('Motstånds rörelsen')).toEqual(keys('Motståndsrörelsen'));
    const [stem, head] = normaliseName('Schackföreningen').tokens;
    expect([stem!.key, stem!.tier, stem!.written]).toEqual(['schack', TokenTier.Normal, 'Schack']);
    expect([head!.key, head!.tier, head!.written]).toEqual(['forening', TokenTier.Legal, 'föreningen']);
  });

  it('does not split an unknown word just because its end is one edit from a head', () => {
    expect(keys('Solidartiet')).toEqual(['solidartiet']);
  });
});

describe('acronymsOfName', () => {
  it('gives the initials of multi-word names, compounds split and unsplit, without legal forms', () => {
    expect(acronymsOfName(normaliseName('Nordiska Motståndsrörelsen'))).toEqual(['nmr']);
    expect(acronymsOfName(normaliseName('Föreningen Nordiska Motståndsrörelsen'))).toEqual(['nmr']);
    expect(acronymsOfName(normaliseName('Nationella Nordiska Motståndsrörelsen'))).toEqual(['nnmr', 'nnm']);
  });

  it('gives none for one-word names or two-letter initials', () => {
    expect(acronymsOfName(normaliseName('Motståndsrörelsen'))).toEqual([]);
    expect(acronymsOfName(normaliseName('Fria Gillet'))).toEqual([]);
  });
});
