import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/database';
import { olderThan } from '../db/keyset';
import type { DecisionKind, DecisionOutcome, DecisionRow, DecisionStatus } from './decisions.table';
import type { CommunicationExemption } from '../communications/communications.exemptions';

/** The next diary number of the year, e.g. "FK 2026/0042"; the counter row serialises writers. */
export async function nextReference(db: Db, year: number): Promise<string> {
  const row = await db
    .insertInto('reference_counters')
    .values({ year, last: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last: eb('reference_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `FK ${year}/${String(row.last).padStart(4, '0')}`;
}

export interface NewDecision {
  id: string;
  reference: string;
  kind: DecisionKind;
  associationId: string;
  applicationId: string | null;
  screeningId: string | null;
  outcome: DecisionOutcome;
  recommendation: string | null;
  departsFromRecommendation: boolean;
  justification: string | null;
  /** An approval's conditions; left out by decisions that have none. */
  conditions?: string | null;
  caseId: string;
  caseNumber: string;
  communicationId: string | null;
  communicationExemption: CommunicationExemption | null;
  criteria: string[];
  supersedesId: string | null;
  decidedBy: string;
  now: Date;
}

export async function insertDecision(db: Db, d: NewDecision): Promise<DecisionRow> {
  return db
    .insertInto('decisions')
    .values({
      id: d.id,
      reference: d.reference,
      kind: d.kind,
      association_id: d.associationId,
      application_id: d.applicationId,
      screening_id: d.screeningId,
      outcome: d.outcome,
      recommendation: d.recommendation,
      departs_from_recommendation: d.departsFromRecommendation,
      justification: d.justification,
      conditions: d.conditions ?? null,
      case_id: d.caseId,
      case_number: d.caseNumber,
      communication_id: d.communicationId,
      communication_exemption: d.communicationExemption ? toJson(d.communicationExemption) : null,
      criteria: toJson(d.criteria),
      supersedes_id: d.supersedesId,
      decided_by: d.decidedBy,
      decided_at: d.now,
      status: 'pending_approval',
      updated_at: d.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDecision(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Moves a pending decision to final (or returned). The status condition makes it a compare-and-set:
 * of two simultaneous approvals exactly one updates the row; the other gets undefined.
 */
export async function closePending(
  db: Db,
  id: string,
  change: { status: 'final' | 'returned'; approvedBy?: string; returnedReason?: string; now: Date },
): Promise<DecisionRow | undefined> {
  return db
    .updateTable('decisions')
    .set({
      status: change.status,
      approved_by: change.approvedBy ?? null,
      approved_at: change.status === 'final' ? change.now : null,
      returned_reason: change.returnedReason ?? null,
      updated_at: change.now,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending_approval')
    .returningAll()
    .executeTakeFirst();
}

export async function storeDocument(db: Db, id: string, html: string, sha256: string): Promise<void> {
  await db
    .updateTable('decisions')
    .set({ document_html: html, document_sha256: sha256 })
    .where('id', '=', id)
    .execute();
}

export async function markSuperseded(db: Db, id: string, by: string, now: Date): Promise<void> {
  await db
    .updateTable('decisions')
    .set({ status: 'superseded', superseded_by_id: by, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The open (pending or final) decisions on an application. */
export async function openDecisionsOn(db: Db, applicationId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('status', 'in', ['pending_approval', 'final'])
    .execute();
}

/** A withdrawal or restoration of the association's support awaiting approval, if any. */
export async function pendingSupportDecision(
  db: Db,
  associationId: string,
): Promise<DecisionRow | undefined> {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where('association_id', '=', associationId)
    .where('kind', 'in', ['withdrawal', 'restoration'])
    .where('status', '=', 'pending_approval')
    .executeTakeFirst();
}

export interface DecisionFilter {
  associationId?: string | undefined;
  applicationId?: string | undefined;
  outcome?: DecisionOutcome | undefined;
  status?: DecisionStatus | undefined;
  kind?: DecisionKind | undefined;
  decidedBy?: string | undefined;
  caseNumber?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

export async function listDecisions(
  db: Db,
  f: DecisionFilter,
  after: { t: Date; id: string } | undefined,
  limit: number,
): Promise<DecisionRow[]> {
  let q = db.selectFrom('decisions').selectAll();
  if (f.associationId) q = q.where('association_id', '=', f.associationId);
  if (f.applicationId) q = q.where('application_id', '=', f.applicationId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.decidedBy) q = q.where('decided_by', '=', f.decidedBy);
  if (f.caseNumber) q = q.where('case_number', '=', f.caseNumber);
  if (f.from) q = q.where('decided_at', '>=', f.from);
  if (f.to) q = q.where('decided_at', '<', f.to);
  if (after) q = q.where(olderThan(after, 'decided_at', 'decisions'));
  return q.orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

const decisionMonth = sql<string>`to_char(decisions.decided_at at time zone 'Europe/Stockholm', 'YYYY-MM')`;

/**
 * Final decisions on applications per month (Swedish time), criterion and outcome: each decision
 * counted once under every criterion that fired in the screening it was made on. Beside the
 * screenings' counts this shows whether the same criterion leads to the same outcome.
 */
export async function outcomeCountsByCriterion(
  db: Db,
  f: { from?: Date | undefined; to?: Date | undefined; ruleSetVersion?: string | undefined },
): Promise<{ month: string; code: string; outcome: DecisionOutcome; count: number }[]> {
  let q = db
    .selectFrom('decisions')
    .innerJoin('screenings as s', 's.id', 'decisions.screening_id')
    .innerJoin('screening_reasons as r', 'r.screening_id', 'decisions.screening_id')
    .where('decisions.kind', '=', 'application')
    .where('decisions.status', '=', 'final');
  if (f.from) q = q.where('decisions.decided_at', '>=', f.from);
  if (f.to) q = q.where('decisions.decided_at', '<', f.to);
  if (f.ruleSetVersion) q = q.where('s.rule_set_version', '=', f.ruleSetVersion);
  const rows = await q
    .select([
      decisionMonth.as('month'),
      'r.code',
      'decisions.outcome',
      // A criterion with two fired rules (its ineligible and its refer rule) still counts the decision once.
      (eb) => eb.fn.count<number>('decisions.id').distinct().as('count'),
    ])
    .groupBy([decisionMonth, 'r.code', 'decisions.outcome'])
    .orderBy(decisionMonth)
    .orderBy('r.code')
    .execute();
  return rows.map((r) => ({ month: r.month, code: r.code, outcome: r.outcome, count: Number(r.count) }));
}
