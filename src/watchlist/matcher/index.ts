export { MatcherIndex, personalNumberDigits } from './matcher.index';
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
