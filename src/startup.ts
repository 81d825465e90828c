import path from 'node:path';
import type { Logger } from 'pino';
import type { AppDeps } from './deps';
import type { Clock } from './clock';
import type { Config } from './config';
import type { DatabaseHandle } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { publishRuleSets } from './screening/rule-set.registry';
import { DELEGATION_ORDER_FILE_NAME } from './screening/rule-set.loader';
import { loadDelegationOrder } from './delegation/delegation.loader';
import { projectRoot } from './shared/project-root';
import { WatchlistIndexCache } from './watchlist/watchlist.index-cache';
import { loadLetterRenderer } from './decisions/letter.renderer';
import { WithdrawnIndexCache } from './premises/premises.withdrawn-index';
import { loadCommunicationLetter } from './communications/communications.letter';
import { startAudit } from './audit/audit.runtime';

/**
 * Everything the app needs before it takes requests: the schema up to date, the rule sets validated
 * and published (a published version whose file changed stops start-up here), the delegation order
 * validated, and the watchlist index built from the database.
 */
export async function prepareDeps(
  handle: DatabaseHandle,
  config: Config,
  clock: Clock,
  logger: Logger,
): Promise<AppDeps> {
  // The delegation order first: an invalid file stops start-up before anything is written.
  const delegation = await loadDelegationOrder(
    config.DELEGATION_FILE ?? path.join(projectRoot(), 'rules', DELEGATION_ORDER_FILE_NAME),
  );
  if (delegation.committeeName !== config.COMMITTEE_NAME) {
    logger.warn(
      { orderOf: delegation.committeeName, committee: config.COMMITTEE_NAME },
      'the delegation order names another committee than COMMITTEE_NAME',
    );
  }
  const applied = await migrateToLatest(handle.db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const ruleSets = await publishRuleSets(
    handle.db,
    clock,
    config.RULES_DIR ?? path.join(projectRoot(), 'rules'),
  );
  const watchlist = new WatchlistIndexCache(handle.db);
  await watchlist.refresh();
  const withdrawn = new WithdrawnIndexCache(handle.db);
  await withdrawn.refresh();
  logger.info(
    {
      ruleSets: ruleSets.map((r) => `${r.id}@${r.version}`),
      watchlistEntries: watchlist.size,
      withdrawnAssociations: withdrawn.size,
      delegationOrder: delegation.hash,
    },
    'ready',
  );
  const letters = loadLetterRenderer(path.join(projectRoot(), 'templates', 'letters'));
  const communicationLetter = loadCommunicationLetter(path.join(projectRoot(), 'templates', 'letters'));
  const audit = await startAudit({
    db: handle.db,
    kind: handle.kind,
    signingKey: config.AUDIT_SIGNING_KEY,
    dataDir: config.DATA_DIR,
    clock,
    logger,
  });
  return {
    db: handle.db,
    dbKind: handle.kind,
    clock,
    config,
    logger,
    ruleSets,
    watchlist,
    withdrawn,
    letters,
    communicationLetter,
    delegation,
    audit,
  };
}
