// Generic Swedish knowledge about association names: which words say what *kind* of body it is
// rather than *which* body. Other jurisdictions' legal forms, titles and particles are in
// normalise.legal-forms.ts. Every word is written in folded form (å/ä → a, ö → o, lower case),
// because the lexicon is consulted after folding. Nothing here comes from any particular list.

import { CLASS_WORDS, LEGAL_FORMS, PERSON_WORDS } from './normalise.legal-forms';

/** How much a word tells about which association is meant. */
export const enum TokenTier {
  /** Ordinary, distinctive word: weighted by its rarity alone. */
  Normal = 0,
  /** Kind of association (klubb, sällskap, förbund…): says a little, so it keeps some weight. */
  Class = 1,
  /** Legal form, abbreviation of one, or a function word: almost no evidence either way. */
  Legal = 2,
}

/** Word → [tier, lemma]. The lemma merges definite/plural forms so "Föreningen" pairs with "förening". */
const ENTRIES: Array<[TokenTier, string, string[]]> = [
  // Legal forms and their usual abbreviations.
  [TokenTier.Legal, 'forening', ['forening', 'foreningen', 'foreningar', 'foreningarna']],
  [TokenTier.Legal, 'ideell', ['ideell', 'ideella', 'ideel']],
  [TokenTier.Legal, 'ekonomisk', ['ekonomisk', 'ekonomiska']],
  [TokenTier.Legal, 'ek', ['ek']],
  [TokenTier.Legal, 'stiftelse', ['stiftelse', 'stiftelsen']],
  [TokenTier.Legal, 'aktiebolag', ['aktiebolag', 'aktiebolaget']],
  [TokenTier.Legal, 'handelsbolag', ['handelsbolag', 'handelsbolaget']],
  [TokenTier.Legal, 'kommanditbolag', ['kommanditbolag', 'kommanditbolaget']],
  [TokenTier.Legal, 'upa', ['upa']],
  [TokenTier.Legal, 'samfallighetsforening', ['samfallighetsforening', 'samfallighetsforeningen']],
  [TokenTier.Legal, 'bostadsrattsforening', ['bostadsrattsforening', 'bostadsrattsforeningen', 'brf']],
  [TokenTier.Legal, 'org', ['org', 'orgnr']],
  // Abbreviations of legal forms and of sports clubs (idrottsförening, idrottsklubb, bollklubb …).
  // Each stays its own word: the alias "BK" must not equal the alias "SK".
  ...['ab', 'hb', 'kb', 'publ', 'if', 'ik', 'bk', 'fk', 'ff', 'sk', 'gif', 'aif', 'ifk', 'fc', 'sc'].map(
    (a): [TokenTier, string, string[]] => [TokenTier.Legal, a, [a]],
  ),
  // Function words: they glue names together and carry no identity.
  [TokenTier.Legal, 'och', ['och', 'and', 'und', 'et']],
  [TokenTier.Legal, 'for', ['for', 'foer']],
  [TokenTier.Legal, 'i', ['i', 'pa', 'av', 'vid', 'med', 'mot', 'till', 'om', 'inom']],
  [TokenTier.Legal, 'den', ['den', 'det', 'de', 'en', 'ett', 'the', 'of']],

  // Kinds of association. Distinctive enough to keep some weight, not enough to carry a match.
  [TokenTier.Class, 'forbund', ['forbund', 'forbundet', 'forbunden', 'riksforbund', 'riksforbundet']],
  [TokenTier.Class, 'klubb', ['klubb', 'klubben', 'klubbar', 'klubbarna']],
  [TokenTier.Class, 'sallskap', ['sallskap', 'sallskapet']],
  [TokenTier.Class, 'samfund', ['samfund', 'samfundet']],
  [TokenTier.Class, 'gille', ['gille', 'gillet']],
  [TokenTier.Class, 'kar', ['kar', 'karen']],
  [TokenTier.Class, 'lag', ['laget']],
  [TokenTier.Class, 'cirkel', ['cirkel', 'cirkeln']],
  [TokenTier.Class, 'union', ['union', 'unionen']],
  [TokenTier.Class, 'rorelse', ['rorelse', 'rorelsen']],
  [TokenTier.Class, 'natverk', ['natverk', 'natverket']],
  [TokenTier.Class, 'grupp', ['grupp', 'gruppen']],
  [TokenTier.Class, 'kollektiv', ['kollektiv', 'kollektivet']],
  [TokenTier.Class, 'allians', ['allians', 'alliansen']],
  [TokenTier.Class, 'akademi', ['akademi', 'akademin']],
  [TokenTier.Class, 'institut', ['institut', 'institutet']],
  [TokenTier.Class, 'rad', ['radet']],
  [TokenTier.Class, 'parti', ['parti', 'partiet']],
  [TokenTier.Class, 'front', ['front', 'fronten']],
  [TokenTier.Class, 'gemenskap', ['gemenskap', 'gemenskapen']],
  [TokenTier.Class, 'initiativ', ['initiativ', 'initiativet']],
  [TokenTier.Class, 'liga', ['liga', 'ligan']],
  [TokenTier.Class, 'orden', ['orden']],
  [TokenTier.Class, 'kommitte', ['kommitte', 'kommitten']],
  [TokenTier.Class, 'brodraskap', ['brodraskap', 'brodraskapet']],
  [TokenTier.Class, 'systraskap', ['systraskap', 'systraskapet']],
];

export interface LexiconWord {
  tier: TokenTier;
  lemma: string;
}

function buildLexicon(): Map<string, LexiconWord> {
  const map = new Map<string, LexiconWord>(
    ENTRIES.flatMap(([tier, lemma, forms]) => forms.map((f): [string, LexiconWord] => [f, { tier, lemma }])),
  );
  const tierOfLemma = new Map(ENTRIES.map(([tier, lemma]) => [lemma, tier]));
  const add = (table: typeof LEGAL_FORMS, tier: TokenTier): void => {
    for (const [lemma, forms] of table) {
      // A word that is the lemma of a Swedish entry keeps that entry's tier ("foundation" → stiftelse).
      const t = tierOfLemma.get(lemma) ?? tier;
      // Multi-word forms are read as their lemma by normalise.phrases.ts; the Swedish entries win.
      for (const f of forms) if (!f.includes(' ') && !map.has(f)) map.set(f, { tier: t, lemma });
      if (!map.has(lemma)) map.set(lemma, { tier: t, lemma });
    }
  };
  add(LEGAL_FORMS, TokenTier.Legal);
  add(PERSON_WORDS, TokenTier.Legal);
  add(CLASS_WORDS, TokenTier.Class);
  return map;
}

export const LEXICON: ReadonlyMap<string, LexiconWord> = buildLexicon();

/**
 * Heads that end Swedish compounds naming a kind of association ("schack|förening",
 * "kampsports|klubben", "motstånds|rörelsen"). Splitting them off lets the distinctive first part be
 * compared on its own, and gives acronyms their letters (Nordiska Motståndsrörelsen → NMR).
 * Longest first so "foreningen" wins over "forening".
 */
export const COMPOUND_HEADS: readonly string[] = [
  ...new Set(
    ENTRIES.filter(([, lemma]) =>
      [
        'forening',
        'forbund',
        'klubb',
        'sallskap',
        'samfund',
        'gille',
        'kar',
        'cirkel',
        'rorelse',
        'natverk',
        'grupp',
        'kollektiv',
        'allians',
        'akademi',
        'institut',
        'parti',
        'front',
        'gemenskap',
        'brodraskap',
        'systraskap',
        'stiftelse',
        'aktiebolag',
      ].includes(lemma),
    ).flatMap(([, , forms]) => forms),
  ),
]
  // Very short heads ("kår", "kåren") would split ordinary words; such words must stand alone.
  .filter((h) => h.length >= 5 && !h.startsWith('kar'))
  .sort((a, b) => b.length - a.length);

/**
 * Heads recognised with a typo in them ("ungdomsförbudet", "schackgill"). Only ever tried as an
 * alternative reading of a query, so a wrong guess cannot hurt an exact match.
 */
export const FUZZY_COMPOUND_HEADS: readonly string[] = COMPOUND_HEADS;

/** Minimum length of the part before a compound head, so "klubben" or "aklubb" never split. */
export const MIN_COMPOUND_STEM = 3;
/** …also before a head recognised despite a typo ("sim|förbund"). */
export const MIN_FUZZY_COMPOUND_STEM = 3;
