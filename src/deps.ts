// The service's runtime dependencies, built once at start-up (src/startup.ts) and handed to every
// feature's routes. A leaf module: features import this type without importing the app that mounts them.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import type { DatabaseKind } from './db/connection';
import type { LoadedRuleSet } from './screening/rule-set.loader';
import type { WatchlistIndexCache } from './watchlist/watchlist.index-cache';
import type { WithdrawnIndexCache } from './premises/premises.withdrawn-index';
import type { LetterRenderer } from './decisions/letter.renderer';
import type { DelegationOrder } from './delegation/delegation.loader';
import type { CommunicationLetterRenderer } from './communications/communications.letter';
import type { AuditRuntime } from './audit/audit.runtime';

export interface AppDeps {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Every rule set loaded and published at start-up. */
  ruleSets: readonly LoadedRuleSet[];
  /** The in-memory watchlist index, refreshed from the database before each use. */
  watchlist: WatchlistIndexCache;
  /** The withdrawn associations, for the premises check's fuzzy match; refreshed the same way. */
  withdrawn: WithdrawnIndexCache;
  /** The decision-letter templates, compiled once. */
  letters: LetterRenderer;
  /** The kommuniceringsbrev template, compiled once. */
  communicationLetter: CommunicationLetterRenderer;
  /** The committee's delegation order (who may decide what), validated at start-up. */
  delegation: DelegationOrder;
  /** The audit log's signing key and its background verification jobs. */
  audit: AuditRuntime;
}
