import { MatcherIndex } from '../../src/watchlist/matcher';
import { scoreName } from '../../src/watchlist/matcher/matcher.score';

jest.mock('../../src/watchlist/matcher/matcher.score', () => {
  const actual = jest.requireActual<typeof import('../../src/watchlist/matcher/matcher.score')>(
    '../../src/watchlist/matcher/matcher.score',
  );
  return { ...actual, scoreName: jest.fn(actual.scoreName) };
});

describe('MatcherIndex retrieval', () => {
  const index = new MatcherIndex();
  for (let i = 0; i < 5000; i++) {
    index.add({
      id: `x${i}`,
      subjectKind: 'organisation',
      name: `Klubben Nummer${i} Sällskapet`,
      aliases: [],
    });
  }
  index.add({ id: 'target', subjectKind: 'organisation', name: 'Revolutionära Akademin', aliases: [] });
  index.add({ id: 'near', subjectKind: 'organisation', name: 'Revolutionära Klubben Nummer7', aliases: [] });

  beforeEach(() => jest.mocked(scoreName).mockClear());

  it('scores only entries sharing a distinctive word (or a typo of one) with the query', () => {
    expect(index.search({ name: 'Revolutionära Akademin' })[0]?.entryId).toBe('target');
    expect(jest.mocked(scoreName).mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('finds a typo without looking at the whole list', () => {
    expect(index.search({ name: 'Revolutoinära Akademin' })[0]?.entryId).toBe('target');
    expect(jest.mocked(scoreName).mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('does not look at entries that share only legal-form or class words with the query', () => {
    expect(index.search({ name: 'Gröna Klubben Sällskapet' }, { minScore: 0.1 })).toEqual([]);
    expect(jest.mocked(scoreName).mock.calls.length).toBe(0);
  });
});
