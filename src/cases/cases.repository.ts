import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../db/database';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { CaseKind, CaseRow } from './cases.table';

/** A decision of the case has taken effect (is final, or was final and since superseded). */
const decided = (eb: ExpressionBuilder<Database, 'cases'>) =>
  eb.exists(
    eb
      .selectFrom('decisions')
      .select('decisions.id')
      .whereRef('decisions.case_id', '=', 'cases.id')
      .where('decisions.status', 'in', ['final', 'superseded']),
  );

export async function insertCase(
  db: Db,
  c: {
    id: string;
    caseNumber: string;
    kind: CaseKind;
    associationId: string;
    applicationId: string | null;
    assignedTo: string;
    openedBy: string;
    now: Date;
  },
): Promise<CaseRow> {
  return db
    .insertInto('cases')
    .values({
      id: c.id,
      case_number: c.caseNumber,
      kind: c.kind,
      association_id: c.associationId,
      application_id: c.applicationId,
      assigned_to: c.assignedTo,
      opened_by: c.openedBy,
      opened_at: c.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The next number of the year's sequence; the counter row serialises concurrent writers. */
export async function nextCaseSeq(db: Db, year: number): Promise<number> {
  const row = await db
    .insertInto('case_number_counters')
    .values({ year, last: 1 })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet((eb) => ({ last: eb('case_number_counters.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

export async function caseNumberTaken(db: Db, caseNumber: string): Promise<boolean> {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('case_number', '=', caseNumber)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseOfApplication(db: Db, applicationId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
}

export async function casesOfApplications(
  db: Db,
  applicationIds: readonly string[],
): Promise<Map<string, CaseRow>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('application_id', 'in', [...new Set(applicationIds)])
    .execute();
  return new Map(rows.map((r) => [r.application_id!, r]));
}

/**
 * The association's open withdrawal case: one without a final (or since superseded) decision. A
 * withdrawal case closes when its decision takes effect; a returned proposal leaves it open.
 */
export async function openWithdrawalCase(db: Db, associationId: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('association_id', '=', associationId)
    .where('kind', '=', 'withdrawal')
    .where((eb) => eb.not(decided(eb)))
    .orderBy('opened_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The case of the withdrawal now in force (the latest that took effect): a restoration joins it. */
export async function caseOfLatestWithdrawal(db: Db, associationId: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('decisions')
    .innerJoin('cases', 'cases.id', 'decisions.case_id')
    .selectAll('cases')
    .where('decisions.association_id', '=', associationId)
    .where('decisions.kind', '=', 'withdrawal')
    .where('decisions.status', '=', 'final')
    .orderBy('decisions.decided_at', 'desc')
    .orderBy('decisions.id', 'desc')
    .executeTakeFirst();
}

export async function setAssignedTo(db: Db, caseId: string, userId: string): Promise<void> {
  await db.updateTable('cases').set({ assigned_to: userId }).where('id', '=', caseId).execute();
}

/** Of these cases, those with a decision awaiting approval that someone other than the user made. */
export async function casesAwaitingApprovalByOthers(
  db: Db,
  caseIds: readonly string[],
  userId: string,
): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('decisions')
    .select('case_id')
    .distinct()
    .where('case_id', 'in', [...new Set(caseIds)])
    .where('status', '=', 'pending_approval')
    .where('prepared_by', '!=', userId)
    .execute();
  return new Set(rows.map((r) => r.case_id));
}

export interface CaseFilter {
  assignedTo?: string | undefined;
  associationId?: string | undefined;
  kind?: CaseKind | undefined;
  /** Cases without a final decision yet. */
  open?: boolean | undefined;
  caseNumber?: string | undefined;
}

const newestFirst = timeIdKeyset('opened_at', 'id');

export async function listCases(db: Db, f: CaseFilter, page: PageRequest): Promise<Page<CaseRow>> {
  let q = db.selectFrom('cases').selectAll();
  if (f.assignedTo) q = q.where('assigned_to', '=', f.assignedTo);
  if (f.associationId) q = q.where('association_id', '=', f.associationId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.caseNumber) q = q.where('case_number', '=', f.caseNumber);
  if (f.open !== undefined) q = q.where((eb) => (f.open ? eb.not(decided(eb)) : decided(eb)));
  return paginate(q, newestFirst, page);
}
