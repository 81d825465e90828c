import type { Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/json';
import type { KindCount, RetentionRunRow } from './retention.table';
import type { RecordKind } from './retention.policy';

// The records each kind of the retention policy covers, found by the instant or day their period
// starts (the exact due day is decided by the service), locked for the run, and deleted.

/** At most this many records of a kind per run; a backlog is worked off day by day. */
export const RUN_LIMIT = 10_000;

export interface Candidate {
  id: string;
  /** The instant (or day) the retention period starts. */
  start: Date | string;
}

export async function clearChecksStartedBefore(
  trx: Transaction<Database>,
  before: Date,
): Promise<Candidate[]> {
  const rows = await trx
    .selectFrom('premises_checks')
    .select(['id', 'created_at'])
    .where('result', '=', 'clear')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(RUN_LIMIT)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, start: r.created_at }));
}

export async function resolvedReferralsBefore(
  trx: Transaction<Database>,
  before: Date,
): Promise<(Candidate & { checkId: string })[]> {
  const rows = await trx
    .selectFrom('referrals')
    .select(['id', 'check_id', 'resolved_at'])
    .where('status', '=', 'resolved')
    .where('resolved_at', '<', before)
    .orderBy('resolved_at')
    .limit(RUN_LIMIT)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, checkId: r.check_id, start: r.resolved_at! }));
}

export async function endedEntriesBefore(trx: Transaction<Database>, before: Date): Promise<Candidate[]> {
  const rows = await trx
    .selectFrom('watchlist_entries')
    .select(['id', 'status_changed_at'])
    .where('status', '<>', 'active')
    .where('status_changed_at', '<', before)
    .orderBy('status_changed_at')
    .limit(RUN_LIMIT)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, start: r.status_changed_at! }));
}

export async function findingsOccurredBy(
  trx: Transaction<Database>,
  lastDay: string,
): Promise<(Candidate & { applicationId: string })[]> {
  const rows = await trx
    .selectFrom('findings')
    .select(['id', 'application_id', 'occurred_on'])
    .where('occurred_on', '<=', lastDay)
    .orderBy('occurred_on')
    .limit(RUN_LIMIT)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((r) => ({ id: r.id, applicationId: r.application_id, start: r.occurred_on }));
}

export async function deleteChecks(trx: Transaction<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.deleteFrom('premises_checks').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteReferrals(trx: Transaction<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.deleteFrom('referrals').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteEntries(trx: Transaction<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.deleteFrom('watchlist_entries').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteFindings(trx: Transaction<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.deleteFrom('findings').where('id', 'in', ids).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Claims the day's run; undefined when it has already been made (here or by another instance). */
export async function claimRunDay(
  trx: Transaction<Database>,
  run: { id: string; runOn: string; now: Date; reference: string },
): Promise<boolean> {
  const row = await trx
    .insertInto('retention_runs')
    .values({
      id: run.id,
      run_on: run.runOn,
      ran_at: run.now,
      decision_reference: run.reference,
      counts: toJson({}),
      erased_payloads: 0,
    })
    .onConflict((oc) => oc.column('run_on').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function recordRun(
  trx: Transaction<Database>,
  id: string,
  r: { counts: Record<RecordKind, KindCount>; erased: number; auditSeq: number },
): Promise<void> {
  await trx
    .updateTable('retention_runs')
    .set({ counts: toJson(r.counts), erased_payloads: r.erased, audit_seq: r.auditSeq })
    .where('id', '=', id)
    .execute();
}

export async function latestRuns(db: Db, limit: number): Promise<RetentionRunRow[]> {
  return db.selectFrom('retention_runs').selectAll().orderBy('run_on', 'desc').limit(limit).execute();
}
