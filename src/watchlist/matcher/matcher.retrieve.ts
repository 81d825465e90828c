// Candidate retrieval: merge the postings of the query's distinctive tokens (and of their typo
// neighbours), entry by entry, and keep only entries whose best possible score still reaches the
// minimum. Entries sharing no distinctive token are never looked at, and most of those that share
// one are dropped by the bound before any pairing is done.
//
// Postings are sorted by slot, so the merge reads them front to back (an accumulator indexed by slot
// costs a cache miss per posting at a million entries). MaxScore: the longest lists (the commonest
// words) are not walked when matching them alone cannot reach the minimum; they are only probed, by
// galloping search, for the entries the other lists bring up.
import { idf, MAX_CANDIDATES, PERSON_UNPAIRED_FACTOR, TIER_FACTOR } from './matcher.constants';
import { matcherWork } from './matcher.work';
import { PERSON_KIND, type EntryStore } from './matcher.entries';
import type { QueryToken } from './matcher.query';
import type { Vocabulary } from './matcher.vocabulary';
import { TokenTier } from './normalise.lexicon';

interface Cursor {
  postings: number[];
  pos: number;
  group: number;
  /** Mass this list adds when it pairs (both sides, times similarity). */
  contribution: number;
}

interface Group {
  /** The query word's own weight. */
  weight: number;
  /** How often the word occurs in the query ("Norra Norra …"): pairs at most that many times. */
  count: number;
  /** The word itself first, then its typo neighbours by similarity: the best pair counts first. */
  cursors: Cursor[];
  length: number;
  maxContribution: number;
}

/** Moves a cursor to the first posting ≥ slot: exponential steps, then binary search. */
function seek(c: Cursor, slot: number): void {
  const list = c.postings;
  if (c.pos >= list.length || list[c.pos]! >= slot) return;
  let lo = c.pos;
  let step = 1;
  while (lo + step < list.length && list[lo + step]! < slot) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, list.length);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < slot) lo = mid + 1;
    else hi = mid;
  }
  c.pos = lo;
}

export class Retriever {
  constructor(
    private readonly vocab: Vocabulary,
    private readonly store: EntryStore,
  ) {}

  private groupsOf(tokens: QueryToken[]): { groups: Group[]; formMass: number; normalMass: number } {
    const n = this.store.size;
    let formMass = 0;
    let normalMass = 0;
    const byKey = new Map<string, Group>();
    for (const q of tokens) {
      if (q.tier !== TokenTier.Normal) {
        formMass += q.weight;
        continue;
      }
      normalMass += q.weight;
      const known = byKey.get(q.key);
      if (known) {
        known.count++;
        continue;
      }
      const g: Group = { weight: q.weight, count: 1, cursors: [], length: 0, maxContribution: 0 };
      const add = (tokenId: number, contribution: number): void => {
        const postings = this.vocab.postingsOf(tokenId);
        if (postings.length === 0) return;
        g.cursors.push({ postings, pos: 0, group: byKey.size, contribution });
        g.length += postings.length;
        g.maxContribution = Math.max(g.maxContribution, contribution);
      };
      if (q.tokenId >= 0) add(q.tokenId, 2 * q.weight);
      for (const x of q.expansions.values()) {
        const we = idf(this.vocab.df[x.tokenId]!, n) * TIER_FACTOR[TokenTier.Normal];
        add(x.tokenId, x.similarity * ((q.tokenId < 0 ? we : q.weight) + we));
      }
      byKey.set(q.key, g);
    }
    return { groups: [...byKey.values()], formMass, normalMass };
  }

  /**
   * Slots that may score ≥ minScore for this query. The bound assumes the best for everything not
   * known: lexicon words all pair, found tokens pair at their best similarity, and an entry's
   * unpaired distinctive words weigh no more than the commonest distinctive word in the index.
   * At most MAX_CANDIDATES: past that, those with the highest bound, best first.
   */
  candidates(tokens: QueryToken[], minScore: number, persons = false): number[] {
    const { groups, formMass, normalMass } = this.groupsOf(tokens);
    // When persons may be asked for, their unpaired words may count for less (matcher.score.ts):
    // which words must be walked is decided as if they did.
    const least = persons ? PERSON_UNPAIRED_FACTOR : 1;
    const bound = (matched: number, missing: number): number => matched / (matched + missing);

    // Skip walking the longest lists while an entry found only through them must fail the bound.
    const byLength = groups.map((_, i) => i).sort((a, b) => groups[b]!.length - groups[a]!.length);
    const probed = new Set<number>();
    let probedMass = 0;
    let probedWeight = 0;
    for (const gi of byLength) {
      const g = groups[gi]!;
      const mass = probedMass + g.count * g.maxContribution;
      const weight = probedWeight + g.count * g.weight;
      if (bound(mass + 2 * formMass, (normalMass - weight) * least) >= minScore) break;
      probed.add(gi);
      probedMass = mass;
      probedWeight = weight;
    }
    let walked: Cursor[] = [];
    const probing: Cursor[] = [];
    groups.forEach((g, gi) => (probed.has(gi) ? probing : walked).push(...g.cursors));

    const lightest = idf(this.vocab.maxDistinctiveDf, this.store.size);
    const { distinctive, kinds } = this.store;
    const used = new Array<number>(groups.length).fill(0);
    const out: number[] = [];
    const bounds: number[] = [];
    let steps = 0;
    while (walked.length > 0) {
      steps += walked.length + probing.length;
      let slot = Infinity;
      for (const c of walked) if (c.postings[c.pos]! < slot) slot = c.postings[c.pos]!;
      for (const c of probing) seek(c, slot);
      for (let i = 0; i < used.length; i++) used[i] = 0;
      let acc = 0;
      let hitWeight = 0;
      let hits = 0;
      let exhausted = false;
      for (const cursors of [walked, probing]) {
        for (const c of cursors) {
          // A slot appears once per occurrence of the word in the entry's name.
          while (c.postings[c.pos] === slot) {
            c.pos++;
            const g = groups[c.group]!;
            if (used[c.group]! >= g.count) continue;
            used[c.group]!++;
            hitWeight += g.weight;
            acc += c.contribution;
            hits++;
          }
          if (c.pos >= c.postings.length) exhausted = true;
        }
      }
      if (exhausted) walked = walked.filter((c) => c.pos < c.postings.length);
      const matched = acc + 2 * formMass;
      // A person's unpaired words may count for less (matcher.score.ts): the bound assumes they do.
      const factor = persons && kinds[slot] === PERSON_KIND ? PERSON_UNPAIRED_FACTOR : 1;
      const missing = (normalMass - hitWeight) * factor;
      if (bound(matched, missing) < minScore) continue;
      const extra = Math.max(0, distinctive[slot]! - hits) * lightest * factor;
      const upper = bound(matched, missing + extra);
      if (upper >= minScore) {
        out.push(slot);
        bounds.push(upper);
      }
    }
    matcherWork.units += steps;
    if (out.length <= MAX_CANDIDATES) return out;
    const order = out.map((_, i) => i).sort((a, b) => bounds[b]! - bounds[a]! || out[a]! - out[b]!);
    return order.slice(0, MAX_CANDIDATES).map((i) => out[i]!);
  }
}
