// Legal forms of other jurisdictions, their abbreviations and the long forms they abbreviate, and the
// words that mark a person's title or a name particle. Like the Swedish forms in normalise.lexicon.ts
// they say what kind of body (or what courtesy) a name carries, not which one, so they all go to the
// low-weight legal-form class.
//
// Assembled by hand from general knowledge of the ISO 20275 "Entity Legal Forms" (ELF) code list
// (GLEIF, https://www.gleif.org/en/about-lei/code-lists/iso-20275-entity-legal-forms-code-list): for
// each form its local name and the abbreviation the list gives, written in folded form (lower case,
// å/ä → a, ö → o, other letters as any-ascii writes them, dots and spaces gone, as a name's words read
// after normalisation: "S.p.A." → "spa", "Sp. z o.o." → "sp zoo"). Where a Russian form is commonly
// translated (ООО ↔ LLC, АО ↔ JSC, ПАО ↔ PJSC, ОАО ↔ OJSC, ЗАО ↔ CJSC), both share one lemma,
// because sanctions lists give the same body either way. Nothing here comes from any evaluation set.

/** Lemma → every written form, one word or several (space-separated, already folded). */
export const LEGAL_FORMS: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Germany, Austria, Switzerland.
  ['ag', ['ag', 'aktiengesellschaft']],
  ['gmbh', ['gmbh', 'gesmbh', 'ggmbh', 'gesellschaft mit beschrankter haftung', 'ges mbh']],
  ['kg', ['kg', 'kommanditgesellschaft']],
  ['kgaa', ['kgaa', 'kommanditgesellschaft auf aktien']],
  ['ohg', ['ohg', 'offene handelsgesellschaft']],
  ['ev', ['ev', 'eingetragener verein']],
  ['ug', ['ug', 'unternehmergesellschaft']],
  ['se', ['se', 'societas europaea']],
  // English-speaking jurisdictions.
  ['ltd', ['ltd', 'limited']],
  ['plc', ['plc', 'public limited company']],
  ['llc', ['llc', 'limited liability company']],
  ['llp', ['llp', 'limited liability partnership']],
  ['lp', ['lp', 'limited partnership']],
  ['inc', ['inc', 'incorporated']],
  ['corp', ['corp', 'corporation']],
  ['co', ['co', 'company', 'compagnie', 'cie', 'cia', 'compania']],
  ['pty', ['pty', 'proprietary']],
  // Russian Federation and neighbours (transliterated as any-ascii and as usually written in English).
  [
    'llc',
    [
      'ooo',
      'obshchestvo s ogranichennoy otvetstvennostyu',
      'obshchestvo s ogranichennoi otvetstvennostiu',
      'obshchestvo s ogranichennoj otvetstvennostju',
      'obschestvo s ogranichennoy otvetstvennostyu',
      'tov',
      'tovarystvo z obmezhenoyu vidpovidalnistyu',
    ],
  ],
  [
    'jsc',
    [
      'jsc',
      'ao',
      'ad',
      'joint stock company',
      'aktsionernoye obshchestvo',
      'aktsionernoe obshchestvo',
      'aktsionernoe obshestvo',
    ],
  ],
  [
    'pjsc',
    [
      'pjsc',
      'pao',
      'public joint stock company',
      'publichnoye aktsionernoye obshchestvo',
      'publichnoe aktsionernoe obshchestvo',
    ],
  ],
  [
    'ojsc',
    [
      'ojsc',
      'oao',
      'open joint stock company',
      'otkrytoye aktsionernoye obshchestvo',
      'otkrytoe aktsionernoe obshchestvo',
    ],
  ],
  [
    'cjsc',
    [
      'cjsc',
      'zao',
      'closed joint stock company',
      'zakrytoye aktsionernoye obshchestvo',
      'zakrytoe aktsionernoe obshchestvo',
    ],
  ],
  ['fgup', ['fgup', 'federalnoye gosudarstvennoye unitarnoye predpriyatiye']],
  // Romance languages.
  [
    'srl',
    [
      'srl',
      'societatea cu raspundere limitata',
      'societa a responsabilita limitata',
      'sociedad de responsabilidad limitada',
    ],
  ],
  ['sarl', ['sarl', 'societe a responsabilite limitee']],
  ['sa', ['sa', 'societe anonyme', 'sociedad anonima', 'sociedade anonima', 'societate pe actiuni']],
  ['sas', ['sas', 'societe par actions simplifiee']],
  ['spa', ['spa', 'societa per azioni']],
  ['sl', ['sl', 'sociedad limitada']],
  ['ltda', ['ltda', 'limitada']],
  ['snc', ['snc', 'societe en nom collectif', 'societa in nome collettivo']],
  // Benelux.
  ['bv', ['bv', 'besloten vennootschap', 'besloten vennootschap met beperkte aansprakelijkheid']],
  ['nv', ['nv', 'naamloze vennootschap']],
  ['bvba', ['bvba', 'besloten vennootschap met beperkte aansprakelijkheid bvba']],
  // Nordic countries (Sweden's own forms are in normalise.lexicon.ts).
  ['oy', ['oy', 'osakeyhtio']],
  ['oyj', ['oyj', 'julkinen osakeyhtio']],
  ['as', ['as', 'aksjeselskap', 'aktieselskab', 'aktsiaselts', 'akciova spolecnost']],
  ['asa', ['asa', 'allmennaksjeselskap']],
  ['aps', ['aps', 'anpartsselskab']],
  ['ky', ['ky', 'kommandiittiyhtio']],
  // Central and eastern Europe.
  ['spzoo', ['sp zoo', 'sp z oo', 'spzoo', 'spolka z ograniczona odpowiedzialnoscia', 'spolka zoo']],
  ['sro', ['sro', 'spolecnost s rucenim omezenym', 'spolocnost s rucenim obmedzenym']],
  ['kft', ['kft', 'korlatolt felelossegu tarsasag']],
  ['zrt', ['zrt', 'nyrt', 'rt', 'reszvenytarsasag']],
  ['doo', ['doo', 'drustvo s ogranicenom odgovornoscu']],
  ['ood', ['ood', 'eood']],
  // Elsewhere.
  ['as', ['anonim sirketi', 'anonim sirket']],
  ['ltd', ['limited sirketi', 'ltd sti', 'sti']],
  ['kk', ['kk', 'kabushiki kaisha', 'kabushikigaisha']],
  ['fze', ['fze', 'fzco', 'fzc', 'fz', 'free zone establishment', 'free zone company']],
  ['pcl', ['pcl', 'public company limited']],
  ['bhd', ['bhd', 'berhad', 'sdn', 'sendirian']],
  ['tbk', ['tbk', 'pt', 'perseroan terbatas']],
];

/**
 * Titles and honorifics before a person's name, and particles inside one. They are written in front of
 * some copies of a name and not others, so they must not weigh as part of it.
 */
export const PERSON_WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['mr', ['mr', 'mister', 'herr', 'monsieur', 'senor', 'signor']],
  ['mrs', ['mrs', 'ms', 'miss', 'fru', 'froken', 'frau', 'madame', 'mme', 'senora', 'signora']],
  ['dr', ['dr', 'doctor', 'doktor']],
  ['prof', ['prof', 'professor']],
  ['sheikh', ['sheikh', 'shaikh', 'sheik', 'shaykh', 'cheikh']],
  ['president', ['president', 'presidenten']],
  ['sir', ['sir', 'dame', 'lord', 'lady']],
  ['general', ['gen', 'general', 'generalen', 'col', 'colonel', 'capt', 'captain']],
  ['imam', ['imam', 'mullah', 'mulla']],
  ['rev', ['rev', 'reverend', 'pastor']],
  // Particles: "Osama bin Laden" is also written "Osama Laden", "al-Baghdadi" "Baghdadi".
  ['bin', ['bin', 'ibn', 'bint']],
  ['al', ['al', 'el', 'ul']],
  ['von', ['von', 'zu']],
  ['van', ['van', 'der', 'ter', 'ten']],
  ['af', ['af']],
  ['da', ['da', 'di', 'du', 'do', 'dos', 'das', 'del', 'della', 'le', 'la']],
];

/** English and other words naming a kind of body: some weight, like the Swedish class words. */
export const CLASS_WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['forbund', ['federation', 'association']],
  ['klubb', ['club']],
  ['sallskap', ['society']],
  ['rorelse', ['movement']],
  ['natverk', ['network']],
  ['grupp', ['group', 'groupe', 'gruppe']],
  ['holding', ['holding', 'holdings']],
  ['international', ['international', 'internationale', 'intl']],
  ['stiftelse', ['foundation', 'stiftung', 'fondation']],
  ['akademi', ['academy']],
  ['institut', ['institute']],
  ['parti', ['party']],
  ['kommitte', ['committee']],
  ['liga', ['league']],
  ['allians', ['alliance']],
  ['brodraskap', ['brotherhood']],
  ['organisation', ['organisation', 'organization']],
  ['brigade', ['brigade', 'brigades', 'battalion', 'battalions']],
  ['trading', ['trading', 'trade']],
  ['industries', ['industries', 'industry', 'industrial']],
  ['enterprises', ['enterprise', 'enterprises']],
  ['services', ['services', 'service']],
];
