import type { Db } from '../db/database';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import { toJson } from '../db/json';
import type { AssociationRow, Representative, SupportStatus } from './associations.table';

export async function insertAssociation(
  db: Db,
  a: {
    id: string;
    orgNumber: string;
    name: string;
    aliases: string[];
    registeredOn: string | null;
    representatives: Representative[];
    supportStatus: SupportStatus;
    now: Date;
  },
): Promise<AssociationRow> {
  return db
    .insertInto('associations')
    .values({
      id: a.id,
      org_number: a.orgNumber,
      name: a.name,
      aliases: toJson(a.aliases),
      registered_on: a.registeredOn,
      representatives: toJson(a.representatives),
      support_status: a.supportStatus,
      created_at: a.now,
      updated_at: a.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findAssociation(db: Db, id: string): Promise<AssociationRow | undefined> {
  return db.selectFrom('associations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Name and organisationsnummer of each association, by id: one query for a whole list's names. */
export async function associationNamesByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; orgNumber: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('associations')
    .select(['id', 'name', 'org_number'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, orgNumber: r.org_number }]));
}

/** Locks the association for the rest of the transaction: one support matter at a time. */
export async function lockAssociation(db: Db, id: string): Promise<AssociationRow | undefined> {
  return db.selectFrom('associations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findAssociationByOrgNumber(
  db: Db,
  orgNumber: string,
): Promise<AssociationRow | undefined> {
  return db.selectFrom('associations').selectAll().where('org_number', '=', orgNumber).executeTakeFirst();
}

const newestFirst = timeIdKeyset('created_at', 'id');

export async function listAssociations(db: Db, page: PageRequest): Promise<Page<AssociationRow>> {
  return paginate(db.selectFrom('associations').selectAll(), newestFirst, page);
}

export async function setSupportStatus(db: Db, id: string, status: SupportStatus, now: Date): Promise<void> {
  await db
    .updateTable('associations')
    .set({ support_status: status, updated_at: now })
    .where('id', '=', id)
    .execute();
}
