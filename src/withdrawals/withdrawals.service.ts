import { isoDate } from '../clock';
import { findAssociation } from '../associations/associations.repository';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import type { AuthUser } from '../http/auth';
import { selectRuleSet } from '../screening/rule-set.loader';
import { ELIGIBILITY_RULE_SET } from '../screening/screening.service';
import type { DecisionKind } from '../decisions/decisions.table';
import { recordDecision, type DecisionDeps } from '../decisions/decisions.service';
import type { RestorationInput, WithdrawalInput } from './withdrawals.schemas';

// Withdrawing support is itself a decision (DOMAIN.md): adverse, so it needs communication with the
// association and reasons citing the criteria. The case officer prepares it; it takes effect when
// decided as the delegation order says — by a delegat (delegation and jäv checked as for any
// decision) or, where the order reserves it, by the committee, recorded by a coordinator
// (decisions.service approveDecision). Then decisions.finalise withdraws support, creates the
// follow-up reminders and writes the letter from its own template.

/**
 * Conduct criteria a withdrawal may cite: the rules of the rule set in force that can make an
 * association ineligible, one per code, in the rule set's order. Exported for the withdrawal form,
 * which offers exactly these.
 */
export function conductCriteria(
  ruleSets: DecisionDeps['ruleSets'],
  today: string,
): { code: string; criterion: string; legalBasis: string }[] {
  const ruleSet = selectRuleSet(ruleSets, today, ELIGIBILITY_RULE_SET);
  const byCode = new Map<string, { code: string; criterion: string; legalBasis: string }>();
  for (const r of ruleSet.rules) {
    if (r.outcome !== 'ineligible' || byCode.has(r.code)) continue;
    byCode.set(r.code, { code: r.code, criterion: r.criterion.sv, legalBasis: r.legalBasis });
  }
  return [...byCode.values()];
}

const conductCodes = (deps: DecisionDeps, today: string) =>
  new Set(conductCriteria(deps.ruleSets, today).map((c) => c.code));

async function openSupportDecision(
  deps: DecisionDeps,
  actor: AuthUser,
  associationId: string,
  kind: Extract<DecisionKind, 'withdrawal' | 'restoration'>,
  fields: { justification: string; communicatedOn: string | null; criteria: string[] },
) {
  return deps.db.transaction().execute(async (trx) => {
    // Lock the association: one support decision at a time.
    const association = await trx
      .selectFrom('associations')
      .select(['id', 'support_status'])
      .where('id', '=', associationId)
      .forUpdate()
      .executeTakeFirst();
    if (!association) throw new NotFoundError('Association');
    const expected = kind === 'withdrawal' ? 'active' : 'withdrawn';
    if (association.support_status !== expected) {
      throw new ConflictError(`The association's support is ${association.support_status}`);
    }
    const pending = await trx
      .selectFrom('decisions')
      .select('id')
      .where('association_id', '=', associationId)
      .where('kind', 'in', ['withdrawal', 'restoration'])
      .where('status', '=', 'pending_approval')
      .executeTakeFirst();
    if (pending)
      throw new ConflictError('A decision on this association’s support is already awaiting approval');
    const row = await recordDecision(trx, deps, {
      kind,
      delegationKind: kind,
      associationId,
      applicationId: null,
      screeningId: null,
      outcome: kind === 'withdrawal' ? 'withdrawn' : 'restored',
      recommendation: null,
      departsFromRecommendation: false,
      justification: fields.justification,
      communicatedOn: fields.communicatedOn,
      criteria: fields.criteria,
      supersedesId: null,
      preparedBy: actor.id,
    });
    return { decisionId: row.id, status: 'pending_approval' as const, reference: row.reference };
  });
}

export async function proposeWithdrawal(
  deps: DecisionDeps,
  actor: AuthUser,
  associationId: string,
  input: WithdrawalInput,
) {
  const today = isoDate(deps.clock.now());
  const known = conductCodes(deps, today);
  const details = [
    ...input.criteria
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => !known.has(c))
      .map(({ c, i }) => ({
        path: `body.criteria.${i}`,
        message: `"${c}" is not a conduct criterion (${[...known].join(', ')})`,
      })),
    ...(input.communicatedOn > today
      ? [{ path: 'body.communicatedOn', message: 'must not be in the future' }]
      : []),
  ];
  if (details.length) throw new ValidationError('Request validation failed', details);
  if (!(await findAssociation(deps.db, associationId))) throw new NotFoundError('Association');
  return openSupportDecision(deps, actor, associationId, 'withdrawal', {
    justification: input.justification,
    communicatedOn: input.communicatedOn,
    criteria: [...new Set(input.criteria)],
  });
}

export async function proposeRestoration(
  deps: DecisionDeps,
  actor: AuthUser,
  associationId: string,
  input: RestorationInput,
) {
  if (input.communicatedOn && input.communicatedOn > isoDate(deps.clock.now())) {
    throw new ValidationError('Request validation failed', [
      { path: 'body.communicatedOn', message: 'must not be in the future' },
    ]);
  }
  return openSupportDecision(deps, actor, associationId, 'restoration', {
    justification: input.justification,
    communicatedOn: input.communicatedOn ?? null,
    criteria: [],
  });
}
