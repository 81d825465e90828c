import { TokenTier } from './normalise.lexicon';

/**
 * Changes whenever normalisation, weights or scoring change, so a stored screening says which
 * matcher produced its hits and a replay can tell when scores are not comparable. The table in
 * test/watchlist/matcher.version.test.ts fails when outputs change and this does not.
 * 1.1.0: a name counts at most 32 tokens (MAX_NAME_TOKENS), unknown words past 48 letters are not
 * split in two.
 * 2.0.0 (issue 13): other jurisdictions' legal forms (long forms read as their abbreviation), number
 * and ordinal words as digits, titles and name particles low-weight, initials, a person's missing
 * middle name and feminine forms, Greek/Cyrillic conventions, Arabic and Hebrew by consonant skeleton.
 */
export const MATCHER_VERSION = 'intl-token-idf-2.0.0';

/**
 * A hit scoring at or above this counts as "refer": a person looks at it. Set midway in the gap the
 * dev set shows between legitimate associations (≤ 0.71: same place and word, different activity)
 * and variants of listed names (≥ 0.84: a typo plus added legal form), since both errors matter.
 */
export const REFER_THRESHOLD = 0.78;

export const DEFAULT_LIMIT = 10;

// Bounds on the work one entry or one query may cause (issue 14: a 2,000-character alias once took
// the service down). Names are limited at every way in (src/watchlist/watchlist.limits.ts); these
// hold inside the matcher whatever it is given, and no real name comes near them.

/**
 * Tokens up to this length find their typo neighbours through a deletion neighbourhood, whose size
 * grows with the square of the length; longer ones through a fixed number of segments (see
 * matcher.vocabulary.ts). No word in the dev set is longer than 19 letters.
 */
export const MAX_DELETION_TOKEN = 24;
/** Tokens of a name (or query) that count; the rest of a longer one is ignored. */
export const MAX_NAME_TOKENS = 32;
/** Unknown query words longer than this are not tried as two words written together. */
export const MAX_SPLIT_TOKEN = 48;
/** Typo neighbours verified per query token. */
export const MAX_FUZZY_CHECKS = 4000;
/** Entries scored per reading of a query; beyond it, those with the best upper bound are kept. */
export const MAX_CANDIDATES = 5000;
/**
 * Work (matcher.work.ts units) one query may spend; scoring stops taking candidates when it is used
 * up. A query of the benchmark's million-entry list spends a few thousand.
 */
export const MAX_QUERY_WORK = 2_000_000;

/** Multiplier on a token's IDF by tier: legal forms say almost nothing about which body is meant. */
export const TIER_FACTOR: Record<TokenTier, number> = {
  [TokenTier.Normal]: 1,
  [TokenTier.Class]: 0.4,
  [TokenTier.Legal]: 0.1,
};

/** Similarity of an initial and a word it begins ("A." and "Anna"). */
export const INITIAL_SIMILARITY = 0.9;
/** Weight left to a person's unpaired words when the rest of the name pairs in full (matcher.score.ts). */
export const PERSON_UNPAIRED_FACTOR = 0.4;

/** Score of a one-word query equal to the initials of an entry's multi-word name (NMR). */
export const ACRONYM_SCORE = 0.85;
/** A multi-word query whose initials equal an entry's one-word name: weak, shown only below refer. */
export const REVERSE_ACRONYM_SCORE = 0.6;

/** IDF with smoothing: never below 1, and an unseen token gets the highest weight. */
export function idf(df: number, n: number): number {
  return Math.log((n + 1) / (df + 1)) + 1;
}
