import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { AssociationRow } from '../associations/associations.table';
import type { ReferGround } from './premises.table';

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

interface CheckCommon {
  id: string;
  checkedBy: string;
  orgNumber: string | null;
  name: string;
  venue: string;
  date: string;
  associationId: string | null;
  grounds: ReferGround[];
  watchlistVersion: number;
  now: Date;
}

/** A check to store; a refer carries the day an answer was promised by. */
export type NewCheck = CheckCommon &
  ({ result: 'clear'; answerBy: null } | { result: 'refer'; answerBy: string });

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
  referrals: { id: string; checkId: string; answerBy: string; now: Date }[],
): Promise<void> {
  if (referrals.length === 0) return;
  await db
    .insertInto('referrals')
    .values(
      referrals.map((r) => ({
        id: r.id,
        check_id: r.checkId,
        status: 'open' as const,
        answer_by: r.answerBy,
        created_at: r.now,
      })),
    )
    .execute();
}

/** A check with what its booking clerk may know of the answer; never the grounds. */
function checkWithAnswer(db: Db) {
  return db
    .selectFrom('premises_checks as c')
    .leftJoin('referrals as r', 'r.check_id', 'c.id')
    .select([
      'c.id',
      'c.checked_by',
      'c.result',
      'c.name',
      'c.org_number',
      'c.venue',
      'c.date',
      'c.created_at',
      'r.status as referral_status',
      'r.outcome',
      'r.answer_by',
    ]);
}

export type CheckWithAnswer = Awaited<ReturnType<ReturnType<typeof checkWithAnswer>['execute']>>[number];

export async function findCheckWithAnswer(db: Db, checkId: string): Promise<CheckWithAnswer | undefined> {
  return checkWithAnswer(db).where('c.id', '=', checkId).executeTakeFirst();
}

// Check ids are check numbers (PK-XXXXX-XXXXX), not UUIDs.
const checksNewestFirst = timeIdKeyset('c.created_at', 'c.id', z.string().max(40));

/** One person's checks, newest first. */
export async function listOwnChecks(
  db: Db,
  checkedBy: string,
  page: PageRequest,
): Promise<Page<CheckWithAnswer>> {
  return paginate(checkWithAnswer(db).where('c.checked_by', '=', checkedBy), checksNewestFirst, page);
}
