import type { Generated, Selectable } from 'kysely';
import type { Json } from '../db/json';
import type { ScreeningFacts } from './screening.facts';
import type { EvaluationResult, Recommendation } from './screening.result';
import type { ScreeningWatchlistHit } from './screening.watchlist-port';

export interface RuleSetsTable {
  id: string;
  version: string;
  valid_from: string;
  /** sha256:<hex> of the exact file bytes. */
  hash: string;
  /** The exact file text, so a version can be replayed after its file is gone. */
  content: string;
  registered_at: Date;
}

export interface ScreeningsTable {
  id: string;
  application_id: string;
  association_id: string;
  rule_set_id: string;
  rule_set_version: string;
  rule_set_hash: string;
  facts: Json<ScreeningFacts>;
  result: Json<EvaluationResult>;
  recommendation: Recommendation;
  watchlist_hits: Json<ScreeningWatchlistHit[]>;
  matcher_version: string;
  watchlist_version: number;
  screened_by: string;
  created_at: Date;
  /** Insertion order (identity column): the latest screening of an application is the highest. */
  seq: Generated<number>;
}

export interface ScreeningReasonsTable {
  screening_id: string;
  rule_id: string;
  code: string;
  outcome: string;
}

export type RuleSetRow = Selectable<RuleSetsTable>;
export type ScreeningRow = Selectable<ScreeningsTable>;
