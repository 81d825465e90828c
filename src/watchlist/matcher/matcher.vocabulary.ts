// The distinct tokens of the indexed names: their document frequency (for IDF), their postings
// (which entries contain them) and a typo index. Typos are looked up among the tokens, never among
// the entries, so their cost does not grow with the list.
//
// The typo index has two halves. A token of up to MAX_DELETION_TOKEN letters is indexed by its
// deletion neighbourhood (every string up to two deletions away), which finds neighbours fast but
// grows with the square of the length: a 300-letter token has 45,000 of them, a 2,000-letter one two
// million. A longer token is cut into SEGMENTS pieces instead: two strings at most two edits apart
// (an edit being an insertion, deletion, substitution or transposition) differ in at most four of
// them, so one piece of the indexed token appears unchanged in the query, shifted by at most two
// places. Indexing costs five hashes and a lookup about a hundred, whatever the length.
import { HashMultimap } from './hash-multimap';
import { MAX_DELETION_TOKEN, MAX_FUZZY_CHECKS } from './matcher.constants';
import { deletionHashes, MAX_EDITS, segmentHashes, segmentProbes } from './matcher.typo-keys';
import { LEXICON } from './normalise.lexicon';
import { allowedEdits, tokenSimilarity } from './similarity';

export interface Expansion {
  tokenId: number;
  similarity: number;
  edits: number;
  /** Equal once å/ä/ö are written aa/ae/oe on one side. */
  translit?: boolean;
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** First index in a sorted list whose value is ≥ `value`. */
function lowerBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What `internTemplate` reads and remembers of a word's token (a normalise.word.ts template). */
export interface InternableToken {
  readonly key: string;
  readonly translit: string | undefined;
  readonly full: string | undefined;
  internedBy: number;
  internedId: number;
}

/** Numbers vocabularies, so a token can remember one by number instead of holding on to it. */
let vocabularies = 0;

export class Vocabulary {
  /** This vocabulary's number (see InternableToken.internedBy). */
  private readonly serial = ++vocabularies;
  private readonly ids = new Map<string, number>();
  /** "foereningen" → the id of "foreningen": the transliterated spelling of tokens that had å/ä/ö. */
  private readonly translitIds = new Map<string, number>();
  /** The last transliterated form registered per token, so repeats skip the map. */
  private readonly translitOf: (string | undefined)[] = [];
  /** Whether the token is a lexicon word (legal form, class word), by id. */
  readonly lexicon: boolean[] = [];
  /**
   * The token before its genitive or linking -s was dropped ("tomas" for "toma"), if it had one:
   * a typo near the end ("Tmas", "Rättvis") is judged against the word as written.
   */
  private readonly fullOf: (string | undefined)[] = [];
  readonly keys: string[] = [];
  /** Number of live entries containing the token. */
  readonly df: number[] = [];
  /**
   * Entry slots containing the token, sorted; a slot appears as often as the token occurs in one of
   * its names ("Norra Norra Brödraskapet" twice), so repeated query words are bounded right. Read
   * them through `postingsOf`, which first merges what was added since the last read.
   */
  private readonly postings: number[][] = [];
  /**
   * Postings added since the last read, as (token id, slot) pairs in order of arrival. Appending to
   * a million lists one entry at a time touched a far-away list tail per token and regrew the big
   * lists again and again; merging the log in one pass before the next read costs a fraction.
   */
  private log = new Int32Array(1 << 16);
  private logLength = 0;
  private readonly deletions = new HashMultimap(1 << 16);
  /** Pieces of the tokens longer than MAX_DELETION_TOKEN. */
  private readonly segments = new HashMultimap(1 << 10);
  /**
   * The largest df an ordinary (non-lexicon) token has had. Bounds how light an unpaired distinctive
   * word can be; never lowered on removal, which only loosens the bound.
   */
  maxDistinctiveDf = 0;

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

  /**
   * `intern(t.key, t.translit, t.full)`, remembering the id on the token: a word's token recurs in
   * many names, and the key need not be looked up again (tokens are never taken out).
   */
  internToken(t: InternableToken): number {
    if (t.internedBy !== this.serial) {
      t.internedId = this.intern(t.key, t.translit, t.full);
      t.internedBy = this.serial;
      return t.internedId;
    }
    this.noteForms(t.internedId, t.translit, t.full);
    return t.internedId;
  }

  intern(key: string, translit?: string, full?: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.df.push(0);
      this.postings.push([]);
      this.translitOf.push(undefined);
      this.fullOf.push(undefined);
      this.lexicon.push(LEXICON.has(key));
      this.indexDeletions(key, id);
    }
    this.noteForms(id, translit, full);
    return id;
  }

  /** Registers the transliterated and the full form a token was met with. */
  private noteForms(id: number, translit: string | undefined, full: string | undefined): void {
    if (translit !== undefined && this.translitOf[id] !== translit) {
      this.translitOf[id] = translit;
      if (!this.translitIds.has(translit)) this.translitIds.set(translit, id);
    }
    if (full !== undefined && this.fullOf[id] === undefined) {
      this.fullOf[id] = full;
      this.indexDeletions(full, id);
    }
  }

  private indexDeletions(form: string, id: number): void {
    if (form.length > MAX_DELETION_TOKEN) {
      for (const h of segmentHashes(form)) this.segments.add(h, id);
      return;
    }
    for (const h of deletionHashes(form, allowedEdits(form.length))) this.deletions.add(h, id);
  }

  /** Calls `fn` once for every token that may be within typo distance of `form`. */
  private forEachNeighbour(form: string, fn: (id: number) => void): void {
    const seen = new Set<number>();
    const visit = (id: number): void => {
      if (seen.has(id) || seen.size >= MAX_FUZZY_CHECKS) return;
      seen.add(id);
      fn(id);
    };
    // Indexed tokens are at most two letters longer or shorter than the query token.
    if (form.length <= MAX_DELETION_TOKEN + MAX_EDITS) {
      for (const h of deletionHashes(form, allowedEdits(form.length))) this.deletions.forEach(h, visit);
    }
    if (form.length + MAX_EDITS > MAX_DELETION_TOKEN) {
      for (const h of segmentProbes(form)) this.segments.forEach(h, visit);
    }
  }

  addPosting(tokenId: number, slot: number, occurrences: number): void {
    for (let i = 0; i < occurrences; i++) {
      if (this.logLength + 2 > this.log.length) {
        const grown = new Int32Array(this.log.length * 2);
        grown.set(this.log);
        this.log = grown;
      }
      this.log[this.logLength++] = tokenId;
      this.log[this.logLength++] = slot;
    }
    const df = ++this.df[tokenId]!;
    if (df > this.maxDistinctiveDf && !this.lexicon[tokenId]) this.maxDistinctiveDf = df;
  }

  /** The token's postings, sorted by slot. */
  postingsOf(tokenId: number): number[] {
    if (this.logLength > 0) this.mergeLog();
    return this.postings[tokenId]!;
  }

  /** Merges the postings added since the last read. */
  flush(): void {
    if (this.logLength > 0) this.mergeLog();
  }

  /** Postings added and not yet merged. */
  get pendingPostings(): number {
    return this.logLength / 2;
  }

  /** Moves the log into the lists: grouped by token (counting sort), then appended or merged. */
  private mergeLog(): void {
    // A few additions (the service adding an entry) go straight in; no pass over every token.
    if (this.logLength <= 2048) {
      for (let i = 0; i < this.logLength; i += 2) {
        const list = this.postings[this.log[i]!]!;
        const slot = this.log[i + 1]!;
        if (list.length === 0 || list[list.length - 1]! <= slot) list.push(slot);
        else list.splice(lowerBound(list, slot), 0, slot);
      }
      this.logLength = 0;
      return;
    }
    const tokens = this.keys.length;
    const start = new Int32Array(tokens + 1);
    for (let i = 0; i < this.logLength; i += 2) start[this.log[i]! + 1]!++;
    for (let t = 0; t < tokens; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, tokens);
    const slots = new Int32Array(this.logLength / 2);
    for (let i = 0; i < this.logLength; i += 2) slots[fill[this.log[i]!]!++] = this.log[i + 1]!;
    for (let t = 0; t < tokens; t++) {
      if (start[t] === start[t + 1]) continue;
      const from = start[t]!;
      const to = start[t + 1]!;
      const list = this.postings[t]!;
      // A bulk load adds slots in rising order, above those already listed: appended as they are.
      let rising = list.length === 0 || list[list.length - 1]! <= slots[from]!;
      for (let i = from + 1; rising && i < to; i++) rising = slots[i - 1]! <= slots[i]!;
      if (rising) {
        for (let i = from; i < to; i++) list.push(slots[i]!);
        continue;
      }
      const added = Array.from(slots.subarray(from, to)).sort((a, b) => a - b);
      // Reused slots need a real merge.
      if (list.length === 0 || list[list.length - 1]! <= added[0]!) for (const v of added) list.push(v);
      else this.postings[t] = mergeSorted(list, added);
    }
    this.logLength = 0;
    if (this.log.length > 1 << 16) this.log = new Int32Array(1 << 16);
  }

  removePosting(tokenId: number, slot: number): void {
    const list = this.postingsOf(tokenId);
    const from = lowerBound(list, slot);
    let to = from;
    while (list[to] === slot) to++;
    if (to === from) return;
    list.splice(from, to - from);
    this.df[tokenId]!--;
  }

  /**
   * Tokens within the allowed edit distance of `key` or of its `full` form (the token itself
   * excluded), best first. Symmetric deletion: two strings within k edits share a string reachable
   * by at most k deletions from each, so both sides index their deletion variants.
   */
  fuzzy(key: string, full?: string): Expansion[] {
    const found = new Map<number, Expansion>();
    const self = this.ids.get(key);
    for (const form of full === undefined ? [key] : [key, full]) {
      this.forEachNeighbour(form, (id) => {
        if (id === self || this.df[id] === 0) return;
        for (const other of [this.keys[id]!, this.fullOf[id]]) {
          if (other === undefined) continue;
          const sim = tokenSimilarity(form, other);
          const known = found.get(id);
          if (sim && (!known || sim.similarity > known.similarity)) {
            found.set(id, { tokenId: id, similarity: sim.similarity, edits: sim.edits });
          }
        }
      });
    }
    return [...found.values()].sort((a, b) => b.similarity - a.similarity);
  }

  get deletionBytes(): number {
    return this.deletions.byteLength + this.segments.byteLength;
  }
}
