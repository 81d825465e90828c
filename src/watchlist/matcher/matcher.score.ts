// How alike a query name and one indexed name are: a weighted, typo-tolerant Dice coefficient.
// Tokens are paired one to one (greedily, strongest evidence first); each side's unpaired tokens
// count against the score by their weight, so an extra distinctive word ("Schack" vs "Ungdoms")
// hurts while an extra legal form ("ideell förening") barely does.
import { idf, TIER_FACTOR } from './matcher.constants';
import { tierOf, tokenIdOf, type PackedToken } from './matcher.entries';
import type { QueryToken } from './matcher.query';
import type { Vocabulary } from './matcher.vocabulary';
import { TokenTier } from './normalise.lexicon';

export interface ScoredPair {
  /** Index into the query tokens. */
  q: number;
  /** Index into the name's tokens. */
  e: number;
  similarity: number;
  edits: number;
  /** Weight both tokens bring to the pair. */
  mass: number;
}

export interface NameScore {
  score: number;
  pairs: ScoredPair[];
  unmatchedQuery: number[];
  unmatchedEntry: number[];
  /** Weight of every query/entry token as it counted (a typo takes its partner's weight). */
  queryWeights: number[];
  entryWeights: number[];
  /** Sum of all weights: the denominator, for turning masses into shares. */
  total: number;
}

export function entryTokenWeight(p: PackedToken, vocab: Vocabulary, n: number): number {
  return idf(vocab.df[tokenIdOf(p)]!, n) * TIER_FACTOR[tierOf(p)];
}

export function scoreName(query: QueryToken[], name: PackedToken[], vocab: Vocabulary, n: number): NameScore {
  const entryWeights = name.map((p) => entryTokenWeight(p, vocab, n));
  const candidates: ScoredPair[] = [];
  for (let qi = 0; qi < query.length; qi++) {
    const q = query[qi]!;
    for (let ei = 0; ei < name.length; ei++) {
      const id = tokenIdOf(name[ei]!);
      const we = entryWeights[ei]!;
      if (q.tokenId === id) {
        candidates.push({ q: qi, e: ei, similarity: 1, edits: 0, mass: q.weight + we });
        continue;
      }
      // Only ordinary words may differ by a typo; lexicon words pair when they are the same word.
      if (q.tier !== TokenTier.Normal || tierOf(name[ei]!) === TokenTier.Legal) continue;
      const x = q.expansions.get(id);
      // A word never seen in the index takes its partner's weight: it is that word, misspelt.
      if (x)
        candidates.push({
          q: qi,
          e: ei,
          similarity: x.similarity,
          edits: x.edits,
          mass: (q.tokenId < 0 ? we : q.weight) + we,
        });
    }
  }
  candidates.sort((a, b) => b.similarity * b.mass - a.similarity * a.mass || b.similarity - a.similarity);

  const usedQ = new Uint8Array(query.length);
  const usedE = new Uint8Array(name.length);
  const pairs: ScoredPair[] = [];
  for (const c of candidates) {
    if (usedQ[c.q] || usedE[c.e]) continue;
    usedQ[c.q] = 1;
    usedE[c.e] = 1;
    pairs.push(c);
  }

  const queryWeights = query.map((q) => q.weight);
  let matched = 0;
  let total = 0;
  for (const p of pairs) {
    queryWeights[p.q] = p.mass - entryWeights[p.e]!;
    matched += p.similarity * p.mass;
    total += p.mass;
  }
  const unmatchedQuery: number[] = [];
  const unmatchedEntry: number[] = [];
  query.forEach((q, i) => {
    if (!usedQ[i]) {
      unmatchedQuery.push(i);
      total += q.weight;
    }
  });
  name.forEach((_, i) => {
    if (!usedE[i]) {
      unmatchedEntry.push(i);
      total += entryWeights[i]!;
    }
  });
  const score = total > 0 ? matched / total : 0;
  return { score, pairs, unmatchedQuery, unmatchedEntry, queryWeights, entryWeights, total };
}
