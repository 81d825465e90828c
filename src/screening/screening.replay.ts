import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Clock } from '../clock';
import { appendAuditAlone } from '../audit/audit.service';
import { publishedRuleSet } from './rule-set.registry';
import { compareEvaluations } from './screening.compare';
import { evaluate } from './screening.engine';
import { describeEvaluation, loadScreeningRow } from './screening.service';

/**
 * Re-runs a stored screening's facts under the rule set it used, as published then (from the
 * database, hash-checked), and tells whether the result is identical. With `ruleSetVersion`, a
 * what-if: the same facts under another published version, and which rules would differ.
 */
export async function replayScreening(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: string,
  screeningId: string,
  ruleSetVersion?: string,
) {
  const row = await loadScreeningRow(deps.db, screeningId);
  const version = ruleSetVersion ?? row.rule_set_version;
  const ruleSet = await publishedRuleSet(deps.db, row.rule_set_id, version);
  const replayed = await evaluate(ruleSet, row.facts);
  const comparison = compareEvaluations(row.result, replayed);
  await appendAuditAlone(deps.db, deps.clock, {
    actor,
    action: 'screening.replayed',
    entityType: 'screening',
    entityId: screeningId,
    details: {
      ruleSet: replayed.ruleSet,
      identical: comparison.identical,
      differingRuleIds: comparison.differingRuleIds,
    },
  });
  return {
    identical: comparison.identical,
    original: describeEvaluation(row.result),
    replayed: describeEvaluation(replayed),
    differences: comparison.differences,
  };
}
