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
  type ErrorDetail,
} from '../http/errors';
import { findScreening, latestScreeningOf } from '../screening/screening.repository';
import type { AuthUser } from '../http/auth';
import {
  closePending,
  findDecision,
  insertDecision,
  nextReference,
  openDecisionsOn,
  type NewDecision,
} from './decisions.repository';
import { finalise, type FinaliseDeps } from './decisions.finalise';
import { checkCommunication } from '../communications/communications.gate';
import { departsFromRecommendation, needsJustification, needsSecondOfficer } from './decisions.rules';
import type { DecisionRow } from './decisions.table';
import type { Decision, DecideInput } from './decisions.schemas';
import { letterWordProblems } from './letter.wording';

export interface DecisionDeps extends FinaliseDeps {
  db: Kysely<Database>;
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
    decidedBy: row.decided_by,
    decidedAt: row.decided_at.toISOString(),
    approvedBy: row.approved_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
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
    actor: d.decidedBy,
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
    const app = await lockApplication(trx, applicationId);
    if (!app) throw new NotFoundError('Application');
    const screening = await findScreening(trx, input.screeningId);
    if (!screening || screening.application_id !== applicationId) {
      throw new ValidationError('Request validation failed', [
        { path: 'body.screeningId', message: 'not a screening of this application' },
      ]);
    }
    const latest = await latestScreeningOf(trx, applicationId);
    if (latest!.id !== screening.id) {
      throw new ConflictError('A newer screening of this application exists: decide on the latest one');
    }
    const open = await openDecisionsOn(trx, applicationId);
    if (open.some((d) => d.status === 'pending_approval')) {
      throw new ConflictError('A decision on this application is already awaiting approval');
    }
    const current = open.find((d) => d.status === 'final');
    if (input.supersedesDecisionId ? current?.id !== input.supersedesDecisionId : current) {
      throw new ConflictError(
        input.supersedesDecisionId
          ? 'supersedesDecisionId must be the final decision on this application'
          : 'This application already has a final decision; a correction must name it in supersedesDecisionId',
      );
    }

    const recommendation = screening.recommendation;
    const { outcome } = input;
    const departs = departsFromRecommendation(recommendation, outcome);
    const communication = await checkCommunication(trx, {
      caseId: app.case_id,
      adverse: outcome === 'denied',
      communicationId: input.communicationId,
      communicationExemption: input.communicationExemption,
      today,
    });
    fail([
      ...(input.conditions && outcome !== 'approved'
        ? [{ path: 'body.conditions', message: 'only an approval has conditions' }]
        : []),
      ...(outcome === 'denied' ? letterWordProblems(input.justification, 'body.justification') : []),
      ...communication.details,
      ...(needsJustification(recommendation, outcome) && !input.justification
        ? [
            {
              path: 'body.justification',
              message:
                outcome === 'denied'
                  ? 'required for a denial (förvaltningslagen 32 §)'
                  : `required when deciding ${outcome} on a "${recommendation}" recommendation`,
            },
          ]
        : []),
    ]);
    if (communication.conflict) throw new ConflictError(communication.conflict);

    const row = await recordDecision(trx, deps, {
      kind: 'application',
      associationId: screening.association_id,
      applicationId,
      screeningId: screening.id,
      outcome,
      recommendation,
      departsFromRecommendation: departs,
      justification: input.justification ?? null,
      conditions: input.conditions ?? null,
      caseId: app.case_id,
      caseNumber: app.case_number,
      communicationId: communication.communicationId,
      communicationExemption: communication.communicationExemption,
      criteria: [...new Set(screening.result.rules.filter((r) => r.status === 'met').map((r) => r.code))],
      supersedesId: input.supersedesDecisionId ?? null,
      decidedBy: actor.id,
    });
    if (needsSecondOfficer(recommendation, outcome)) return toDecision(row);
    const closed = await closePending(trx, row.id, { status: 'final', now: deps.clock.now() });
    return toDecision(await finalise(trx, deps, actor.id, closed!));
  });
}

/**
 * The second officer's approval. A different person than the one who decided; of two simultaneous
 * approvals exactly one wins (compare-and-set on the status), the other gets 409.
 */
export async function approveDecision(
  deps: DecisionDeps,
  actor: AuthUser,
  decisionId: string,
): Promise<Decision> {
  return deps.db.transaction().execute(async (trx) => {
    const d = await findDecision(trx, decisionId);
    if (!d) throw new NotFoundError('Decision');
    if (d.status !== 'pending_approval')
      throw new ConflictError(`The decision is ${d.status}, not awaiting approval`);
    if (d.decided_by === actor.id) {
      throw new ForbiddenError(
        'Four eyes: the decision must be approved by another officer than the one who made it',
      );
    }
    // Findings may have been added and the application screened again while this waited: a decision
    // resting on an outdated screening must not become final (its letter would cite the old reasons).
    if (d.application_id && d.screening_id) {
      await lockApplication(trx, d.application_id);
      const latest = await latestScreeningOf(trx, d.application_id);
      if (latest && latest.id !== d.screening_id) {
        throw new ConflictError(
          'The application was screened again after this decision was made: return it, and decide on the latest screening',
        );
      }
    }
    const closed = await closePending(trx, decisionId, {
      status: 'final',
      approvedBy: actor.id,
      now: deps.clock.now(),
    });
    if (!closed) throw new ConflictError('The decision was just approved or returned by someone else');
    await appendAudit(trx, deps.clock, {
      actor: actor.id,
      action: 'decision.approved',
      entityType: 'decision',
      entityId: decisionId,
      details: { reference: d.reference },
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
    if (!closed) throw new ConflictError(`The decision is ${d.status}, not awaiting approval`);
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
