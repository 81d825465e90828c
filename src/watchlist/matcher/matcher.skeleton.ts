// Names written in Arabic or Hebrew letters read as consonants only: any-ascii makes "mhmd" of محمد,
// which no typo distance brings to "Mohammed". Both sides are compared by their consonant skeleton
// instead (vowels, w/v/y and doubled letters dropped: "mohammed" and "mhmd" are both "mhmd"), and only
// ever between a word from one of these scripts and a word in Latin letters. It guesses (Mohammed
// and Mahmoud share a skeleton), so such a pair counts as a near match, never as the same word.
import type { Vocabulary } from './matcher.vocabulary';

const ABJAD = /[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** Similarity of a pair that meets only by its skeleton. */
export const SKELETON_SIMILARITY = 0.85;

export function isAbjad(written: string): boolean {
  return ABJAD.test(written);
}

export function skeleton(key: string): string {
  const consonants = key
    .replace(/ph/g, 'f')
    .replace(/[cq]/g, 'k')
    .replace(/[aeiouyvw0-9]/g, '')
    .replace(/(.)\1+/g, '$1');
  return consonants.replace(/([kgstdcz])h/g, '$1').replace(/(.)\1+/g, '$1');
}

// Keys of words written in these scripts, by skeleton: a Latin query word looks here for its partner.
// Shared by every index (a key is only a candidate; the vocabulary says whether it is live), bounded.
const ABJAD_KEYS = new Map<string, Set<string>>();
const ABJAD_KEYS_LIMIT = 50_000;

/** Records a key that came from Arabic or Hebrew letters. */
export function noteAbjadKey(key: string): void {
  const s = skeleton(key);
  if (s.length < 2) return;
  if (ABJAD_KEYS.size >= ABJAD_KEYS_LIMIT) ABJAD_KEYS.clear();
  let keys = ABJAD_KEYS.get(s);
  if (!keys) ABJAD_KEYS.set(s, (keys = new Set()));
  keys.add(key);
}

/** Skeletons of a vocabulary's keys, built on the first query in these scripts and extended after. */
class SkeletonIndex {
  private readonly ids = new Map<string, number[]>();
  private built = 0;
  constructor(private readonly vocab: Vocabulary) {}

  get(s: string): number[] {
    const keys = this.vocab.keys;
    for (; this.built < keys.length; this.built++) {
      const k = skeleton(keys[this.built]!);
      if (k.length < 2) continue;
      const list = this.ids.get(k);
      if (list) list.push(this.built);
      else this.ids.set(k, [this.built]);
    }
    return this.ids.get(s) ?? [];
  }
}
const indexes = new WeakMap<Vocabulary, SkeletonIndex>();

/** Vocabulary ids a query word may be when skeletons are compared (see above). */
export function skeletonPartners(key: string, written: string, vocab: Vocabulary): number[] {
  const s = skeleton(key);
  if (s.length < 2) return [];
  if (isAbjad(written)) {
    let index = indexes.get(vocab);
    if (!index) indexes.set(vocab, (index = new SkeletonIndex(vocab)));
    return index.get(s);
  }
  const keys = ABJAD_KEYS.get(s);
  if (!keys) return [];
  const out: number[] = [];
  for (const k of keys) {
    const id = vocab.idOf(k);
    if (id !== undefined) out.push(id);
  }
  return out;
}
