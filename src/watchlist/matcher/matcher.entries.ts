// Compact storage of indexed entries by slot number. A million entries must fit in the heap, so an
// entry keeps only what scoring needs: each name's text and its tokens packed as small integers.
import type { SubjectKind } from './matcher.types';
import { LEXICON, TokenTier } from './normalise.lexicon';
import { acronymsOf, type NormalisedName } from './normalise';
import type { Vocabulary } from './matcher.vocabulary';

/** token id · 8 + (starts a written word ? 4 : 0) + tier. */
export type PackedToken = number;
export const tokenIdOf = (p: PackedToken): number => Math.floor(p / 8);
export const tierOf = (p: PackedToken): TokenTier => (p & 3) as TokenTier;
export const startsWord = (p: PackedToken): boolean => (p & 4) !== 0;

export interface StoredName {
  text: string;
  tokens: PackedToken[];
}

export function packName(name: NormalisedName, vocab: Vocabulary): PackedToken[] {
  return name.tokens.map((t, i) => {
    const first = i === 0 || name.tokens[i - 1]!.word !== t.word;
    return vocab.intern(t.key, t.translit) * 8 + (first ? 4 : 0) + t.tier;
  });
}

/**
 * Ordinary tokens of a name that nothing but an ordinary query token can pair with. A name made
 * only of lexicon words had them promoted to ordinary, but they can still pair with a query's
 * lexicon word, so they are not counted.
 */
export function countDistinctive(tokens: PackedToken[], vocab: Vocabulary): number {
  let n = 0;
  for (const p of tokens) if (tierOf(p) === TokenTier.Normal && !LEXICON.has(vocab.keys[tokenIdOf(p)]!)) n++;
  return n;
}

/** Acronyms of a stored name, by the same rules as for a query. */
export function packedAcronyms(tokens: PackedToken[], vocab: Vocabulary): string[] {
  return acronymsOf(
    tokens.map((p) => ({ key: vocab.keys[tokenIdOf(p)]!, tier: tierOf(p), startsWord: startsWord(p) })),
  );
}

export class EntryStore {
  readonly ids: (string | null)[] = [];
  readonly kinds: (SubjectKind | null)[] = [];
  readonly names: (StoredName[] | null)[] = [];
  readonly orgDigits: (string | null)[] = [];
  readonly personDigits: (string | null)[] = [];
  /** Per slot, the fewest distinctive tokens any of its names has (a bound used to skip entries). */
  distinctive = new Uint8Array(1024);
  private readonly slotById = new Map<string, number>();
  private readonly free: number[] = [];

  get size(): number {
    return this.slotById.size;
  }

  get capacity(): number {
    return this.ids.length;
  }

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  allocate(id: string): number {
    const slot = this.free.pop() ?? this.ids.length;
    if (slot >= this.distinctive.length) {
      const grown = new Uint8Array(this.distinctive.length * 2);
      grown.set(this.distinctive);
      this.distinctive = grown;
    }
    this.ids[slot] = id;
    this.slotById.set(id, slot);
    return slot;
  }

  release(slot: number): void {
    this.slotById.delete(this.ids[slot]!);
    this.ids[slot] = null;
    this.kinds[slot] = null;
    this.names[slot] = null;
    this.orgDigits[slot] = null;
    this.personDigits[slot] = null;
    this.distinctive[slot] = 0;
    this.free.push(slot);
  }
}
