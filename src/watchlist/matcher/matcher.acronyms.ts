// Acronyms: "NMR" finds Nordiska Motståndsrörelsen, and "Nordiska Motståndsrörelsen" finds an entry
// listed only as "NMR". An acronym typed on its own is deliberate, so it refers; a full name that
// happens to share someone's initials is weak evidence, so that stays below the refer threshold.
import { ACRONYM_SCORE, REVERSE_ACRONYM_SCORE } from './matcher.constants';
import { NAME_END, packedAcronyms, tokenIdOf, type EntryStore, type PackedToken } from './matcher.entries';
import type { Vocabulary } from './matcher.vocabulary';
import { acronymsOfName, foldLetters, MAX_ACRONYM, MIN_ACRONYM, type NormalisedName } from './normalise';

export interface AcronymHit {
  slot: number;
  score: number;
  /** Which of the entry's names (0 = its name, then its aliases). */
  nameIndex: number;
  acronym: string;
}

const ONLY_LETTERS = /^[a-z]+$/;

/** Calls `fn` with each name of a packed token list and its index. */
function forEachName(
  packed: PackedToken[],
  fn: (tokens: PackedToken[], index: number) => boolean | void,
): void {
  let start = 0;
  let index = 0;
  for (let i = 0; i < packed.length; i++) {
    if (packed[i] !== NAME_END) continue;
    if (fn(packed.slice(start, i), index++) === true) return;
    start = i + 1;
  }
}

export class AcronymIndex {
  // Acronyms are few and shared by many entries ("sf"): slot lists in a map suit them.
  private readonly slots = new Map<string, number[]>();

  constructor(
    private readonly vocab: Vocabulary,
    private readonly store: EntryStore,
  ) {}

  private acronymsOfSlot(slot: number): Set<string> {
    const out = new Set<string>();
    forEachName(this.store.tokens[slot] ?? [], (tokens) => {
      for (const a of packedAcronyms(tokens, this.vocab)) out.add(a);
    });
    return out;
  }

  /** Indexes a slot under its names' acronyms (computed by the caller, who has the names at hand). */
  add(slot: number, acronyms: Iterable<string>): void {
    for (const a of acronyms) {
      const list = this.slots.get(a);
      if (list) list.push(slot);
      else this.slots.set(a, [slot]);
    }
  }

  remove(slot: number): void {
    for (const a of this.acronymsOfSlot(slot)) {
      const list = this.slots.get(a) ?? [];
      const i = list.lastIndexOf(slot);
      if (i < 0) continue;
      list[i] = list[list.length - 1]!;
      list.pop();
      if (list.length === 0) this.slots.delete(a);
    }
  }

  search(query: NormalisedName, minScore: number, found: (hit: AcronymHit) => void): void {
    const words = new Set(query.tokens.map((t) => t.word)).size;
    const key = foldLetters(query.tokens[0]?.surface ?? '');
    const single = words === 1 && query.tokens.length === 1;
    if (
      single &&
      key.length >= MIN_ACRONYM &&
      key.length <= MAX_ACRONYM &&
      ONLY_LETTERS.test(key) &&
      ACRONYM_SCORE >= minScore
    ) {
      for (const slot of this.slots.get(key) ?? []) {
        forEachName(this.store.tokens[slot]!, (tokens, nameIndex) => {
          if (!packedAcronyms(tokens, this.vocab).includes(key)) return false;
          found({ slot, score: ACRONYM_SCORE, nameIndex, acronym: key });
          return true;
        });
      }
    }
    if (words >= 2 && REVERSE_ACRONYM_SCORE >= minScore) {
      for (const acronym of acronymsOfName(query)) {
        const id = this.vocab.idOf(acronym);
        if (id === undefined) continue;
        for (const slot of this.vocab.postingsOf(id)) {
          forEachName(this.store.tokens[slot]!, (tokens, nameIndex) => {
            if (tokens.length !== 1 || tokenIdOf(tokens[0]!) !== id) return false;
            found({ slot, score: REVERSE_ACRONYM_SCORE, nameIndex, acronym });
            return true;
          });
        }
      }
    }
  }
}
