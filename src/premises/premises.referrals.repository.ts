import type { Db } from '../db/database';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { ReferralOutcome, ReferralStatus } from './premises.table';

const referralColumns = [
  'referrals.id',
  'referrals.check_id',
  'referrals.status',
  'referrals.answer_by',
  'referrals.outcome',
  'referrals.escalated_at',
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

// Joined with the check, which has its own created_at and id.
const newestFirst = timeIdKeyset('referrals.created_at', 'referrals.id');

export async function listReferrals(
  db: Db,
  status: ReferralStatus | undefined,
  page: PageRequest,
): Promise<Page<ReferralListRow>> {
  let q = withCheck(db);
  if (status) q = q.where('referrals.status', '=', status);
  return paginate(q, newestFirst, page);
}

export async function findReferral(db: Db, id: string): Promise<ReferralListRow | undefined> {
  return withCheck(db).where('referrals.id', '=', id).executeTakeFirst();
}

/** Compare-and-set: only an open referral is resolved, once. */
export async function resolveReferral(
  db: Db,
  id: string,
  resolution: { by: string; outcome: ReferralOutcome; note: string; now: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('referrals')
    .set({
      status: 'resolved',
      outcome: resolution.outcome,
      resolved_by: resolution.by,
      resolved_at: resolution.now,
      note: resolution.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Open referrals whose answer day has passed and that are not yet escalated, locked; rows another
 * instance holds are skipped (it handles them), so concurrent sweeps split the work.
 */
export async function lockOverdueReferrals(db: Db, today: string, limit: number) {
  return db
    .selectFrom('referrals')
    .innerJoin('premises_checks as c', 'c.id', 'referrals.check_id')
    .select(['referrals.id', 'referrals.check_id', 'referrals.answer_by', 'c.venue', 'c.date'])
    .where('referrals.status', '=', 'open')
    .where('referrals.escalated_at', 'is', null)
    .where('referrals.answer_by', '<', today)
    .orderBy('referrals.answer_by')
    .orderBy('referrals.id')
    .limit(limit)
    .forUpdate('referrals')
    .skipLocked()
    .execute();
}

export async function markReferralsEscalated(db: Db, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('referrals').set({ escalated_at: now }).where('id', 'in', ids).execute();
}
