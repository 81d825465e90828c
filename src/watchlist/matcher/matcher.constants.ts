import { TokenTier } from './normalise.lexicon';

/**
 * Changes whenever normalisation, weights or scoring change, so a stored screening says which
 * matcher produced its hits and a replay can tell when scores are not comparable.
 */
export const MATCHER_VERSION = 'sv-token-idf-1.0.0';

/**
 * A hit scoring at or above this counts as "refer": a person looks at it. Set midway in the gap the
 * dev set shows between legitimate associations (≤ 0.71: same place and word, different activity)
 * and variants of listed names (≥ 0.84: a typo plus added legal form), since both errors matter.
 */
export const REFER_THRESHOLD = 0.78;

export const DEFAULT_LIMIT = 10;

/** Multiplier on a token's IDF by tier: legal forms say almost nothing about which body is meant. */
export const TIER_FACTOR: Record<TokenTier, number> = {
  [TokenTier.Normal]: 1,
  [TokenTier.Class]: 0.4,
  [TokenTier.Legal]: 0.1,
};

/** Score of a one-word query equal to the initials of an entry's multi-word name (NMR). */
export const ACRONYM_SCORE = 0.85;
/** A multi-word query whose initials equal an entry's one-word name: weak, shown only below refer. */
export const REVERSE_ACRONYM_SCORE = 0.6;

/** IDF with smoothing: never below 1, and an unseen token gets the highest weight. */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}
