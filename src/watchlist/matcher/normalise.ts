// Turns a name as people write it into comparable tokens, and remembers what it had to do, so a
// hit can say "matched after folding ö→o and dropping the legal form" instead of just a number.
import { TokenTier } from './normalise.lexicon';
import { collapseLegalPhrases, folded } from './normalise.phrases';
import { numbersToDigits } from './normalise.numbers';
import { foldLetters, normaliseWord, type Normalisation, type NormToken } from './normalise.word';

export { TokenTier } from './normalise.lexicon';
export {
  foldLetters,
  nearLexiconWord,
  normaliseWord,
  splitAtFuzzyHead,
  splitKey,
  type Normalisation,
  type NormToken,
} from './normalise.word';

export interface NormalisedName {
  input: string;
  tokens: NormToken[];
  /** Normalisations applied to the whole string (NFKC, quotes, punctuation, initials). */
  applied: Normalisation[];
}

// Apostrophes inside a name go without a trace ("Qa'ida" is "Qaida"), modifier letters too.
const QUOTES = /["'`´‘’‚‛“”„‟«»‹›ʼʻʹ]/;
const QUOTES_ALL = new RegExp(QUOTES.source, 'g');
// Anything that is neither letter nor digit separates words; "&" is read as "och".
const NON_WORD = /[^\p{L}\p{N}]+/gu;

const SINGLE_LETTER = /^\p{L}$/u;

/** Joins runs of single letters ("n m r", from "N.M.R.") into one word; returns whether it did. */
function collapseInitials(words: string[], written: string[]): boolean {
  let collapsed = false;
  let out = 0;
  for (let i = 0; i < words.length;) {
    let j = i;
    let run = '';
    let runWritten = '';
    while (j < words.length && words[j]!.length <= 2 && SINGLE_LETTER.test(words[j]!)) {
      run += words[j];
      runWritten += written[j];
      j++;
    }
    if (j - i >= 2) {
      collapsed = true;
      words[out] = run;
      written[out++] = runWritten;
      i = j;
    } else {
      words[out] = words[i]!;
      written[out++] = written[i]!;
      i++;
    }
  }
  words.length = out;
  written.length = out;
  return collapsed;
}

const PUNCTUATION = /[^\p{L}\p{N}\s]/u;
// Printable ASCII and the Latin-1 letters (À–ÿ) are their own NFKC form; most names are only that,
// and skipping normalize() for them is a good part of the index build.
const NFKC_STABLE = /^[\x20-\x7e\u00c0-\u00ff]*$/;

const foldCached = (word: string): string => folded(word, foldLetters);

export function normaliseName(input: string): NormalisedName {
  const applied = new Set<Normalisation>();
  let s = NFKC_STABLE.test(input) ? input : input.normalize('NFKC');
  if (s !== input) applied.add('unicode_nfkc');
  if (QUOTES.test(s)) {
    applied.add('quotes');
    s = s.replace(QUOTES_ALL, '');
  }
  if (s.includes('&')) s = s.replace(/&/g, ' och ');
  if (PUNCTUATION.test(s)) applied.add('punctuation');
  const written = s.split(NON_WORD);
  if (written[0] === '') written.shift();
  if (written[written.length - 1] === '') written.pop();
  // Lower-case word by word: some capitals lower to a letter plus a combining mark (İ → i̇).
  const words: string[] = [];
  let caseFolded = false;
  for (const w of written) {
    let lower = w.toLowerCase();
    if (lower !== w) {
      caseFolded = true;
      if (lower.length !== w.length) lower = lower.replace(NON_WORD, '');
    }
    words.push(lower);
  }
  if (caseFolded) applied.add('case_fold');
  if (collapseInitials(words, written)) applied.add('initials_collapsed');
  if (collapseLegalPhrases(words, written, foldCached)) applied.add('legal_form_low_weight');
  if (numbersToDigits(words, written, foldCached)) applied.add('number_words');

  const tokens: NormToken[] = [];
  let allLexicon = true;
  for (let i = 0; i < words.length; i++) {
    for (const t of normaliseWord(words[i]!, i, written[i])) {
      if (t.tier === TokenTier.Normal) allLexicon = false;
      tokens.push(t);
    }
  }
  // A name made only of lexicon words ("Förbundet", the alias "BK") has nothing else to identify
  // it by, so there those words count in full.
  if (allLexicon) for (const t of tokens) t.tier = TokenTier.Normal;
  return { input, tokens, applied: [...applied] };
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
  if (written < 2) return [];
  const out: string[] = [];
  if (split.length >= MIN_ACRONYM && split.length <= MAX_ACRONYM) out.push(split);
  if (words !== split && words.length >= MIN_ACRONYM && words.length <= MAX_ACRONYM) out.push(words);
  return out;
}

/** Acronyms of a normalised name (see `acronymsOf`). */
export function acronymsOfName(name: NormalisedName): string[] {
  const t = name.tokens;
  return acronymsOf(
    t.map((x) => x.key),
    t.map((x) => x.tier),
    t.map((x, i) => i === 0 || t[i - 1]!.word !== x.word),
  );
}
