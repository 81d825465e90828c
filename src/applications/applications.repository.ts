import type { Db } from '../db/database';
import { olderThan } from '../db/keyset';
import { toJson } from '../db/database';
import type { ApplicationRow, ApplicationStatus, FindingRow } from './applications.table';
import type { CreateApplicationInput, FindingInput } from './applications.schemas';

export async function insertApplication(
  db: Db,
  a: { id: string; input: CreateApplicationInput; createdBy: string; now: Date },
): Promise<ApplicationRow> {
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
  return db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the application row for the rest of the transaction (status changes, screenings, decisions). */
export async function lockApplication(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
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

export async function setApplicationStatus(
  db: Db,
  id: string,
  status: ApplicationStatus,
  now: Date,
): Promise<void> {
  await db.updateTable('applications').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function listApplications(
  db: Db,
  f: { associationId?: string | undefined; status?: ApplicationStatus | undefined },
  after: { t: Date; id: string } | undefined,
  limit: number,
): Promise<(ApplicationRow & { finding_count: number })[]> {
  let q = db
    .selectFrom('applications')
    .selectAll('applications')
    .select((eb) =>
      eb
        .selectFrom('findings')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('findings.application_id', '=', 'applications.id')
        .as('finding_count'),
    );
  if (f.associationId) q = q.where('association_id', '=', f.associationId);
  if (f.status) q = q.where('status', '=', f.status);
  if (after) q = q.where(olderThan(after));
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, finding_count: Number(r.finding_count ?? 0) }));
}
