// Compact storage of indexed entries by slot number. A million entries must fit in the heap and be
// cheap for the garbage collector to walk, so an entry is a few flat values: its id, its names'
// text, and all its names' tokens packed as small integers in one array.
import type { SubjectKind } from './matcher.types';
import { TokenTier } from './normalise.lexicon';
import { acronymsOf, type TokenTemplate } from './normalise';
import type { Vocabulary } from './matcher.vocabulary';
import { matcherWork } from './matcher.work';

/** token id · 8 + (starts a written word ? 4 : 0) + tier. */
export type PackedToken = number;
export const tokenIdOf = (p: PackedToken): number => p >>> 3;
export const tierOf = (p: PackedToken): TokenTier => (p & 3) as TokenTier;
export const startsWord = (p: PackedToken): boolean => (p & 4) !== 0;
/** Ends one name and starts the next inside an entry's packed tokens. */
export const NAME_END = -1;

export interface StoredName {
  text: string;
  tokens: PackedToken[];
}

/**
 * Appends a name's packed tokens to `out` (an entry's names go into one array). The name is given
 * as token templates (see `templatesOfName`): its first `count` tokens, all counted Normal when
 * `allLexicon`.
 */
export function packTemplates(
  templates: readonly TokenTemplate[],
  wordOf: readonly number[],
  count: number,
  allLexicon: boolean,
  vocab: Vocabulary,
  out: PackedToken[],
): void {
  for (let i = 0; i < count; i++) {
    const t = templates[i]!;
    const first = i === 0 || wordOf[i - 1] !== wordOf[i];
    out.push(vocab.internToken(t) * 8 + (first ? 4 : 0) + (allLexicon ? TokenTier.Normal : t.tier));
  }
}

/** Lists `addPostings` reuses from entry to entry. */
export class PostingScratch {
  readonly ids: number[] = [];
  readonly most: number[] = [];
  readonly inName: number[] = [];
}

/**
 * Posts an entry's tokens. Postings repeat the slot as often as the token occurs in one name
 * ("Norra Norra …"): the most times it occurs in any one of the entry's names. Tokens are posted in
 * order of first occurrence. Small arrays, not a Map per entry and name: names are short (at most
 * MAX_NAME_TOKENS tokens), and this runs for every indexed entry.
 */
export function addPostings(
  vocab: Vocabulary,
  packed: PackedToken[],
  slot: number,
  scratch: PostingScratch,
): void {
  const { ids, most, inName } = scratch;
  ids.length = 0;
  most.length = 0;
  let start = 0;
  for (let i = 0; i < packed.length; i++) {
    if (packed[i] !== NAME_END) continue;
    // Occurrences of each token in this name so far.
    inName.length = 0;
    for (let k = start; k < i; k++) {
      const id = tokenIdOf(packed[k]!);
      let c = 1;
      for (let m = start; m < k; m++) if (tokenIdOf(packed[m]!) === id) c++;
      inName.push(c);
    }
    for (let k = start; k < i; k++) {
      const id = tokenIdOf(packed[k]!);
      const c = inName[k - start]!;
      const at = ids.indexOf(id);
      if (at < 0) {
        ids.push(id);
        most.push(c);
      } else if (c > most[at]!) most[at] = c;
    }
    matcherWork.units += i - start;
    start = i + 1;
  }
  for (let k = 0; k < ids.length; k++) vocab.addPosting(ids[k]!, slot, most[k]!);
}

/**
 * Ordinary tokens of a name that nothing but an ordinary query token can pair with. A name made
 * only of lexicon words had them promoted to ordinary, but they can still pair with a query's
 * lexicon word, so they are not counted.
 */
export function countDistinctive(tokens: PackedToken[], vocab: Vocabulary, from = 0): number {
  let n = 0;
  for (let i = from; i < tokens.length; i++) {
    const p = tokens[i]!;
    if (tierOf(p) === TokenTier.Normal && !vocab.lexicon[tokenIdOf(p)]) n++;
  }
  return n;
}

/** Acronyms of a stored name, by the same rules as for a query. */
export function packedAcronyms(tokens: PackedToken[], vocab: Vocabulary): string[] {
  return acronymsOf(
    tokens.map((p) => vocab.keys[tokenIdOf(p)]!),
    tokens.map(tierOf),
    tokens.map(startsWord),
  );
}

const KIND_CODE: Record<SubjectKind, number> = { organisation: 1, person: 2 };
export const PERSON_KIND = KIND_CODE.person;

export class EntryStore {
  readonly ids: (string | null)[] = [];
  /** 0 for a free slot, else KIND_CODE. */
  readonly kinds: number[] = [];
  /** The name, or the name and its aliases. */
  readonly texts: (string | string[] | null)[] = [];
  /** All names' tokens, each name followed by NAME_END. */
  readonly tokens: (PackedToken[] | null)[] = [];
  /** Ten-digit id numbers as numbers (NaN when none): no string per entry to keep or collect. */
  readonly orgDigits: number[] = [];
  readonly personDigits: number[] = [];
  /** Per slot, the fewest distinctive tokens any of its names has (a bound used to skip entries). */
  distinctive = new Uint8Array(1024);
  /** Per slot, 1 while the entry is indexed but not yet (or no longer) searchable. */
  hidden = new Uint8Array(1024);
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

  isKind(slot: number, kind: SubjectKind): boolean {
    return this.kinds[slot] === KIND_CODE[kind];
  }

  /** `packed` holds all names' tokens, each name followed by NAME_END; the store keeps the array. */
  put(
    id: string,
    kind: SubjectKind,
    texts: string[],
    packed: PackedToken[],
    distinctive: number,
    org: string | null,
    person: string | null,
    hidden = false,
  ): number {
    const slot = this.free.pop() ?? this.ids.length;
    if (slot >= this.distinctive.length) {
      const grown = new Uint8Array(this.distinctive.length * 2);
      grown.set(this.distinctive);
      this.distinctive = grown;
      const hiddenGrown = new Uint8Array(this.hidden.length * 2);
      hiddenGrown.set(this.hidden);
      this.hidden = hiddenGrown;
    }
    this.hidden[slot] = hidden ? 1 : 0;
    this.slotById.set(id, slot);
    this.ids[slot] = id;
    this.kinds[slot] = KIND_CODE[kind];
    this.texts[slot] = texts.length === 1 ? texts[0]! : texts;
    this.tokens[slot] = packed;
    this.orgDigits[slot] = org === null ? NaN : Number(org);
    this.personDigits[slot] = person === null ? NaN : Number(person);
    this.distinctive[slot] = distinctive;
    return slot;
  }

  /** The slot's names with their tokens (for explanations and removal, not the hot path). */
  names(slot: number): StoredName[] {
    const texts = this.texts[slot];
    const list = texts === null || texts === undefined ? [] : typeof texts === 'string' ? [texts] : texts;
    const packed = this.tokens[slot] ?? [];
    const out: StoredName[] = [];
    let start = 0;
    for (const text of list) {
      const end = packed.indexOf(NAME_END, start);
      out.push({ text, tokens: packed.slice(start, end) });
      start = end + 1;
    }
    return out;
  }

  release(slot: number): void {
    this.slotById.delete(this.ids[slot]!);
    this.ids[slot] = null;
    this.kinds[slot] = 0;
    this.texts[slot] = null;
    this.tokens[slot] = null;
    this.orgDigits[slot] = NaN;
    this.personDigits[slot] = NaN;
    this.distinctive[slot] = 0;
    this.hidden[slot] = 0;
    this.free.push(slot);
  }
}
