import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { isoDate, type Clock } from '../clock';
import { appendAudit, appendAuditMany } from '../audit/audit.service';
import { ConflictError, NotFoundError, invalidField } from '../http/errors';
import { insertEntries, lockEntry, nextVersion, setEntryStatus, type NewEntry } from './watchlist.repository';
import { reviewByProblem } from './watchlist.review';
import { monitorNewEntries } from './watchlist.monitor';
import type { ReminderPolicy } from '../reminders/reminders.policy';
import type { WatchlistEntryRow } from './watchlist.table';
import type { CreateEntryInput, WatchlistEntry } from './watchlist.schemas';

export interface WatchlistDeps {
  db: Kysely<Database>;
  clock: Clock;
  config: { REMINDER_POLICY: ReminderPolicy };
}

export function toEntry(row: WatchlistEntryRow): WatchlistEntry {
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    name: row.name,
    aliases: row.aliases,
    orgNumber: row.org_number,
    personalNumber: row.personal_number,
    category: row.category,
    reason: row.reason,
    source: row.source,
    reviewBy: row.review_by,
    listSource: row.list_source,
    listing: row.listing ? { ...row.listing, importId: row.list_import_id } : null,
    status: row.status,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** What an entry's audit event records of it. */
export function entryDetails(row: WatchlistEntryRow) {
  const { createdBy: _c, createdAt: _t, statusChangedAt: _s, ...details } = toEntry(row);
  return details;
}

/** Adds entries in one transaction with one new watchlist version; every entry audited. */
async function addEntries(deps: WatchlistDeps, actor: string, entries: NewEntry[], action: string) {
  return deps.db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    const rows = await insertEntries(trx, entries, { version, createdBy: actor, now: deps.clock.now() });
    // Associations with support that match a new entry get a review reminder, in this transaction.
    await monitorNewEntries(
      trx,
      deps.clock,
      deps.config.REMINDER_POLICY,
      actor,
      entries.map((e) => ({ ...e, version })),
    );
    await appendAuditMany(
      trx,
      deps.clock,
      rows.map((row) => ({
        actor,
        action,
        entityType: 'watchlist_entry',
        entityId: row.id,
        details: entryDetails(row),
      })),
    );
    return rows;
  });
}

export async function addEntry(
  deps: WatchlistDeps,
  actor: string,
  input: CreateEntryInput,
): Promise<WatchlistEntry> {
  const problem = reviewByProblem(input.reviewBy, isoDate(deps.clock.now()), 'reviewBy');
  if (problem) throw invalidField('body.reviewBy', problem.code, problem.message);
  const [row] = await addEntries(
    deps,
    actor,
    [
      {
        id: randomUUID(),
        subjectKind: input.subjectKind,
        name: input.name,
        aliases: input.aliases,
        orgNumber: input.orgNumber ?? null,
        personalNumber: input.personalNumber ?? null,
        category: input.category,
        reason: input.reason,
        source: input.source,
        reviewBy: input.reviewBy,
      },
    ],
    'watchlist.entry_added',
  );
  return toEntry(row!);
}

/** Retires an entry with a reason. Nothing is erased: the entry and its history stay. */
export async function retireEntry(
  deps: WatchlistDeps,
  actor: string,
  id: string,
  reason: string,
): Promise<WatchlistEntry> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await lockEntry(trx, id);
    if (!current) throw new NotFoundError('Watchlist entry');
    if (current.status !== 'active') {
      throw new ConflictError(`The entry is already ${current.status}`, {
        code: 'entry_not_active',
        params: { status: current.status },
      });
    }
    if (current.list_source) {
      // The list decides: an entry leaves when a newer file of its list no longer holds it.
      throw new ConflictError(
        `The entry comes from the ${current.list_source.toUpperCase()} sanctions list and stays while the list holds it; a hit on it that concerns someone else is cleared on the screening`,
        { code: 'entry_from_sanctions_list', params: { source: current.list_source } },
      );
    }
    const version = await nextVersion(trx);
    const row = await setEntryStatus(trx, id, {
      status: 'retired',
      reason,
      by: actor,
      now: deps.clock.now(),
      version,
    });
    await appendAudit(trx, deps.clock, {
      actor,
      action: 'watchlist.entry_retired',
      entityType: 'watchlist_entry',
      entityId: id,
      details: { reason },
    });
    return toEntry(row);
  });
}
