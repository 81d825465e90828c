import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { isoDate } from '../clock';
import { appendAudit } from '../audit/audit.service';
import { lockApplication } from '../applications/applications.repository';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  invalidField,
  type ErrorDetail,
} from '../http/errors';
import { findScreening, latestScreeningOf } from '../screening/screening.repository';
import { refuseUnclearedSanctionsHits } from '../screening/sanctions-clearance.service';
import type { AuthUser } from '../http/auth';
import {
  closePending,
  findDecision,
  insertDecision,
  nextReference,
  openDecisionsOn,
  type DecidedBy,
  type NewDecision,
} from './decisions.repository';
import { finalise, type FinaliseDeps } from './decisions.finalise';
import { checkCommunication } from '../communications/communications.gate';
import { departsFromRecommendation, needsJustification, needsSecondOfficer } from './decisions.rules';
import type { DecisionRow } from './decisions.table';
import type { ApproveInput, Decision, DecideInput } from './decisions.schemas';
import { letterWordProblems } from './letter.wording';
import { decisionMakers } from './decisions.makers';
import { authorityFor, type DelegationOrder } from '../delegation/delegation.loader';
import { delegationKindOf } from '../delegation/delegation.kind';
import { conflictOfInterest, hasConflict, refuseConflictOfInterest } from '../delegation/delegation.conflict';

export interface DecisionDeps extends FinaliseDeps {
  db: Kysely<Database>;
  /** The committee's delegation order, loaded at start-up. */
  delegation: DelegationOrder;
}

export function toDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    reference: row.reference,
    caseNumber: row.case_number,
    kind: row.kind,
    associationId: row.association_id,
    applicationId: row.application_id,
    screeningId: row.screening_id,
    outcome: row.outcome,
    recommendation: row.recommendation,
    departsFromRecommendation: row.departs_from_recommendation,
    justification: row.justification,
    conditions: row.conditions,
    communicationId: row.communication_id,
    communicationExemption: row.communication_exemption,
    criteria: row.criteria,
    status: row.status,
    ...decisionMakers(row),
    preparedAt: row.prepared_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    delegationKind: row.delegation_kind,
    returnedReason: row.returned_reason,
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
    documentSha256: row.document_sha256,
  };
}

function fail(details: ErrorDetail[]): void {
  if (details.length) throw new ValidationError('Request validation failed', details);
}

/** Stores a new decision (pending) with its diary number and audits it; the caller decides on finality. */
export async function recordDecision(
  trx: Transaction<Database>,
  deps: DecisionDeps,
  d: Omit<NewDecision, 'id' | 'reference' | 'now'>,
): Promise<DecisionRow> {
  const now = deps.clock.now();
  const reference = await nextReference(trx, Number(isoDate(now).slice(0, 4)));
  const row = await insertDecision(trx, { ...d, id: randomUUID(), reference, now });
  await appendAudit(trx, deps.clock, {
    actor: d.preparedBy,
    action: 'decision.made',
    entityType: 'decision',
    entityId: row.id,
    details: { ...toDecision(row), documentSha256: undefined },
  });
  return row;
}

/**
 * A case officer decides on an application, on its latest screening. The engine recommended; this is
 * the person's decision, with the reasons, communication and second officer the law asks for.
 */
export async function decideOnApplication(
  deps: DecisionDeps,
  actor: AuthUser,
  applicationId: string,
  input: DecideInput,
): Promise<Decision> {
  const today = isoDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const application = await lockApplication(trx, applicationId);
    if (!application) throw new NotFoundError('Application');
    const screening = await findScreening(trx, input.screeningId);
    if (!screening || screening.application_id !== applicationId) {
      throw new ValidationError('Request validation failed', [
        {
          path: 'body.screeningId',
          code: 'screening_not_of_application',
          message: 'not a screening of this application',
        },
      ]);
    }
    const latest = await latestScreeningOf(trx, applicationId);
    if (latest!.id !== screening.id) {
      throw new ConflictError('A newer screening of this application exists: decide on the latest one', {
        code: 'newer_screening',
      });
    }
    const open = await openDecisionsOn(trx, applicationId);
    if (open.some((d) => d.status === 'pending_approval')) {
      throw new ConflictError('A decision on this application is already awaiting approval', {
        code: 'decision_pending',
      });
    }
    const current = open.find((d) => d.status === 'final');
    if (input.supersedesDecisionId ? current?.id !== input.supersedesDecisionId : current) {
      throw input.supersedesDecisionId
        ? new ConflictError('supersedesDecisionId must be the final decision on this application', {
            code: 'supersedes_not_final',
          })
        : new ConflictError(
            'This application already has a final decision; a correction must name it in supersedesDecisionId',
            { code: 'final_decision_exists' },
          );
    }

    const recommendation = screening.recommendation;
    const { outcome } = input;
    const departs = departsFromRecommendation(recommendation, outcome);
    const communication = await checkCommunication(trx, {
      caseId: application.case_id,
      adverse: outcome === 'denied',
      communicationId: input.communicationId,
      communicationExemption: input.communicationExemption,
      today,
    });
    fail([
      ...(input.conditions && outcome !== 'approved'
        ? [
            {
              path: 'body.conditions',
              code: 'conditions_only_on_approval' as const,
              message: 'only an approval has conditions',
            },
          ]
        : []),
      ...(outcome === 'denied' ? letterWordProblems(input.justification, 'body.justification') : []),
      ...communication.details,
      ...(needsJustification(recommendation, outcome) && !input.justification
        ? [
            {
              path: 'body.justification',
              code: 'justification_required' as const,
              params: { outcome, recommendation },
              message:
                outcome === 'denied'
                  ? 'required for a denial (förvaltningslagen 32 §)'
                  : `required when deciding ${outcome} on a "${recommendation}" recommendation`,
            },
          ]
        : []),
    ]);
    if (communication.conflict) {
      throw new ConflictError(communication.conflict.message, communication.conflict.reason);
    }

    const delegationKind = delegationKindOf({
      kind: 'application',
      outcome,
      departsFromRecommendation: departs,
      applicationKind: application.kind,
    });
    const row = await recordDecision(trx, deps, {
      kind: 'application',
      delegationKind,
      associationId: screening.association_id,
      applicationId,
      screeningId: screening.id,
      outcome,
      recommendation,
      departsFromRecommendation: departs,
      justification: input.justification ?? null,
      conditions: input.conditions ?? null,
      caseId: application.case_id,
      caseNumber: application.case_number,
      communicationId: communication.communicationId,
      communicationExemption: communication.communicationExemption,
      criteria: [...new Set(screening.result.rules.filter((r) => r.status === 'met').map((r) => r.code))],
      supersedesId: input.supersedesDecisionId ?? null,
      preparedBy: actor.id,
    });
    if (needsSecondOfficer(recommendation, outcome)) return toDecision(row);
    // Final at once (the v1 contract): approving what the engine found eligible is routine, so the
    // case officer who prepares it decides it as delegat — if the order delegates that kind of
    // decision to their role and nothing the service knows makes them jävig. Otherwise it waits for
    // a delegat like any other decision.
    const authority = authorityFor(deps.delegation, delegationKind, actor.role);
    if (authority.by !== 'delegate') return toDecision(row);
    if (hasConflict(await conflictOfInterest(trx, row, actor.id))) return toDecision(row);
    const closed = await closePending(trx, row.id, {
      status: 'final',
      decidedBy: { delegat: actor.id, point: authority.point },
      now: deps.clock.now(),
    });
    return toDecision(await finalise(trx, deps, actor.id, closed!));
  });
}

export const FOUR_EYES =
  'Four eyes: the decision must be decided by another person than the one who prepared it';
export const NO_DELEGATION = 'You hold no delegation for this kind of decision under the delegation order';
export const RESERVED_TO_COMMITTEE =
  'The delegation order reserves this decision to the committee: a coordinator records the committee’s decision with its meeting date and paragraph';
export const NOT_RESERVED =
  'The delegation order does not reserve this decision to the committee: a delegat decides it';
export const COORDINATOR_RECORDS = 'Only a coordinator records a decision of the committee';

/** Who may make this pending decision final, and as what: refuses (403/400/409) anyone who may not. */
async function decider(
  trx: Transaction<Database>,
  deps: DecisionDeps,
  actor: AuthUser,
  d: DecisionRow,
  input: ApproveInput,
): Promise<DecidedBy> {
  const authority = authorityFor(deps.delegation, d.delegation_kind, actor.role);
  if (input.committee) {
    if (authority.by !== 'committee')
      throw new ForbiddenError(NOT_RESERVED, { code: 'not_reserved_to_committee' });
    if (actor.role !== 'coordinator') {
      throw new ForbiddenError(COORDINATOR_RECORDS, { code: 'coordinator_records_committee' });
    }
    const { meetingOn, paragraph } = input.committee;
    if (meetingOn > isoDate(deps.clock.now()))
      throw invalidField('body.committee.meetingOn', 'date_in_future', 'must not be in the future');
    if (meetingOn < isoDate(d.prepared_at)) {
      throw invalidField(
        'body.committee.meetingOn',
        'meeting_before_prepared',
        'must not be before the decision was prepared',
      );
    }
    return { committee: { meetingOn, paragraph, recordedBy: actor.id } };
  }
  if (authority.by === 'committee') {
    throw new ForbiddenError(RESERVED_TO_COMMITTEE, { code: 'reserved_to_committee' });
  }
  if (d.prepared_by === actor.id) throw new ForbiddenError(FOUR_EYES, { code: 'four_eyes' });
  if (authority.by === 'none') throw new ForbiddenError(NO_DELEGATION, { code: 'no_delegation' });
  await refuseConflictOfInterest(trx, d, actor.id);
  return { delegat: actor.id, point: authority.point };
}

/**
 * The delegat decides a prepared decision (or a coordinator records the committee's). One person, who
 * holds delegation for its kind, is not the one who prepared it and is not jävig; of two simultaneous
 * approvals exactly one wins (compare-and-set on the status), the other gets 409.
 */
export async function approveDecision(
  deps: DecisionDeps,
  actor: AuthUser,
  decisionId: string,
  input: ApproveInput,
): Promise<Decision> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await findDecision(trx, decisionId);
    if (!d) throw new NotFoundError('Decision');
    if (d.status !== 'pending_approval')
      throw new ConflictError(`The decision is ${d.status}, not awaiting approval`, {
        code: 'decision_not_pending',
        params: { status: d.status },
      });
    const decidedBy = await decider(trx, deps, actor, d, input);
    // Findings may have been added and the application screened again while this waited: a decision
    // resting on an outdated screening must not become final (its letter would cite the old reasons).
    if (d.application_id && d.screening_id) {
      await lockApplication(trx, d.application_id);
      const latest = await latestScreeningOf(trx, d.application_id);
      if (latest && latest.id !== d.screening_id) {
        throw new ConflictError(
          'The application was screened again after this decision was made: return it, and decide on the latest screening',
          { code: 'screened_again' },
        );
      }
    }
    // SANK-1: no support to a possibly listed person or group until the coordinator cleared the hit.
    if (d.kind === 'application' && d.outcome === 'approved' && d.screening_id) {
      await refuseUnclearedSanctionsHits(trx, d.screening_id);
    }
    const closed = await closePending(trx, decisionId, { status: 'final', decidedBy, now: deps.clock.now() });
    if (!closed) {
      throw new ConflictError('The decision was just approved or returned by someone else', {
        code: 'decision_just_closed',
      });
    }
    await appendAudit(trx, deps.clock, {
      actor: actor.id,
      action: 'decision.approved',
      entityType: 'decision',
      entityId: decisionId,
      details: {
        reference: d.reference,
        delegationKind: d.delegation_kind,
        ...('delegat' in decidedBy
          ? { delegationPoint: decidedBy.point, noConflictOfInterest: true }
          : { committee: decidedBy.committee }),
        delegationOrder: deps.delegation.hash,
      },
    });
    return toDecision(await finalise(trx, deps, actor.id, closed));
  });
}

/** The second officer does not approve: the decision is returned with a reason and never takes effect. */
export async function returnDecision(
  deps: DecisionDeps,
  actor: AuthUser,
  decisionId: string,
  reason: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const d = await findDecision(trx, decisionId);
    if (!d) throw new NotFoundError('Decision');
    const closed = await closePending(trx, decisionId, {
      status: 'returned',
      returnedReason: reason,
      now: deps.clock.now(),
    });
    if (!closed)
      throw new ConflictError(`The decision is ${d.status}, not awaiting approval`, {
        code: 'decision_not_pending',
        params: { status: d.status },
      });
    await appendAudit(trx, deps.clock, {
      actor: actor.id,
      action: 'decision.returned',
      entityType: 'decision',
      entityId: decisionId,
      details: { reference: d.reference, reason },
    });
    return toDecision(closed);
  });
}

export async function loadDecision(db: Db, id: string): Promise<DecisionRow> {
  const d = await findDecision(db, id);
  if (!d) throw new NotFoundError('Decision');
  return d;
}
