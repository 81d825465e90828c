// The watchlist matcher: Swedish-aware fuzzy name matching over an in-memory index, with id-number
// matches and an explanation for every hit. Pure: no database, no clock, no I/O.
export { MatcherIndex, normaliseBounded, personalNumberDigits } from './matcher.index';
export { MATCHER_VERSION, REFER_THRESHOLD } from './matcher.constants';
export { normaliseName, type Normalisation, type NormalisedName, type NormToken } from './normalise';
export type {
  ExplainedPair,
  ExplainedToken,
  MatchableEntry,
  MatchExplanation,
  MatchHit,
  MatchMethod,
  MatchQuery,
  SearchOptions,
  SubjectKind,
} from './matcher.types';
