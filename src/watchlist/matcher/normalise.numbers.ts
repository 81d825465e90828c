// Numbers and ordinals written as words, in English and Swedish, read as digits: "Brigade Twelve" is
// "Brigade 12", "forty-four" and "fyrtiofyra" are 44, "2nd", "second" and "andra" are 2. Ordinals
// become the digits of their number: lists write "2nd Street Bank" and "Second Street Bank" for
// one body, and no list tells "2" and "2nd" apart as names.

import { foldedPrefix, pairCode } from './normalise.phrases';

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
  noll: 0, ett: 1, en: 1, tva: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, atta: 8, nio: 9, tio: 10,
  elva: 11, tolv: 12, tretton: 13, fjorton: 14, femton: 15, sexton: 16, sjutton: 17, arton: 18,
  aderton: 18, nitton: 19,
}; // prettier-ignore

const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  tjugo: 20, trettio: 30, fyrtio: 40, femtio: 50, sextio: 60, sjuttio: 70, attio: 80, nittio: 90,
}; // prettier-ignore

const SCALES: Record<string, number> = { hundred: 100, hundra: 100, thousand: 1000, tusen: 1000 };

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15,
  sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
  fortieth: 40, fiftieth: 50, hundredth: 100,
  forsta: 1, andra: 2, tredje: 3, fjarde: 4, femte: 5, sjatte: 6, sjunde: 7, attonde: 8, nionde: 9,
  tionde: 10, elfte: 11, tolfte: 12, trettonde: 13, fjortonde: 14, femtonde: 15, sextonde: 16,
  sjuttonde: 17, artonde: 18, nittonde: 19, tjugonde: 20, trettionde: 30, fyrtionde: 40,
  femtionde: 50, hundrade: 100,
}; // prettier-ignore

type Morpheme = { kind: 'unit' | 'ten' | 'scale'; value: number; ordinal: boolean };

const MORPHEMES = new Map<string, Morpheme>();
for (const [w, v] of Object.entries(UNITS)) MORPHEMES.set(w, { kind: 'unit', value: v, ordinal: false });
for (const [w, v] of Object.entries(TENS)) MORPHEMES.set(w, { kind: 'ten', value: v, ordinal: false });
for (const [w, v] of Object.entries(SCALES)) MORPHEMES.set(w, { kind: 'scale', value: v, ordinal: false });
for (const [w, v] of Object.entries(ORDINALS)) {
  const kind = v >= 100 ? 'scale' : v >= 20 && v % 10 === 0 ? 'ten' : 'unit';
  MORPHEMES.set(w, { kind, value: v, ordinal: true });
}
const LONGEST = Math.max(...[...MORPHEMES.keys()].map((k) => k.length));

// Words that are numbers only inside a longer number: "en" and "ett" are Swedish articles, "sex"
// and "one" are ordinary words.
const NOT_ALONE = new Set(['en', 'ett', 'one', 'sex']);

/** A Swedish compound ("fyrtiofyra", "etthundra") split into number morphemes; null if it is not one. */
function segment(word: string): Morpheme[] | null {
  const direct = MORPHEMES.get(word);
  if (direct) return [direct];
  for (let len = Math.min(LONGEST, word.length - 1); len >= 2; len--) {
    const head = MORPHEMES.get(word.slice(0, len));
    if (!head || head.ordinal) continue;
    const rest = segment(word.slice(len));
    if (rest) return [head, ...rest];
  }
  return null;
}

/** The value of morphemes in spoken order ("forty four", "two hundred five"); null if ill-formed. */
function valueOf(parts: Morpheme[]): number | null {
  let total = 0;
  let group = 0;
  let last: Morpheme['kind'] | null = null;
  for (const p of parts) {
    if (p.kind === 'scale') {
      group = (group === 0 ? 1 : group) * p.value;
      if (p.value >= 1000) {
        total += group;
        group = 0;
      }
    } else {
      // "twenty four" adds, "four twenty" does not: a unit after a unit is two numbers.
      if (last === 'unit' || (last === 'ten' && p.kind === 'ten')) return null;
      group += p.value;
    }
    last = p.kind;
  }
  return total + group;
}

// Whether a word is a number is decided once per word: words repeat across names far more than
// names do, and most words are not numbers. Bounded like the word cache.
const CACHE_LIMIT = 100_000;
const cache = new Map<string, { folded: string; parts: Morpheme[] | null }>();

function readWord(word: string, fold: (w: string) => string): { folded: string; parts: Morpheme[] | null } {
  let r = cache.get(word);
  if (r === undefined) {
    const folded = fold(word);
    r = { folded, parts: segment(folded) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, r);
  }
  return r;
}

// The first two letters of every number word, as one number: most words fail this and are read no
// further, without allocating (this runs for every word of every indexed name).
const PREFIXES = new Set([...MORPHEMES.keys()].map(pairCode));

function mayBeNumber(word: string, fold: (w: string) => string): boolean {
  return word.length >= 2 && PREFIXES.has(pairCode(fold(word)));
}

/**
 * Whether `numbersToDigits` may change anything at this word: it starts with a digit ("1st") or is
 * a number word. A name with no such word is left as it is.
 */
export function mayBeInNumber(word: string, fold: (w: string) => string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  // Most words are ruled out by their first two letters, without folding them.
  const code = foldedPrefix(word, 2);
  if (!Number.isNaN(code) && !PREFIXES.has(code)) return false;
  return mayBeNumber(word, fold) && readWord(word, fold).parts !== null;
}

const DIGIT_ORDINAL = /^(\d+)(st|nd|rd|th)$/;

/**
 * Replaces runs of number words (and "1st"-style ordinals) in lower-cased `words` with their
 * digits, keeping `written` aligned. Returns whether anything changed.
 */
export function numbersToDigits(words: string[], written: string[], fold: (w: string) => string): boolean {
  let changed = false;
  let out = 0;
  for (let i = 0; i < words.length;) {
    const c = words[i]!.charCodeAt(0);
    const digitOrdinal = c >= 48 && c <= 57 ? DIGIT_ORDINAL.exec(words[i]!) : null;
    if (digitOrdinal) {
      written[out] = written[i]!;
      words[out++] = String(Number(digitOrdinal[1]));
      changed = true;
      i++;
      continue;
    }
    let j = i;
    const parts: Morpheme[] = [];
    let value: number | null = null;
    let end = i;
    while (j < words.length) {
      if (!mayBeNumber(words[j]!, fold)) break;
      const seg = readWord(words[j]!, fold).parts;
      if (!seg) break;
      const v = valueOf([...parts, ...seg]);
      if (v === null) break;
      parts.push(...seg);
      j++;
      value = v;
      end = j;
      if (seg[seg.length - 1]!.ordinal) break;
    }
    const alone = end - i === 1 && NOT_ALONE.has(readWord(words[i]!, fold).folded);
    if (value === null || alone) {
      written[out] = written[i]!;
      words[out++] = words[i]!;
      i++;
      continue;
    }
    written[out] = written.slice(i, end).join(' ');
    words[out++] = String(value);
    changed = true;
    i = end;
  }
  words.length = out;
  written.length = out;
  return changed;
}
