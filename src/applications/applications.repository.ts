import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import { mapPage, type Page } from '../http/pagination';
import { toJson } from '../db/json';
import type { ApplicationRow, ApplicationsTable, ApplicationStatus, FindingRow } from './applications.table';
import type { CreateApplicationInput, FindingInput } from './applications.schemas';

/** Applications with their case's number and handling officer. */
const withCase = (db: Db) =>
  db
    .selectFrom('applications')
    .innerJoin('cases', 'cases.application_id', 'applications.id')
    .selectAll('applications')
    .select(['cases.id as case_id', 'cases.case_number', 'cases.assigned_to']);

export async function insertApplication(
  db: Db,
  a: { id: string; input: CreateApplicationInput; createdBy: string; now: Date },
): Promise<Selectable<ApplicationsTable>> {
  const { input } = a;
  return db
    .insertInto('applications')
    .values({
      id: a.id,
      association_id: input.associationId,
      kind: input.kind,
      grant: toJson(input.grant ?? null),
      premises: toJson(input.premises ?? null),
      statutes: toJson(input.statutes),
      declaration: toJson({
        signed: input.declaration.signed,
        signedBy: input.declaration.signedBy ?? null,
        signedOn: input.declaration.signedOn ?? null,
      }),
      status: 'received',
      created_by: a.createdBy,
      created_at: a.now,
      updated_at: a.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertFinding(
  db: Db,
  f: { id: string; applicationId: string; input: FindingInput; recordedBy: string; now: Date },
): Promise<FindingRow> {
  return db
    .insertInto('findings')
    .values({
      id: f.id,
      application_id: f.applicationId,
      category: f.input.category,
      description: f.input.description,
      source: f.input.source,
      occurred_on: f.input.occurredOn,
      verified: f.input.verified,
      acting_for_association: f.input.actingForAssociation,
      mitigation: toJson(f.input.mitigation),
      lawful_single_sex_activity: f.input.lawfulSingleSexActivity,
      secrecy_provision: f.input.secrecy?.provision ?? null,
      recorded_by: f.recordedBy,
      created_at: f.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return withCase(db).where('applications.id', '=', id).executeTakeFirst();
}

/**
 * Locks the application row for the rest of the transaction (status changes, screenings, decisions);
 * its case row too, so a reassignment waits for a decision in progress.
 */
export async function lockApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return withCase(db).where('applications.id', '=', id).forUpdate().executeTakeFirst();
}

export async function findingsOf(db: Db, applicationId: string): Promise<FindingRow[]> {
  return db
    .selectFrom('findings')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/**
 * Every finding recorded on the association's applications, by the date of the conduct: oldest first
 * for a letter (the course of events), newest first for choosing what to communicate.
 */
export async function findingsOfAssociation(
  db: Db,
  associationId: string,
  order: 'oldest_first' | 'newest_first',
): Promise<FindingRow[]> {
  return db
    .selectFrom('findings')
    .innerJoin('applications', 'applications.id', 'findings.application_id')
    .selectAll('findings')
    .where('applications.association_id', '=', associationId)
    .orderBy('findings.occurred_on', order === 'oldest_first' ? 'asc' : 'desc')
    .orderBy('findings.id', 'asc')
    .execute();
}

/** Findings by id, only those recorded on the association's applications (or on one application). */
export async function findingsFor(
  db: Db,
  ids: readonly string[],
  scope: { applicationId: string } | { associationId: string },
): Promise<FindingRow[]> {
  if (ids.length === 0) return [];
  let q = db
    .selectFrom('findings')
    .innerJoin('applications', 'applications.id', 'findings.application_id')
    .selectAll('findings')
    .where('findings.id', 'in', [...new Set(ids)]);
  q =
    'applicationId' in scope
      ? q.where('findings.application_id', '=', scope.applicationId)
      : q.where('applications.association_id', '=', scope.associationId);
  return q.orderBy('findings.occurred_on', 'asc').orderBy('findings.id', 'asc').execute();
}

export async function setApplicationStatus(
  db: Db,
  id: string,
  status: ApplicationStatus,
  now: Date,
): Promise<void> {
  await db.updateTable('applications').set({ status, updated_at: now }).where('id', '=', id).execute();
}

// Joined with cases, which has its own created_at and id.
const newestFirst = timeIdKeyset('applications.created_at', 'applications.id');

export async function listApplications(
  db: Db,
  f: {
    associationId?: string | undefined;
    status?: ApplicationStatus | undefined;
    assignedTo?: string | undefined;
    caseNumber?: string | undefined;
  },
  page: PageRequest,
): Promise<Page<ApplicationRow & { finding_count: number }>> {
  let q = withCase(db).select((eb) =>
    eb
      .selectFrom('findings')
      .select(eb.fn.countAll<number>().as('n'))
      .whereRef('findings.application_id', '=', 'applications.id')
      .as('finding_count'),
  );
  if (f.associationId) q = q.where('applications.association_id', '=', f.associationId);
  if (f.status) q = q.where('applications.status', '=', f.status);
  if (f.assignedTo) q = q.where('cases.assigned_to', '=', f.assignedTo);
  if (f.caseNumber) q = q.where('cases.case_number', '=', f.caseNumber);
  const rows = await paginate(q, newestFirst, page);
  return mapPage(rows, (r) => ({ ...r, finding_count: Number(r.finding_count ?? 0) }));
}
