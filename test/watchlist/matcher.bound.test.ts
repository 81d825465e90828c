import {
  MatcherIndex,
  REFER_THRESHOLD,
  type MatchableEntry,
  type MatchHit,
} from '../../src/watchlist/matcher';
import { benchQueries, NameGenerator } from '../bench/synthetic-names';

/** The same index, but every entry is a candidate: what retrieval would give with no pruning at all. */
function exhaustive(index: MatcherIndex): MatcherIndex {
  const internals = index as unknown as {
    retriever: { candidates: () => number[] };
    store: { ids: (string | null)[] };
  };
  internals.retriever.candidates = () =>
    internals.store.ids.flatMap((id, slot) => (id === null ? [] : [slot]));
  return index;
}

const summary = (hits: MatchHit[]): string[] => hits.map((h) => `${h.entryId}:${h.score}`);

function expectSameHits(fast: MatcherIndex, slow: MatcherIndex, names: string[], minScore: number): void {
  let compared = 0;
  for (const name of names) {
    const expected = summary(slow.search({ name }, { minScore, limit: 10_000 }));
    expect([name, summary(fast.search({ name }, { minScore, limit: 10_000 }))]).toEqual([name, expected]);
    compared += expected.length;
  }
  // The comparison is only worth something if the queries do hit.
  expect(compared).toBeGreaterThan(names.length / 2);
}

describe('candidate retrieval never changes the result', () => {
  const gen = new NameGenerator(7);
  const entries = Array.from({ length: 2000 }, (_, i) => gen.entry(i));
  const names = benchQueries(entries, 300, 11).map((q) => q.name);

  it.each([REFER_THRESHOLD, 0.6])('finds every hit a full scan finds, at minScore %s', (minScore) => {
    const fast = new MatcherIndex();
    const slow = new MatcherIndex();
    for (const e of entries) {
      fast.add(e);
      slow.add(e);
    }
    expectSameHits(fast, exhaustive(slow), names, minScore);
  });

  it('still does after entries are removed and others take their slots', () => {
    const fast = new MatcherIndex();
    const slow = new MatcherIndex();
    const more: MatchableEntry[] = Array.from({ length: 1500 }, (_, i) => gen.entry(10_000 + i));
    for (const index of [fast, slow]) {
      for (const e of entries) index.add(e);
      index.search({ name: 'Föreningen' });
      for (const e of entries.slice(0, 600)) index.remove(e.id);
      for (const e of more) index.add(e);
    }
    const live = [...entries.slice(600), ...more];
    const queries = [...benchQueries(live, 200, 12).map((q) => q.name), ...names.slice(0, 50)];
    expectSameHits(fast, exhaustive(slow), queries, REFER_THRESHOLD);
    // Removed entries are gone from both.
    expect(fast.search({ name: entries[0]!.name }).map((h) => h.entryId)).not.toContain(entries[0]!.id);
  });
});
