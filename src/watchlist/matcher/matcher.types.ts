import type { Normalisation } from './normalise';

import type { SubjectKind } from '../watchlist.table';

export type { SubjectKind };

export interface MatchableEntry {
  id: string;
  subjectKind: SubjectKind;
  name: string;
  aliases: string[];
  orgNumber?: string | null;
  personalNumber?: string | null;
}

export interface MatchQuery {
  name?: string;
  orgNumber?: string | null;
  personalNumber?: string | null;
  subjectKind?: SubjectKind;
}

export interface SearchOptions {
  /** Lowest score returned; defaults to REFER_THRESHOLD. */
  minScore?: number;
  /** Most hits returned; defaults to 10. */
  limit?: number;
  /**
   * Which entries may be returned at all, decided before the limit is applied: an entry it refuses
   * never takes the place of one it accepts.
   */
  accept?: (entryId: string) => boolean;
}

/** One query token paired with one entry token. */
export interface ExplainedPair {
  query: string;
  entry: string;
  /** 1 for the same normalised word; below 1 for a typo-level difference. */
  similarity: number;
  /** Share of the name's total weight this pair carries (rare words weigh more). */
  weight: number;
  /** Edits between the normalised forms (0 when equal). */
  edits: number;
  /** How the pair came about beyond plain equality. */
  via?: 'compound_joined' | 'compound_split';
}

export interface ExplainedToken {
  token: string;
  weight: number;
}

export type MatchMethod = 'org_number' | 'personal_number' | 'name' | 'acronym';

export interface MatchExplanation {
  method: MatchMethod;
  matcherVersion: string;
  /** Set when the query carried an id number and the entry has one of the same kind. */
  idNumber?: { kind: 'org_number' | 'personal_number'; matched: boolean };
  /** The entry's name or alias the name evidence refers to. */
  matchedName: string;
  nameScore: number | null;
  pairs: ExplainedPair[];
  unmatchedQueryTokens: ExplainedToken[];
  unmatchedEntryTokens: ExplainedToken[];
  acronym?: { acronym: string; expandsTo: string };
  /** Normalisations that made the query and the matched name meet. */
  normalisations: Normalisation[];
  summary: string;
}

export interface MatchHit {
  entryId: string;
  score: number;
  matchedName: string;
  explanation: MatchExplanation;
}
