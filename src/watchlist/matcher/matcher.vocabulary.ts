// The distinct tokens of the indexed names: their document frequency (for IDF), their postings
// (which entries contain them) and a deletion index for typos. Typos are looked up among the
// tokens, never among the entries, so their cost does not grow with the list.
import { HashMultimap } from './hash-multimap';
import { allowedEdits, tokenSimilarity } from './similarity';

export interface Expansion {
  tokenId: number;
  similarity: number;
  edits: number;
  /** Equal once å/ä/ö are written aa/ae/oe on one side. */
  translit?: boolean;
}

/**
 * Hashes of every string obtained by deleting up to `depth` (at most 2) characters, the string
 * itself included. Hashed straight from the char codes: building the strings cost 20 times more.
 */
export function deletionHashes(s: string, depth: number): number[] {
  const n = s.length;
  const codes = new Array<number>(n);
  for (let i = 0; i < n; i++) codes[i] = s.charCodeAt(i);
  const out = new Set<number>();
  const hashSkipping = (a: number, b: number): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      if (i === a || i === b) continue;
      h ^= codes[i]!;
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0 || 1;
  };
  out.add(hashSkipping(-1, -1));
  if (depth >= 1) for (let a = 0; a < n; a++) out.add(hashSkipping(a, -1));
  if (depth >= 2) for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) out.add(hashSkipping(a, b));
  return [...out];
}

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  /** "foereningen" → the id of "foreningen": the transliterated spelling of tokens that had å/ä/ö. */
  private readonly translitIds = new Map<string, number>();
  readonly keys: string[] = [];
  /** Number of live entries containing the token. */
  readonly df: number[] = [];
  /** Entry slots containing the token, unordered. */
  readonly postings: number[][] = [];
  private readonly deletions = new HashMultimap(1 << 16);
  /** The largest df any token has had: bounds how light an unmatched token can be. */
  maxDf = 0;

  get tokenCount(): number {
    return this.keys.length;
  }

  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  /**
   * The token equal to a query token under the other fold: the query wrote aa/ae/oe where the entry
   * has å/ä/ö (the query has no `translit` form then), or the other way round.
   */
  translitMatch(key: string, translit: string | undefined): number | undefined {
    const id = translit === undefined ? this.translitIds.get(key) : this.ids.get(translit);
    return id !== undefined && this.df[id]! > 0 ? id : undefined;
  }

  intern(key: string, translit?: string): number {
    let id = this.ids.get(key);
    if (translit !== undefined && id !== undefined && !this.translitIds.has(translit))
      this.translitIds.set(translit, id);
    if (id !== undefined) return id;
    id = this.keys.length;
    this.ids.set(key, id);
    this.keys.push(key);
    this.df.push(0);
    this.postings.push([]);
    if (translit !== undefined && !this.translitIds.has(translit)) this.translitIds.set(translit, id);
    const depth = allowedEdits(key.length);
    if (depth > 0) for (const h of deletionHashes(key, depth)) this.deletions.add(h, id);
    return id;
  }

  addPosting(tokenId: number, slot: number): void {
    this.postings[tokenId]!.push(slot);
    const df = ++this.df[tokenId]!;
    if (df > this.maxDf) this.maxDf = df;
  }

  removePosting(tokenId: number, slot: number): void {
    const list = this.postings[tokenId]!;
    const i = list.lastIndexOf(slot);
    if (i < 0) return;
    list[i] = list[list.length - 1]!;
    list.pop();
    this.df[tokenId]!--;
  }

  /**
   * Tokens within the allowed edit distance of `key` (itself excluded), best first. Symmetric
   * deletion: two strings within k edits share a string reachable by ≤ k deletions from each.
   */
  fuzzy(key: string): Expansion[] {
    const depth = allowedEdits(key.length);
    if (depth === 0) return [];
    const seen = new Set<number>();
    const out: Expansion[] = [];
    const self = this.ids.get(key);
    for (const h of deletionHashes(key, depth)) {
      this.deletions.forEach(h, (id) => {
        if (id === self || seen.has(id)) return;
        seen.add(id);
        if (this.df[id] === 0) return;
        const sim = tokenSimilarity(key, this.keys[id]!);
        if (sim) out.push({ tokenId: id, similarity: sim.similarity, edits: sim.edits });
      });
    }
    return out.sort((a, b) => b.similarity - a.similarity);
  }

  get deletionBytes(): number {
    return this.deletions.byteLength;
  }
}
