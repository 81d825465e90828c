// Legal forms written out in several words ("Gesellschaft mit beschränkter Haftung", "Public Joint
// Stock Company") read as the one word of their abbreviation, so the long and the short form are the
// same token: one low-weight legal form on each side instead of four unpaired words on one.
import { LEGAL_FORMS } from './normalise.legal-forms';
import { OneEditDictionary, osaDistance } from './similarity';

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
const FUZZY_MIN = 5;
const FUZZY_HEADS = new OneEditDictionary([...PHRASES.keys()].filter((h) => h.length >= FUZZY_MIN));

// Which phrase head a written word is (folded, typo allowed), or null: decided once per word, as
// words repeat across names far more than names do. Bounded like the word cache.
const HEAD_CACHE_LIMIT = 100_000;
const headCache = new Map<string, { folded: string; head: string | null; fuzzy: boolean }>();

function headOf(word: string, fold: (w: string) => string) {
  let h = headCache.get(word);
  if (h === undefined) {
    const folded = fold(word);
    let head: string | null = PHRASES.has(folded) ? folded : null;
    let fuzzy = false;
    if (head === null && folded.length >= FUZZY_MIN) {
      head = FUZZY_HEADS.find(folded) ?? null;
      fuzzy = head !== null;
    }
    if (headCache.size >= HEAD_CACHE_LIMIT) headCache.clear();
    headCache.set(word, (h = { folded, head, fuzzy }));
  }
  return h;
}

function wordMatches(written: string, form: string, typoLeft: boolean): 0 | 1 | null {
  if (written === form) return 0;
  if (!typoLeft || form.length < FUZZY_MIN) return null;
  return osaDistance(written, form, 1) <= 1 ? 1 : null;
}

/** The longest phrase starting at `i`, with at most one typo in it. */
function phraseAt(words: string[], i: number, fold: (w: string) => string): Phrase | undefined {
  const first = headOf(words[i]!, fold);
  if (first.head === null) return undefined;
  for (const p of PHRASES.get(first.head)!) {
    if (i + p.words.length > words.length) continue;
    let typos = first.fuzzy ? 1 : 0;
    let ok = true;
    for (let k = 1; k < p.words.length && ok; k++) {
      const m = wordMatches(headOf(words[i + k]!, fold).folded, p.words[k]!, typos === 0);
      if (m === null) ok = false;
      else typos += m;
    }
    if (ok) return p;
  }
  return undefined;
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
