import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { findingsOf, lockApplication, setApplicationStatus } from '../applications/applications.repository';
import { toApplication } from '../applications/applications.service';
import { findAssociation } from '../associations/associations.repository';
import { NotFoundError } from '../http/errors';
import { selectRuleSet, type LoadedRuleSet } from './rule-set.loader';
import { evaluate } from './screening.engine';
import { buildFacts } from './screening.facts-builder';
import { findScreening, insertScreening } from './screening.repository';
import type { EvaluationResult, RuleEvaluation } from './screening.result';
import type { Screening } from './screening.schemas';
import type { ScreeningRow } from './screening.table';
import type { WatchlistPort } from './screening.watchlist-port';
import { screeningDuration, timed } from '../metrics/metrics.registry';

export const ELIGIBILITY_RULE_SET = 'eligibility';

export interface ScreeningDeps {
  db: Kysely<Database>;
  clock: Clock;
  ruleSets: readonly LoadedRuleSet[];
  watchlist: WatchlistPort;
}

/** Reasons: the rules that fired. Checks: every rule with met / not met / not evaluated. */
export function describeEvaluation(result: EvaluationResult) {
  const reasons = result.rules
    .filter((r) => r.status === 'met')
    .map((r) => ({
      ruleId: r.id,
      code: r.code,
      criterion: r.criterion.sv,
      outcome: r.outcome,
      explanation: r.explanation.sv,
      legalBasis: r.legalBasis,
      findingIds: r.findingIds,
      watchlistEntryIds: r.watchlistEntryIds,
    }));
  const checks = result.rules.map((r: RuleEvaluation) => ({
    ruleId: r.id,
    code: r.code,
    criterion: r.criterion.sv,
    outcome: r.outcome,
    status: r.status,
    explanation:
      r.status === 'met'
        ? r.explanation.sv
        : r.status === 'not_met'
          ? (r.notMetExplanation?.sv ?? null)
          : null,
    legalBasis: r.legalBasis,
  }));
  return { ruleSet: result.ruleSet, recommendation: result.recommendation, reasons, checks };
}

export function toScreening(row: ScreeningRow): Screening {
  const { ruleSet, recommendation, reasons, checks } = describeEvaluation(row.result);
  return {
    id: row.id,
    applicationId: row.application_id,
    associationId: row.association_id,
    screeningDate: row.facts.screeningDate,
    ruleSet,
    recommendation,
    reasons,
    checks,
    watchlist: {
      hits: row.watchlist_hits,
      hitsWithheld: false,
      matcherVersion: row.matcher_version,
      watchlistVersion: row.watchlist_version,
    },
    screenedBy: row.screened_by,
    createdAt: row.created_at.toISOString(),
  };
}

/**
 * Screens an application under the rule set in force today: builds the fact snapshot, runs the
 * engine, and stores snapshot, rule-set identity and every rule's result. The engine recommends; a
 * person decides.
 */
export async function screenApplication(
  deps: ScreeningDeps,
  actor: string,
  applicationId: string,
): Promise<Screening> {
  return timed(screeningDuration, () => screenInTransaction(deps, actor, applicationId));
}

async function screenInTransaction(
  deps: ScreeningDeps,
  actor: string,
  applicationId: string,
): Promise<Screening> {
  // Refresh the watchlist index before the transaction: searching it afterwards touches no database.
  const watchlist = await deps.watchlist.view();
  return deps.db.transaction().execute(async (trx) => {
    // The lock keeps findings added meanwhile out of this snapshot rather than half in it.
    const appRow = await lockApplication(trx, applicationId);
    if (!appRow) throw new NotFoundError('Application');
    const application = toApplication(appRow, await findingsOf(trx, applicationId));
    const association = (await findAssociation(trx, appRow.association_id))!;
    const now = deps.clock.now();
    const screeningDate = isoDate(now);
    const screen = watchlist.screenAssociation(
      {
        name: association.name,
        aliases: association.aliases,
        orgNumber: association.org_number,
        representatives: association.representatives,
      },
      screeningDate,
    );
    const facts = buildFacts(screeningDate, application, association, screen);
    const ruleSet = selectRuleSet(deps.ruleSets, screeningDate, ELIGIBILITY_RULE_SET);
    const result = await evaluate(ruleSet, facts);
    const row = await insertScreening(trx, {
      id: randomUUID(),
      applicationId,
      associationId: association.id,
      facts,
      result,
      hits: screen.hits,
      screenedBy: actor,
      now,
    });
    if (appRow.status === 'received') await setApplicationStatus(trx, applicationId, 'screened', now);
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'screening.performed',
      entityType: 'screening',
      entityId: row.id,
      details: {
        applicationId,
        associationId: association.id,
        ruleSet: result.ruleSet,
        recommendation: result.recommendation,
        firedRules: result.rules.filter((r) => r.status === 'met').map((r) => r.id),
        watchlistEntryIds: screen.hits.map((h) => h.entryId),
        watchlistVersion: screen.watchlistVersion,
        matcherVersion: screen.matcherVersion,
      },
    });
    return toScreening(row);
  });
}

export async function loadScreeningRow(db: Db, id: string): Promise<ScreeningRow> {
  const row = await findScreening(db, id);
  if (!row) throw new NotFoundError('Screening');
  return row;
}
