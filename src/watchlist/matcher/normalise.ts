// Turns a name as people write it into comparable tokens, and remembers what it had to do, so a
// hit can say "matched after folding ö→o and dropping the legal form" instead of just a number.
import { TokenTier } from './normalise.lexicon';
import {
  pushWordTokens,
  templatesOf,
  type Normalisation,
  type NormToken,
  type TokenTemplate,
} from './normalise.word';
import { readWords } from './normalise.words';

export { TokenTier } from './normalise.lexicon';
export {
  foldLetters,
  nearLexiconWord,
  normaliseWord,
  splitAtFuzzyHead,
  splitKey,
  type Normalisation,
  type TokenTemplate,
  type NormToken,
} from './normalise.word';

export interface NormalisedName {
  input: string;
  tokens: NormToken[];
  /** Normalisations applied to the whole string (NFKC, quotes, punctuation, initials). */
  applied: Normalisation[];
}

export function normaliseName(input: string): NormalisedName {
  // Each normalisation is noted at most once, in a fixed order: a list, no Set needed.
  const applied: Normalisation[] = [];
  const written: string[] = [];
  const words = readWords(input, applied, written);
  const tokens: NormToken[] = [];
  for (let i = 0; i < words.length; i++) pushWordTokens(tokens, words[i]!, i, written[i]!);
  // A name made only of lexicon words ("Förbundet", the alias "BK") has nothing else to identify
  // it by, so there those words count in full.
  let allLexicon = true;
  for (const t of tokens) if (t.tier === TokenTier.Normal) allLexicon = false;
  if (allLexicon) for (const t of tokens) t.tier = TokenTier.Normal;
  return { input, tokens, applied };
}

/**
 * What `normaliseName` makes of `input` for the index, which needs no token objects: the templates
 * of its tokens in order into `out`, the index of the written word each comes from into `wordOf`.
 * Returns whether the name is made only of lexicon words (then every token counts as Normal, as
 * `normaliseName` says).
 */
export function templatesOfName(input: string, out: TokenTemplate[], wordOf: number[]): boolean {
  out.length = 0;
  wordOf.length = 0;
  const words = readWords(input, [], [], false);
  let allLexicon = true;
  for (let i = 0; i < words.length; i++) {
    for (const t of templatesOf(words[i]!)) {
      if (t.tier === TokenTier.Normal) allLexicon = false;
      out.push(t);
      wordOf.push(i);
    }
  }
  return allLexicon;
}

/**
 * Two letters are initials of too many names to mean one of them (a two-letter alias given on an
 * entry still matches, as a word); eight is longer than any acronym in use.
 */
export const MIN_ACRONYM = 3;
export const MAX_ACRONYM = 8;

/**
 * Acronyms a multi-word name is known by: initials of its words other than legal forms, with
 * compounds split (Nordiska Motståndsrörelsen → "nmr") and unsplit ("nm"). Only names of two or
 * more written words have one. Tokens are given as their keys, tiers and whether each starts a
 * written word (the head of a split compound does not).
 */
export function acronymsOf(
  keys: readonly string[],
  tiers: readonly TokenTier[],
  starts: readonly boolean[],
): string[] {
  let split = '';
  let words = '';
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    if (starts[i]) written++;
    if (tiers[i] === TokenTier.Legal) continue;
    const initial = keys[i]![0] ?? '';
    split += initial;
    if (starts[i]) words += initial;
  }
  return acronymsFrom(split, words, written);
}

function acronymsFrom(split: string, words: string, written: number): string[] {
  if (written < 2) return [];
  const out: string[] = [];
  if (split.length >= MIN_ACRONYM && split.length <= MAX_ACRONYM) out.push(split);
  if (words !== split && words.length >= MIN_ACRONYM && words.length <= MAX_ACRONYM) out.push(words);
  return out;
}

const NO_ACRONYMS: readonly string[] = Object.freeze([]);
const initials: number[] = [];

/**
 * Acronyms of the first `count` tokens of a name given as templates (see `templatesOfName`), as
 * `acronymsOf` gives them. Built from the initials' codes only when long enough to be one: adding
 * letter by letter makes a string per letter, and this runs for every indexed name.
 */
export function acronymsOfTemplates(
  templates: readonly TokenTemplate[],
  wordOf: readonly number[],
  count: number,
  allLexicon: boolean,
): readonly string[] {
  let splitLength = 0;
  let wordsLength = 0;
  let written = 0;
  for (let i = 0; i < count; i++) {
    const starts = i === 0 || wordOf[i - 1] !== wordOf[i];
    if (starts) written++;
    if (!allLexicon && templates[i]!.tier === TokenTier.Legal) continue;
    splitLength++;
    if (starts) wordsLength++;
  }
  if (written < 2) return NO_ACRONYMS;
  const splitFits = splitLength >= MIN_ACRONYM && splitLength <= MAX_ACRONYM;
  // The acronym of whole words differs from the split one only if some compound was split.
  const wordsFits = wordsLength !== splitLength && wordsLength >= MIN_ACRONYM && wordsLength <= MAX_ACRONYM;
  if (!splitFits && !wordsFits) return NO_ACRONYMS;
  const out: string[] = [];
  for (const whole of [false, true]) {
    if (whole ? !wordsFits : !splitFits) continue;
    initials.length = 0;
    for (let i = 0; i < count; i++) {
      if (!allLexicon && templates[i]!.tier === TokenTier.Legal) continue;
      if (whole && i > 0 && wordOf[i - 1] === wordOf[i]) continue;
      initials.push(templates[i]!.key.charCodeAt(0));
    }
    out.push(String.fromCharCode.apply(null, initials));
  }
  return out;
}

/** Acronyms of a normalised name (see `acronymsOf`); read straight off its tokens. */
export function acronymsOfName(name: NormalisedName): string[] {
  const t = name.tokens;
  let split = '';
  let words = '';
  let written = 0;
  for (let i = 0; i < t.length; i++) {
    const starts = i === 0 || t[i - 1]!.word !== t[i]!.word;
    if (starts) written++;
    if (t[i]!.tier === TokenTier.Legal) continue;
    const initial = t[i]!.key[0] ?? '';
    split += initial;
    if (starts) words += initial;
  }
  return acronymsFrom(split, words, written);
}
