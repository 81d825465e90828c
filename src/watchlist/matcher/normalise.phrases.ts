// Legal forms written out in several words ("Gesellschaft mit beschränkter Haftung", "Public Joint
// Stock Company") read as the one word of their abbreviation, so the long and the short form are the
// same token: one low-weight legal form on each side instead of four unpaired words on one.
import { LEGAL_FORMS } from './normalise.legal-forms';

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
  let folded: string[] | null = null;
  let out = 0;
  for (let i = 0; i < words.length; ) {
    const candidates = PHRASES.get(folded ? folded[i]! : fold(words[i]!));
    let hit: Phrase | undefined;
    if (candidates) {
      // Only positions ≥ i are read, and those are not yet overwritten.
      folded ??= words.map(fold);
      hit = candidates.find((p) => p.words.every((w, k) => folded![i + k] === w));
    }
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
