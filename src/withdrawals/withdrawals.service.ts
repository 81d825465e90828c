import { isoDate } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { lockAssociation } from '../associations/associations.repository';
import {
  caseOpenedEvent,
  restorationCaseFor,
  withdrawalCaseFor,
  type CaseDeps,
} from '../cases/cases.service';
import { checkCommunication } from '../communications/communications.gate';
import type { CommunicationExemption } from '../communications/communications.exemptions';
import { pendingSupportDecision } from '../decisions/decisions.repository';
import { ConflictError, NotFoundError, ValidationError, type ErrorDetail } from '../http/errors';
import type { AuthUser } from '../http/auth';
import { selectRuleSet } from '../screening/rule-set.loader';
import { ELIGIBILITY_RULE_SET } from '../screening/screening.service';
import type { DecisionKind } from '../decisions/decisions.table';
import { recordDecision, type DecisionDeps } from '../decisions/decisions.service';
import { letterWordProblems } from '../decisions/letter.wording';
import type { RestorationInput, WithdrawalInput } from './withdrawals.schemas';

// Withdrawing support is itself a decision (DOMAIN.md): adverse, so it needs kommunicering with the
// association (or a stated exception) and reasons citing the criteria. The case officer prepares it; it takes effect when
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

type SupportDeps = DecisionDeps & CaseDeps;

async function openSupportDecision(
  deps: SupportDeps,
  actor: AuthUser,
  associationId: string,
  kind: Extract<DecisionKind, 'withdrawal' | 'restoration'>,
  fields: {
    justification: string;
    criteria: string[];
    /** Field problems found before the transaction, reported together with the communication's. */
    details: ErrorDetail[];
    communicationId?: string | undefined;
    communicationExemption?: CommunicationExemption | undefined;
    caseNumber?: string | undefined;
  },
) {
  const today = isoDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    // Lock the association: one support decision at a time.
    const association = await lockAssociation(trx, associationId);
    if (!association) throw new NotFoundError('Association');
    const expected = kind === 'withdrawal' ? 'active' : 'withdrawn';
    if (association.support_status !== expected) {
      throw new ConflictError(`The association's support is ${association.support_status}`, {
        code: 'support_status',
        params: { status: association.support_status },
      });
    }
    if (await pendingSupportDecision(trx, associationId)) {
      throw new ConflictError('A decision on this association’s support is already awaiting approval', {
        code: 'support_decision_pending',
      });
    }
    // A withdrawal joins the case its kommunicering opened (or opens one); a restoration continues
    // the case of the withdrawal it ends.
    const c =
      kind === 'withdrawal'
        ? await withdrawalCaseFor(trx, deps, {
            associationId,
            caseNumber: fields.caseNumber,
            actor: actor.id,
          })
        : await restorationCaseFor(trx, deps, { associationId, actor: actor.id });
    const communication = await checkCommunication(trx, {
      caseId: c.row.id,
      adverse: kind === 'withdrawal',
      communicationId: fields.communicationId,
      communicationExemption: fields.communicationExemption,
      today,
    });
    const details = [...fields.details, ...communication.details];
    if (details.length) throw new ValidationError('Request validation failed', details);
    if (communication.conflict) {
      throw new ConflictError(communication.conflict.message, communication.conflict.reason);
    }
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
      caseId: c.row.id,
      caseNumber: c.row.case_number,
      communicationId: communication.communicationId,
      communicationExemption: communication.communicationExemption,
      criteria: fields.criteria,
      supersedesId: null,
      preparedBy: actor.id,
    });
    if (c.opened) await appendAudit(trx, deps.clock, caseOpenedEvent(c.row, actor.id));
    return {
      decisionId: row.id,
      status: 'pending_approval' as const,
      reference: row.reference,
      caseNumber: row.case_number,
    };
  });
}

export async function proposeWithdrawal(
  deps: SupportDeps,
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
        code: 'not_conduct_criterion' as const,
        params: { criterion: c, known: [...known].join(', ') },
        message: `"${c}" is not a conduct criterion (${[...known].join(', ')})`,
      })),
    ...letterWordProblems(input.justification, 'body.justification'),
  ];
  return openSupportDecision(deps, actor, associationId, 'withdrawal', {
    justification: input.justification,
    criteria: [...new Set(input.criteria)],
    details,
    communicationId: input.communicationId,
    communicationExemption: input.communicationExemption,
    caseNumber: input.caseNumber,
  });
}

export async function proposeRestoration(
  deps: SupportDeps,
  actor: AuthUser,
  associationId: string,
  input: RestorationInput,
) {
  return openSupportDecision(deps, actor, associationId, 'restoration', {
    justification: input.justification,
    criteria: [],
    details: letterWordProblems(input.justification, 'body.justification'),
  });
}
