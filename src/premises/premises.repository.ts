import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/database';
import type { AssociationRow } from '../associations/associations.table';
import type { PremisesCheckRow, ReferGround, ReferralRow } from './premises.table';

export type MatchedAssociation = Pick<
  AssociationRow,
  'id' | 'support_status' | 'name' | 'aliases' | 'org_number' | 'representatives'
>;

/**
 * Associations the booking desk may mean — by organisationsnummer, or by the exact name in any case —
 * and the watchlist's and support's current versions, in one round trip (this is the service's hot
 * path).
 */
export async function associationsAndVersions(
  db: Db,
  orgNumber: string | undefined,
  name: string,
): Promise<{ associations: MatchedAssociation[]; watchlistVersion: number; supportVersion: number }> {
  const rows = await db
    .selectFrom('watchlist_state as ws')
    .leftJoin('associations as a', (join) =>
      join.on((eb) =>
        eb.or([
          ...(orgNumber ? [eb('a.org_number', '=', orgNumber)] : []),
          eb(sql`lower(a.name)`, '=', name.toLowerCase()),
        ]),
      ),
    )
    .select([
      'ws.version',
      // A scalar subquery rather than a join: it leaves the plan of the association lookup alone.
      (eb) => eb.selectFrom('support_state').select('version').where('id', '=', 1).as('support_version'),
      'a.id',
      'a.support_status',
      'a.name',
      'a.aliases',
      'a.org_number',
      'a.representatives',
    ])
    .where('ws.id', '=', 1)
    .limit(10)
    .execute();
  const associations = rows.flatMap((r) =>
    r.id === null
      ? []
      : [
          {
            id: r.id,
            support_status: r.support_status!,
            name: r.name!,
            aliases: r.aliases!,
            org_number: r.org_number!,
            representatives: r.representatives!,
          },
        ],
  );
  return {
    associations,
    watchlistVersion: Number(rows[0]!.version),
    supportVersion: Number(rows[0]!.support_version),
  };
}

export type WithdrawnAssociation = Pick<AssociationRow, 'id' | 'name' | 'aliases' | 'org_number'>;

export async function supportVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('support_state')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.version);
}

/**
 * Every withdrawn association and the support version, in one statement: one snapshot, so the rows
 * are exactly that version's.
 */
export async function withdrawnAssociations(
  db: Db,
): Promise<{ version: number; associations: WithdrawnAssociation[] }> {
  const rows = await db
    .selectFrom('support_state as ss')
    .leftJoin('associations as a', (join) => join.on('a.support_status', '=', 'withdrawn'))
    .select(['ss.version', 'a.id', 'a.name', 'a.aliases', 'a.org_number'])
    .where('ss.id', '=', 1)
    .execute();
  return {
    version: Number(rows[0]!.version),
    associations: rows.flatMap((r) =>
      r.id === null ? [] : [{ id: r.id, name: r.name!, aliases: r.aliases!, org_number: r.org_number! }],
    ),
  };
}

export interface NewCheck {
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
}

export async function insertChecks(db: Db, checks: NewCheck[]): Promise<void> {
  await db
    .insertInto('premises_checks')
    .values(
      checks.map((c) => ({
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
      })),
    )
    .execute();
}

export async function insertReferrals(
  db: Db,
  referrals: { id: string; checkId: string; now: Date }[],
): Promise<void> {
  if (referrals.length === 0) return;
  await db
    .insertInto('referrals')
    .values(
      referrals.map((r) => ({ id: r.id, check_id: r.checkId, status: 'open' as const, created_at: r.now })),
    )
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
