import { MatcherIndex, REFER_THRESHOLD, type MatchHit } from '../../src/watchlist/matcher';
import { benchQueries, NameGenerator } from '../bench/synthetic-names';

/** The same index, but every entry is a candidate: what retrieval would give with no pruning at all. */
function exhaustive(index: MatcherIndex, size: number): MatcherIndex {
  const internals = index as unknown as { retriever: { candidates: () => number[] } };
  const everySlot = Array.from({ length: size }, (_, i) => i);
  internals.retriever.candidates = () => everySlot;
  return index;
}

describe('candidate retrieval never changes the result', () => {
  const gen = new NameGenerator(7);
  const entries = Array.from({ length: 2000 }, (_, i) => gen.entry(i));
  const fast = new MatcherIndex();
  const slow = new MatcherIndex();
  for (const e of entries) {
    fast.add(e);
    slow.add(e);
  }
  exhaustive(slow, entries.length);
  const queries = benchQueries(entries, 300, 11);
  const summary = (hits: MatchHit[]): string[] => hits.map((h) => `${h.entryId}:${h.score}`);

  it.each([REFER_THRESHOLD, 0.6])('finds every hit a full scan finds, at minScore %s', (minScore) => {
    let compared = 0;
    for (const q of queries) {
      const expected = summary(slow.search({ name: q.name }, { minScore, limit: 10_000 }));
      expect([q.name, summary(fast.search({ name: q.name }, { minScore, limit: 10_000 }))]).toEqual([
        q.name,
        expected,
      ]);
      compared += expected.length;
    }
    // The comparison is only worth something if the queries do hit.
    expect(compared).toBeGreaterThan(queries.length / 2);
  });
});
