import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { paginate, timeIdKeyset, type PageRequest } from '../db/paginate';
import type { Page } from '../http/pagination';
import type { AuditVerificationsTable } from './audit.table';
import type { Selectable } from 'kysely';

export type VerificationRow = Selectable<AuditVerificationsTable>;

export async function insertVerification(db: Db, v: { id: string; requestedBy: string; now: Date }) {
  await db
    .insertInto('audit_verifications')
    .values({ id: v.id, requested_by: v.requestedBy, requested_at: v.now, status: 'queued', checked: 0 })
    .execute();
}

export async function findVerification(db: Db, id: string): Promise<VerificationRow | undefined> {
  return db.selectFrom('audit_verifications').selectAll().where('id', '=', id).executeTakeFirst();
}

const newestFirst = timeIdKeyset('requested_at', 'id');

export async function listVerifications(db: Db, page: PageRequest): Promise<Page<VerificationRow>> {
  return paginate(db.selectFrom('audit_verifications').selectAll(), newestFirst, page);
}

/**
 * Takes the oldest job nobody is working on — queued, or running under a lease that ran out (its
 * instance died) — and leases it to the caller. Committed at once, so the lease is visible to every
 * instance; SKIP LOCKED keeps two instances from taking the same job.
 */
export async function claimVerification(
  db: Db,
  now: Date,
  leaseUntil: Date,
): Promise<VerificationRow | undefined> {
  return db
    .updateTable('audit_verifications')
    .set({ status: 'running', lease_until: leaseUntil, started_at: now, checked: 0 })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('audit_verifications')
        .select('id')
        .where((w) =>
          w.or([
            w('status', '=', 'queued'),
            w.and([w('status', '=', 'running'), w('lease_until', '<', now)]),
          ]),
        )
        .orderBy('requested_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Progress, and a longer lease; false when the job is no longer this runner's. */
export async function recordProgress(
  db: Db,
  id: string,
  p: { upTo: number; checked: number; leaseUntil: Date; startedAt: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('audit_verifications')
    .set({ up_to: p.upTo, checked: p.checked, lease_until: p.leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('started_at', '=', p.startedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishVerification(
  db: Db,
  id: string,
  f: { status: 'done' | 'failed'; result: unknown; now: Date; checked: number; upTo: number },
) {
  await db
    .updateTable('audit_verifications')
    .set({
      status: f.status,
      result: toJson(f.result),
      finished_at: f.now,
      lease_until: null,
      checked: f.checked,
      up_to: f.upTo,
    })
    .where('id', '=', id)
    .execute();
}

/** Jobs waiting for a runner: so the sweep knows whether to start one. */
export async function openVerifications(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from audit_verifications where status in ('queued','running')`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
