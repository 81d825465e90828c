import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { DelegationKind } from '../delegation/delegation.schema';
import type { Recommendation } from '../screening/screening.result';
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
  recommendation: Recommendation | null;
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
  /** The föredragande. */
  preparedBy: string;
  delegationKind: DelegationKind;
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
      prepared_by: d.preparedBy,
      prepared_at: d.now,
      delegation_kind: d.delegationKind,
      status: 'pending_approval',
      updated_at: d.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findDecision(db: Db, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Who made a pending decision final: a delegat under a point of the order, or the committee. */
export type DecidedBy =
  | { delegat: string; point: string }
  | { committee: { meetingOn: string; paragraph: string; recordedBy: string } };

/**
 * Moves a pending decision to final (or returned). The status condition makes it a compare-and-set:
 * of two simultaneous approvals exactly one updates the row; the other gets undefined.
 */
export async function closePending(
  db: Db,
  id: string,
  change:
    | { status: 'final'; decidedBy: DecidedBy; now: Date }
    | { status: 'returned'; returnedReason: string; now: Date },
): Promise<DecisionRow | undefined> {
  const by = change.status === 'final' ? change.decidedBy : undefined;
  return db
    .updateTable('decisions')
    .set({
      status: change.status,
      decided_by: by && 'delegat' in by ? by.delegat : null,
      decided_at: change.status === 'final' ? change.now : null,
      delegation_point: by && 'delegat' in by ? by.point : null,
      committee_meeting_on: by && 'committee' in by ? by.committee.meetingOn : null,
      committee_paragraph: by && 'committee' in by ? by.committee.paragraph : null,
      committee_recorded_by: by && 'committee' in by ? by.committee.recordedBy : null,
      returned_reason: change.status === 'returned' ? change.returnedReason : null,
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
  preparedBy?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** In the order decisions were made (proposed): pending ones have no decided_at yet. */
export const decisionsNewestFirst = timeIdKeyset('decisions.prepared_at', 'decisions.id');

export async function listDecisions(
  db: Db,
  f: DecisionFilter,
  page: PageRequest,
): Promise<Page<DecisionRow>> {
  let q = db.selectFrom('decisions').selectAll();
  if (f.associationId) q = q.where('association_id', '=', f.associationId);
  if (f.applicationId) q = q.where('application_id', '=', f.applicationId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.decidedBy) q = q.where('decided_by', '=', f.decidedBy);
  if (f.caseNumber) q = q.where('case_number', '=', f.caseNumber);
  if (f.preparedBy) q = q.where('prepared_by', '=', f.preparedBy);
  // The list is in the order decisions were made (proposed): pending ones have no decided_at yet.
  if (f.from) q = q.where('prepared_at', '>=', f.from);
  if (f.to) q = q.where('prepared_at', '<', f.to);
  return paginate(q, decisionsNewestFirst, page);
}

const decisionMonth = sql<string>`to_char(decisions.decided_at at time zone 'Europe/Stockholm', 'YYYY-MM')`;

/**
 * Final decisions on applications per month (Swedish time), criterion and outcome: each decision
 * counted once under every criterion that fired in the screening it was made on. Beside the
 * screenings' counts this shows whether the same criterion leads to the same outcome.
 */
/** Withdrawal decisions with their association, newest first (the investigators' overview). */
export async function listWithdrawalDecisions(db: Db, page: PageRequest) {
  const q = db
    .selectFrom('decisions')
    .innerJoin('associations as a', 'a.id', 'decisions.association_id')
    .select([
      'decisions.id',
      'decisions.reference',
      'decisions.case_number',
      'decisions.association_id',
      'decisions.status',
      'decisions.criteria',
      'decisions.prepared_at',
      'decisions.decided_at',
      'a.name',
      'a.org_number',
    ])
    .where('decisions.kind', '=', 'withdrawal');
  return paginate(q, decisionsNewestFirst, page);
}

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

export interface DelegatedDecisionRow {
  id: string;
  reference: string;
  case_number: string;
  kind: DecisionKind;
  delegation_kind: DelegationKind;
  outcome: DecisionOutcome;
  status: DecisionStatus;
  decided_at: Date;
  decided_by: string;
  delegat_name: string | null;
  delegation_point: string | null;
  prepared_by: string;
  preparer_name: string | null;
  association_id: string;
  association_name: string;
  org_number: string;
}

/**
 * Decisions a delegat took in [from, to), in the order they were taken: what the committee is told
 * of (anmälan av delegationsbeslut). A decision later superseded was still taken, so it is listed.
 */
export async function delegatedDecisions(
  db: Db,
  range: { from: Date; to: Date },
  limit: number,
): Promise<DelegatedDecisionRow[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('associations as a', 'a.id', 'd.association_id')
    // Decisions name their people as text (a user id, or e.g. "system"); users.id is a uuid.
    .leftJoin('users as delegat', (j) =>
      j.on(sql<boolean>`${sql.ref('delegat.id')}::text = ${sql.ref('d.decided_by')}`),
    )
    .leftJoin('users as preparer', (j) =>
      j.on(sql<boolean>`${sql.ref('preparer.id')}::text = ${sql.ref('d.prepared_by')}`),
    )
    .where('d.decided_by', 'is not', null)
    .where('d.status', 'in', ['final', 'superseded'])
    .where('d.decided_at', '>=', range.from)
    .where('d.decided_at', '<', range.to)
    .select([
      'd.id',
      'd.reference',
      'd.case_number',
      'd.kind',
      'd.delegation_kind',
      'd.outcome',
      'd.status',
      'd.decided_at',
      'd.decided_by',
      'delegat.name as delegat_name',
      'd.delegation_point',
      'd.prepared_by',
      'preparer.name as preparer_name',
      'd.association_id',
      'a.name as association_name',
      'a.org_number',
    ])
    .orderBy('d.decided_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  return rows as DelegatedDecisionRow[];
}
