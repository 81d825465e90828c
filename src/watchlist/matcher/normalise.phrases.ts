// Legal forms written out in several words ("Gesellschaft mit beschränkter Haftung", "Public Joint
// Stock Company") read as the one word of their abbreviation, so the long and the short form are the
// same token: one low-weight legal form on each side instead of four unpaired words on one.
import { LEGAL_FORMS } from './normalise.legal-forms';
import { osaDistance } from './similarity';

interface Phrase {
  words: string[];
  lemma: string;
}

/** First word → phrases starting with it, longest first. */
const PHRASES = new Map<string, Phrase[]>();
for (const [lemma, forms] of LEGAL_FORMS) {
  for (const form of forms) {
    const words = form.split(' ');
    if (words.length < 2) continue;
    const list = PHRASES.get(words[0]!) ?? [];
    list.push({ words, lemma });
    PHRASES.set(words[0]!, list);
  }
}
for (const list of PHRASES.values()) list.sort((a, b) => b.words.length - a.words.length);

// Words of five letters or more may carry one typo ("Societa per Azoini"), once per phrase: long
// forms are long, and a typo in them must not turn four low-weight words into four distinctive ones.
// A typo in the first word is looked for through the second, so most words cost one lookup.
const FUZZY_MIN = 5;
const BY_SECOND = new Map<string, Phrase[]>();
for (const list of PHRASES.values()) {
  for (const p of list) {
    if (p.words[0]!.length < FUZZY_MIN) continue;
    const l = BY_SECOND.get(p.words[1]!) ?? [];
    l.push(p);
    BY_SECOND.set(p.words[1]!, l);
  }
}

const ASCII_WORD = /^[a-z0-9]*$/;
// Folded forms of words with other letters; most words are plain ASCII and need none. Bounded.
const FOLD_CACHE_LIMIT = 100_000;
const folds = new Map<string, string>();

/** `fold(word)`, remembered for words with letters other than a–z and digits. */
export function folded(word: string, fold: (w: string) => string): string {
  if (ASCII_WORD.test(word)) return word;
  let f = folds.get(word);
  if (f === undefined) {
    f = fold(word);
    if (folds.size >= FOLD_CACHE_LIMIT) folds.clear();
    folds.set(word, f);
  }
  return f;
}

/** The first two letters of a word as one number (NaN for a one-letter word). */
export const pairCode = (s: string): number => s.charCodeAt(0) * 65536 + s.charCodeAt(1);
/** The first three letters of a word as one number (NaN for a shorter word). */
const tripleCode = (s: string): number => pairCode(s) * 65536 + s.charCodeAt(2);

/** A letter as folding writes it when it starts a word: a–z and 0–9 stay, å/ä/ö… fold (-1: other). */
function foldedCode(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  if (c === 0xe5 || c === 0xe4 || c === 0xe6) return 97; // å ä æ → a
  if (c === 0xf6 || c === 0xf8) return 111; // ö ø → o
  return c === 0xfc ? 117 : -1; // ü → u
}

/**
 * The first `n` letters of a lower-case word's folded form as one number (as `pairCode` and
 * `tripleCode` read them), without folding it: folding keeps the place of a–z, 0–9 and å/ä/ö…, and
 * any-ascii leaves those letters alone. NaN when that cannot be told (other letters, a short word).
 */
export function foldedPrefix(w: string, n: number): number {
  if (w.length < n) return NaN;
  let code = 0;
  for (let i = 0; i < n; i++) {
    const f = foldedCode(w.charCodeAt(i));
    if (f < 0) return NaN;
    code = code * 65536 + f;
  }
  return code;
}
const PHRASE_TRIPLES = new Set([...PHRASES.keys(), ...BY_SECOND.keys()].map(tripleCode));

/**
 * Whether a lower-case word can be part of where a phrase is found: the first word of one, or the
 * second, through which a typo in the first is looked for. A name with no such word has no phrase.
 * Most words are ruled out by their first three letters, without folding or a lookup by string.
 */
export function mayBeInPhrase(word: string, fold: (w: string) => string): boolean {
  const code = foldedPrefix(word, 3);
  if (!Number.isNaN(code) && !PHRASE_TRIPLES.has(code)) return false;
  const f = folded(word, fold);
  return PHRASES.has(f) || BY_SECOND.has(f);
}

/** Whether words[i + k] equals the phrase's words from k on, allowing `typos` more typos. */
function restMatches(
  words: string[],
  i: number,
  p: Phrase,
  from: number,
  typos: number,
  fold: (w: string) => string,
): boolean {
  if (i + p.words.length > words.length) return false;
  for (let k = from; k < p.words.length; k++) {
    const w = folded(words[i + k]!, fold);
    const form = p.words[k]!;
    if (w === form) continue;
    if (typos === 0 || form.length < FUZZY_MIN || osaDistance(w, form, 1) > 1) return false;
    typos--;
  }
  return true;
}

/** The longest phrase starting at `i`, with at most one typo in it. */
function phraseAt(words: string[], i: number, fold: (w: string) => string): Phrase | undefined {
  const first = folded(words[i]!, fold);
  const exact = PHRASES.get(first);
  if (exact) return exact.find((p) => restMatches(words, i, p, 1, 1, fold));
  if (first.length < FUZZY_MIN || i + 1 >= words.length) return undefined;
  const bySecond = BY_SECOND.get(folded(words[i + 1]!, fold));
  return bySecond?.find(
    (p) => osaDistance(first, p.words[0]!, 1) <= 1 && restMatches(words, i, p, 1, 0, fold),
  );
}

/**
 * Replaces multi-word legal forms in lower-cased `words` by their lemma, keeping `written` aligned.
 * `fold` gives a word's folded form (ä → a, ą → a …), as the table is written. Returns whether it did.
 */
export function collapseLegalPhrases(
  words: string[],
  written: string[],
  fold: (w: string) => string,
): boolean {
  let changed = false;
  let out = 0;
  for (let i = 0; i < words.length;) {
    // Positions ≥ i are not yet overwritten, and phraseAt reads only those.
    const hit = phraseAt(words, i, fold);
    if (!hit) {
      words[out] = words[i]!;
      written[out++] = written[i]!;
      i++;
      continue;
    }
    words[out] = hit.lemma;
    written[out++] = written.slice(i, i + hit.words.length).join(' ');
    i += hit.words.length;
    changed = true;
  }
  words.length = out;
  written.length = out;
  return changed;
}
