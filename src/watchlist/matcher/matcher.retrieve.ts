// Candidate retrieval: walk the postings of the query's distinctive tokens (and of their typo
// neighbours), accumulate per entry the evidence found, and keep only entries whose best possible
// score still reaches the minimum. Entries sharing no distinctive token are never looked at, and
// most of those that share one are dropped by the bound before any pairing is done.
import { idf, TIER_FACTOR } from './matcher.constants';
import type { EntryStore } from './matcher.entries';
import type { QueryToken } from './matcher.query';
import type { Vocabulary } from './matcher.vocabulary';
import { TokenTier } from './normalise.lexicon';

export class Retriever {
  private acc = new Float64Array(0);
  private hitWeight = new Float64Array(0);
  private hits = new Uint8Array(0);
  private lastToken = new Int16Array(0);
  private seen = new Int32Array(0);
  private stamp = 0;

  constructor(
    private readonly vocab: Vocabulary,
    private readonly store: EntryStore,
  ) {}

  private ensureCapacity(): void {
    const cap = this.store.capacity;
    if (this.seen.length >= cap) return;
    const size = Math.max(1024, cap * 2);
    this.acc = new Float64Array(size);
    this.hitWeight = new Float64Array(size);
    this.hits = new Uint8Array(size);
    this.lastToken = new Int16Array(size);
    this.seen = new Int32Array(size);
    this.stamp = 0;
  }

  /**
   * Slots that may score ≥ minScore for this query. The bound assumes the best for everything not
   * yet known: lexicon words all pair, found tokens pair at their best similarity, and an entry's
   * unpaired distinctive words weigh no more than the most common word in the index.
   */
  candidates(tokens: QueryToken[], minScore: number): number[] {
    this.ensureCapacity();
    const stamp = ++this.stamp;
    const n = this.store.size;
    const { vocab } = this;
    const touched: number[] = [];
    let formMass = 0;
    let normalMass = 0;
    tokens.forEach((q, qi) => {
      if (q.tier !== TokenTier.Normal) {
        formMass += q.weight;
        return;
      }
      normalMass += q.weight;
      const visit = (tokenId: number, contribution: number): void => {
        for (const slot of vocab.postings[tokenId]!) {
          if (this.seen[slot] !== stamp) {
            this.seen[slot] = stamp;
            this.acc[slot] = 0;
            this.hitWeight[slot] = 0;
            this.hits[slot] = 0;
            this.lastToken[slot] = -1;
            touched.push(slot);
          }
          // Expansions come best first; an entry holding two of them still pairs with only one.
          if (this.lastToken[slot] === qi) continue;
          this.lastToken[slot] = qi;
          this.acc[slot] = this.acc[slot]! + contribution;
          this.hitWeight[slot] = this.hitWeight[slot]! + q.weight;
          this.hits[slot] = this.hits[slot]! + 1;
        }
      };
      if (q.tokenId >= 0) visit(q.tokenId, 2 * q.weight);
      for (const x of q.expansions.values()) {
        const we = idf(vocab.df[x.tokenId]!, n) * TIER_FACTOR[TokenTier.Normal];
        visit(x.tokenId, x.similarity * ((q.tokenId < 0 ? we : q.weight) + we));
      }
    });

    const lightest = idf(vocab.maxDf, n);
    const out: number[] = [];
    for (const slot of touched) {
      const matched = this.acc[slot]! + 2 * formMass;
      const missing = normalMass - this.hitWeight[slot]!;
      const extra = Math.max(0, this.store.distinctive[slot]! - this.hits[slot]!) * lightest;
      if (matched / (matched + missing + extra) >= minScore) out.push(slot);
    }
    return out;
  }
}
