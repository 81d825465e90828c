import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/database';
import type { AssociationRow } from '../associations/associations.table';
import type { PremisesCheckRow, ReferGround, ReferralRow } from './premises.table';

/** Associations the booking desk may mean: by organisationsnummer, or by the exact name (any case). */
export async function associationsMatching(
  db: Db,
  orgNumber: string | undefined,
  name: string,
): Promise<
  Pick<AssociationRow, 'id' | 'support_status' | 'name' | 'aliases' | 'org_number' | 'representatives'>[]
> {
  return db
    .selectFrom('associations')
    .select(['id', 'support_status', 'name', 'aliases', 'org_number', 'representatives'])
    .where((eb) =>
      eb.or([
        ...(orgNumber ? [eb('org_number', '=', orgNumber)] : []),
        eb(sql`lower(name)`, '=', name.toLowerCase()),
      ]),
    )
    .limit(10)
    .execute();
}

export async function insertCheck(
  db: Db,
  c: {
    id: string;
    checkedBy: string;
    orgNumber: string | null;
    name: string;
    venue: string;
    date: string;
    result: 'clear' | 'refer';
    associationId: string | null;
    grounds: ReferGround[];
    watchlistVersion: number;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('premises_checks')
    .values({
      id: c.id,
      checked_by: c.checkedBy,
      org_number: c.orgNumber,
      name: c.name,
      venue: c.venue,
      date: c.date,
      result: c.result,
      association_id: c.associationId,
      grounds: toJson(c.grounds),
      watchlist_version: c.watchlistVersion,
      created_at: c.now,
    })
    .execute();
}

export async function insertReferral(db: Db, r: { id: string; checkId: string; now: Date }): Promise<void> {
  await db
    .insertInto('referrals')
    .values({ id: r.id, check_id: r.checkId, status: 'open', created_at: r.now })
    .execute();
}

export type ReferralWithCheck = ReferralRow & { check: PremisesCheckRow };

const referralColumns = [
  'referrals.id',
  'referrals.check_id',
  'referrals.status',
  'referrals.resolved_by',
  'referrals.resolved_at',
  'referrals.note',
  'referrals.created_at',
] as const;

function withCheck(db: Db) {
  return db
    .selectFrom('referrals')
    .innerJoin('premises_checks as c', 'c.id', 'referrals.check_id')
    .select(referralColumns)
    .select([
      'c.checked_by',
      'c.org_number',
      'c.name',
      'c.venue',
      'c.date',
      'c.association_id',
      'c.grounds',
      'c.created_at as checked_at',
    ]);
}

export type ReferralListRow = Awaited<ReturnType<ReturnType<typeof withCheck>['execute']>>[number];

export async function listReferrals(
  db: Db,
  status: 'open' | 'resolved' | undefined,
  after: { t: Date; id: string } | undefined,
  limit: number,
): Promise<ReferralListRow[]> {
  let q = withCheck(db);
  if (status) q = q.where('referrals.status', '=', status);
  if (after) q = q.where(sql<boolean>`(referrals.created_at, referrals.id) < (${after.t}, ${after.id})`);
  return q.orderBy('referrals.created_at', 'desc').orderBy('referrals.id', 'desc').limit(limit).execute();
}

export async function findReferral(db: Db, id: string): Promise<ReferralListRow | undefined> {
  return withCheck(db).where('referrals.id', '=', id).executeTakeFirst();
}

/** Compare-and-set: only an open referral is resolved, once. */
export async function resolveReferral(
  db: Db,
  id: string,
  by: string,
  note: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('referrals')
    .set({ status: 'resolved', resolved_by: by, resolved_at: now, note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
