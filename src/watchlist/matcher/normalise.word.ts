// Normalisation of one written word: letters folded, genitive -s dropped, legal-form and class words
// recognised (also with a typo), compounds split at a kind-of-association head. Words repeat across
// names far more than names do, so results are cached by word; that is most of the index build.
import anyAscii from 'any-ascii';
import {
  COMPOUND_HEADS,
  FUZZY_COMPOUND_HEADS,
  LEXICON,
  MIN_COMPOUND_STEM,
  MIN_FUZZY_COMPOUND_STEM,
  TokenTier,
  type LexiconWord,
} from './normalise.lexicon';
import { OneEditDictionary } from './similarity';
import { isAbjad, noteAbjadKey } from './matcher.skeleton';
import type { Normalisation, NormToken } from './normalise.types';

export type { Normalisation, NormToken } from './normalise.types';

const SWEDISH_FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', æ: 'a', ø: 'o', ü: 'u' };
// How the same letters are written on a keyboard without them. A token keeps this form too, so
// "Foereningen" meets "Föreningen" exactly while "Boende" and "Bonde" stay different words.
const SWEDISH_TRANSLIT: Record<string, string> = { å: 'aa', ä: 'ae', ö: 'oe', æ: 'ae', ø: 'oe', ü: 'ue' };
const SWEDISH_LETTERS = /[åäöæøü]/;

function fold(word: string, letters: Record<string, string>, applied?: Set<Normalisation>): string {
  let s = word.replace(/[åäöæøü]/g, (c) => {
    applied?.add('diacritics_fold');
    return letters[c]!;
  });
  // é → e, ß → ss, ł → l …: everything else any-ascii knows.
  if (/[^a-z0-9]/.test(s)) {
    const ascii = anyAscii(scriptConventions(s))
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    if (ascii !== s) applied?.add('ascii_fold');
    s = ascii;
  }
  return s;
}

const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Where any-ascii's letter-by-letter reading differs from how names from a script are written in
 * Latin letters: Greek ου is "ou" (Papadopoulos), a Russian -ий/-ый ending is "-y" (Dmitry,
 * Khodorkovsky), as the lists and the press write them.
 */
function scriptConventions(s: string): string {
  if (GREEK.test(s)) return s.replace(/ο[υύ]/g, 'ou').replace(/Ο[υύ]/g, 'Ou');
  if (CYRILLIC.test(s)) return s.replace(/[иы]й$/u, 'ы').replace(/ь/g, '');
  return s;
}

/** Letters folded to a–z (å→a, é→e…), nothing else: for comparing initials. */
export function foldLetters(word: string): string {
  return fold(word, SWEDISH_FOLD);
}

const INITIAL = /^[a-z]$/;

function stripGenitive(s: string, applied: Set<Normalisation>): string {
  if (s.length >= 5 && s.endsWith('s') && !s.endsWith('ss')) {
    applied.add('genitive_s');
    return s.slice(0, -1);
  }
  return s;
}

// Lexicon words long enough that one typo cannot turn another real word into them.
const FUZZY_LEXICON = new OneEditDictionary([...LEXICON.keys()].filter((w) => w.length >= 6));
const FUZZY_HEADS = new OneEditDictionary(FUZZY_COMPOUND_HEADS);

// Every written form of a lexicon word, for reading a short query word with a typo ("Lian" for
// "Ligan") as that word. At query time only: normalisation leaves short words alone.
const LEXICON_FORMS = new OneEditDictionary([...LEXICON.keys()].filter((w) => w.length >= 4));

/** The lexicon word a query word is one edit from, with the form it is close to. */
export function nearLexiconWord(key: string): { form: string; lemma: string } | undefined {
  const form = LEXICON_FORMS.find(key);
  return form === undefined ? undefined : { form, lemma: LEXICON.get(form)!.lemma };
}

function lookupLexicon(key: string, applied: Set<Normalisation>): LexiconWord | undefined {
  const exact = LEXICON.get(key);
  if (exact) return exact;
  if (key.length < 5) return undefined;
  const near = FUZZY_LEXICON.find(key);
  if (near === undefined) return undefined;
  applied.add('legal_form_typo');
  return LEXICON.get(near);
}

/**
 * `keySurface` is the written (lower-case) letters the key was folded from, when folding kept
 * their positions; the transliterated form is derived from it.
 */
function makeToken(
  key: string,
  full: string | null,
  keySurface: string | null,
  surface: string,
  written: string,
  word: number,
  applied: Set<Normalisation>,
): NormToken {
  // The lexicon is of words in Latin letters; a word from Arabic or Hebrew letters ("mr" of عمر) is
  // never one of them.
  const lex = isAbjad(surface)
    ? undefined
    : (lookupLexicon(key, applied) ?? (full === null ? undefined : lookupLexicon(full, applied)));
  if (lex) {
    applied.add(lex.tier === TokenTier.Legal ? 'legal_form_low_weight' : 'class_word_low_weight');
    return { key: lex.lemma, surface, written, tier: lex.tier, word, applied: [...applied] };
  }
  // A lone letter is an initial ("A. Berg"): it pairs with any word it begins (matcher.score.ts), so
  // it weighs like a class word, and retrieval counts on it pairing.
  const tier = INITIAL.test(key) ? TokenTier.Class : TokenTier.Normal;
  const token: NormToken = { key, surface, written, tier, word, applied: [...applied] };
  if (isAbjad(surface)) noteAbjadKey(key);
  if (keySurface && SWEDISH_LETTERS.test(keySurface)) token.translit = fold(keySurface, SWEDISH_TRANSLIT);
  if (full !== null) token.full = full;
  return token;
}

/**
 * Where a compound naming a kind of association splits ("schack|föreningen"); null when the word is
 * not such a compound. With `fuzzy`, also where the head has a typo ("ungdoms|förbudet").
 */
function findHead(key: string, fuzzy: boolean): number | null {
  if (LEXICON.has(key)) return null;
  for (const head of COMPOUND_HEADS) {
    if (key.length - head.length >= MIN_COMPOUND_STEM && key.endsWith(head)) return key.length - head.length;
  }
  if (!fuzzy) return null;
  // Longest tail first, so "förbundet" is preferred over a shorter head inside it.
  for (let at = MIN_FUZZY_COMPOUND_STEM; at <= key.length - FUZZY_HEADS.minLength + 1; at++) {
    if (FUZZY_HEADS.find(key.slice(at)) !== undefined) return at;
  }
  return null;
}

/** A word's tokens without what depends on where the word stands in a name. */
export interface TokenTemplate {
  readonly key: string;
  readonly translit: string | undefined;
  readonly full: string | undefined;
  readonly tier: TokenTier;
  readonly applied: Normalisation[];
  /** The part of the word this token covers, when folding kept letter positions. */
  readonly cut: [number, number] | null;
  /**
   * The vocabulary that last interned the key, and the id it has there: the index build looks a
   * word's token up once per index, not once per name (a vocabulary never forgets a token).
   */
  internedBy: number;
  internedId: number;
}

// Distinct words across a large register number in the tens of thousands; the limit keeps a
// pathological input from growing the cache without bound.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, TokenTemplate[]>();

function template(token: NormToken, cut: [number, number] | null): TokenTemplate {
  // Every property set, in one order: one object shape.
  return {
    key: token.key,
    translit: token.translit,
    full: token.full,
    tier: token.tier,
    applied: token.applied,
    cut,
    internedBy: 0,
    internedId: -1,
  };
}

function analyseWord(surface: string, fuzzyHeads: boolean): TokenTemplate[] {
  const applied = new Set<Normalisation>();
  let key = fold(surface, SWEDISH_FOLD, applied);
  if (key === '') return [];
  // Folding å/ä/ö keeps positions, so the written letters of each part can be cut out alongside.
  let keySurface: string | null = key.length === surface.length ? surface : null;
  let full: string | null = null;
  const stripped = stripGenitive(key, applied);
  if (stripped !== key) {
    full = key;
    key = stripped;
    keySurface = keySurface === null ? null : keySurface.slice(0, -1);
  }
  const at = findHead(key, fuzzyHeads);
  if (at === null) return [template(makeToken(key, full, keySurface, surface, surface, 0, applied), null)];

  const stemApplied = new Set(applied).add('compound_split');
  let stem = key.slice(0, at);
  let stemFull: string | null = null;
  let stemSurface = keySurface === null ? null : keySurface.slice(0, at);
  // The linking -s of a compound ("ungdoms|förbundet") goes like a genitive.
  const linked = stripGenitive(stem, stemApplied);
  if (linked !== stem) {
    stemFull = stem;
    stem = linked;
    stemSurface = stemSurface === null ? null : stemSurface.slice(0, -1);
  }
  // The head shares the word's letter folds, not what happened to the stem.
  const headApplied = new Set<Normalisation>(['compound_split']);
  for (const a of applied) if (a === 'diacritics_fold' || a === 'ascii_fold') headApplied.add(a);
  const head = keySurface === null ? null : keySurface.slice(at);
  const positional = keySurface !== null;
  return [
    template(
      makeToken(stem, stemFull, stemSurface, surface, surface, 0, stemApplied),
      positional ? [0, at] : null,
    ),
    template(
      makeToken(key.slice(at), null, head, surface, surface, 0, headApplied),
      positional ? [at, surface.length] : null,
    ),
  ];
}

/**
 * Tokens of one written word (already lower-cased, without punctuation). `fuzzyHeads` also splits
 * compounds whose head has a typo; that guesses ("solidartiet" is 1 edit from "soli|partiet"), so it
 * is only ever tried as an alternative reading of a query, never for indexed names.
 */
export function normaliseWord(
  surface: string,
  word: number,
  written = surface,
  fuzzyHeads = false,
): NormToken[] {
  const out: NormToken[] = [];
  pushTokens(out, fuzzyHeads ? analyseWord(surface, true) : templatesOf(surface), surface, word, written);
  return out;
}

/** `normaliseWord(surface, word, written)` appended to `out`, without a list of its own. */
export function pushWordTokens(out: NormToken[], surface: string, word: number, written: string): void {
  pushTokens(out, templatesOf(surface), surface, word, written);
}

/** The templates of a word's tokens (see `normaliseWord`), cached by word. */
export function templatesOf(surface: string): TokenTemplate[] {
  let templates = cache.get(surface);
  if (templates === undefined) {
    templates = analyseWord(surface, false);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(surface, templates);
  }
  return templates;
}

function pushTokens(
  out: NormToken[],
  templates: TokenTemplate[],
  surface: string,
  word: number,
  written: string,
): void {
  for (const t of templates) {
    // A split compound shows its own part of the word ("Schack" and "förening" of "Schackförening").
    const shown =
      t.cut !== null && written.length === surface.length ? written.slice(t.cut[0], t.cut[1]) : written;
    // Every token gets every property, in one order: one object shape keeps the hot loops fast.
    out.push({
      key: t.key,
      translit: t.translit,
      full: t.full,
      surface,
      written: shown,
      tier: t.tier,
      word,
      applied: t.applied,
    });
  }
}

/** A one-token word read as a compound whose head has a typo; null when it cannot be. */
export function splitAtFuzzyHead(token: NormToken): NormToken[] | null {
  const parts = normaliseWord(token.surface, token.word, token.written, true);
  return parts.length === 2 ? parts : null;
}

/** A key cut in two at `at`, each part canonical; null if a part would be too short to mean anything. */
export function splitKey(key: string, at: number): [string, string] | null {
  const scratch = new Set<Normalisation>();
  const left = stripGenitive(key.slice(0, at), scratch);
  const right = stripGenitive(key.slice(at), scratch);
  return left.length >= 3 && right.length >= 3 ? [left, right] : null;
}
