// The words of a name as people write it: Unicode compatibility forms, quotes, punctuation and case
// dealt with for the whole string, initials joined, multi-word legal forms and numbers read. What
// each word then becomes is normalise.word.ts's business.
import { collapseLegalPhrases, folded, mayBeInPhrase } from './normalise.phrases';
import { mayBeInNumber, numbersToDigits } from './normalise.numbers';
import { foldLetters, type Normalisation } from './normalise.word';

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

// Whether a word may take part in a multi-word legal form or a number: most names have neither,
// and then both passes are skipped.
const IN_PHRASE = 1;
const IN_NUMBER = 2;

function flagsOf(word: string): number {
  return (
    (mayBeInPhrase(word, foldCached) ? IN_PHRASE : 0) + (mayBeInNumber(word, foldCached) ? IN_NUMBER : 0)
  );
}

/** Whether a char code (of the NFKC_STABLE range) is a letter or digit there. */
function isLatin1WordCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * The words of a string of NFKC_STABLE characters, as `s.split(NON_WORD)` and lower-casing word by
 * word give them, in one pass: there no letter changes length when lower-cased, and only letters
 * change. Returns PUNCTUATION_SEEN when there was punctuation (anything but letters, digits and
 * spaces), plus CASE_FOLDED when lower-casing changed a letter.
 */
function splitLatin1(s: string, words: string[], written: string[], keepWritten: boolean): number {
  const lower = s.toLowerCase();
  let punctuation = false;
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLatin1WordCode(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (c !== 32) punctuation = true;
    if (start >= 0) {
      const word = lower.slice(start, i);
      words.push(word);
      written.push(keepWritten ? s.slice(start, i) : word);
      start = -1;
    }
  }
  if (start >= 0) {
    const word = start === 0 ? lower : lower.slice(start);
    words.push(word);
    written.push(keepWritten ? (start === 0 ? s : s.slice(start)) : word);
  }
  return (punctuation ? PUNCTUATION_SEEN : 0) + (lower !== s ? CASE_FOLDED : 0);
}
const PUNCTUATION_SEEN = 1;
const CASE_FOLDED = 2;

/**
 * The lower-cased words of `input`, with `written` filled alongside (each word as written) and the
 * whole-string normalisations appended to `applied`, each at most once and in a fixed order.
 * Without `keepWritten` the caller has no use for `written`, and may get the lower-case words there.
 */
export function readWords(
  input: string,
  applied: Normalisation[],
  written: string[],
  keepWritten = true,
): string[] {
  const stable = NFKC_STABLE.test(input);
  let s = stable ? input : input.normalize('NFKC');
  if (s !== input) applied.push('unicode_nfkc');
  if (QUOTES.test(s)) {
    applied.push('quotes');
    s = s.replace(QUOTES_ALL, '');
  }
  if (s.includes('&')) s = s.replace(/&/g, ' och ');
  let words: string[] = [];
  if (stable) {
    // Removing quotes and writing out "&" keep the string in the NFKC_STABLE range.
    const seen = splitLatin1(s, words, written, keepWritten);
    if (seen & PUNCTUATION_SEEN) applied.push('punctuation');
    if (seen & CASE_FOLDED) applied.push('case_fold');
  } else {
    if (PUNCTUATION.test(s)) applied.push('punctuation');
    for (const w of s.split(NON_WORD)) written.push(w);
    if (written[0] === '') written.shift();
    if (written[written.length - 1] === '') written.pop();
    // Lower-case word by word: some capitals lower to a letter plus a combining mark (İ → i̇).
    words = [];
    let caseFolded = false;
    for (const w of written) {
      let lower = w.toLowerCase();
      if (lower !== w) {
        caseFolded = true;
        if (lower.length !== w.length) lower = lower.replace(NON_WORD, '');
      }
      words.push(lower);
    }
    if (caseFolded) applied.push('case_fold');
  }
  if (collapseInitials(words, written)) applied.push('initials_collapsed');
  let flags = 0;
  for (const w of words) flags |= flagsOf(w);
  if (flags & IN_PHRASE && collapseLegalPhrases(words, written, foldCached)) {
    applied.push('legal_form_low_weight');
    flags |= IN_NUMBER; // the words changed: no longer known to hold no number
  }
  if (flags & IN_NUMBER && numbersToDigits(words, written, foldCached)) applied.push('number_words');

  return words;
}
