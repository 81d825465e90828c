import { sql } from 'kysely';
import { APPLICATION_KINDS, APPLICATION_STATUSES } from '../../src/applications/applications.table';
import { SUPPORT_STATUSES } from '../../src/associations/associations.table';
import { VERIFICATION_STATUSES } from '../../src/audit/audit.table';
import { CASE_KINDS } from '../../src/cases/cases.table';
import { COMMUNICATION_STATUSES } from '../../src/communications/communications.table';
import { DECISION_KINDS, DECISION_OUTCOMES, DECISION_STATUSES } from '../../src/decisions/decisions.table';
import { DELEGATION_KINDS } from '../../src/delegation/delegation.schema';
import { NOTIFICATION_STATUSES } from '../../src/notifications/notifications.table';
import { CHECK_RESULTS, REFERRAL_OUTCOMES, REFERRAL_STATUSES } from '../../src/premises/premises.table';
import { ASSIGNEE_ROLES, REMINDER_KINDS, REMINDER_STATUSES } from '../../src/reminders/reminders.table';
import { RECOMMENDATIONS } from '../../src/screening/screening.result';
import { FINDING_CATEGORIES } from '../../src/shared/finding-categories';
import { ROLES } from '../../src/users/users.table';
import {
  ENTRY_STATUSES,
  IMPORT_STATUSES,
  LIST_SOURCES,
  SUBJECT_KINDS,
} from '../../src/watchlist/watchlist.table';
import { openTestDatabase, type TestDatabaseHandle } from '../support/test-db';

// The code's closed sets of values and the database's check constraints must list the same values:
// a value the code writes and the database refuses fails a user's request with a 500; a value the
// database allows and the code does not know reads back as something no label, page or schema knows.

let handle: TestDatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle.close();
});

/** Every value the column's own check constraints (those on that column alone) allow. */
async function allowedValues(table: string, column: string): Promise<{ names: string[]; values: string[] }> {
  const { rows } = await sql<{ name: string; def: string }>`
    select c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'c' and c.conrelid = ${table}::regclass and a.attname = ${column}
      and cardinality(c.conkey) = 1`.execute(handle.db);
  const values = rows.flatMap((r) => [...r.def.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1]!));
  return { names: rows.map((r) => r.name), values };
}

const SETS: Array<[table: string, column: string, values: readonly string[]]> = [
  ['users', 'role', ROLES],
  ['associations', 'support_status', SUPPORT_STATUSES],
  ['applications', 'kind', APPLICATION_KINDS],
  ['applications', 'status', APPLICATION_STATUSES],
  ['findings', 'category', FINDING_CATEGORIES],
  ['screenings', 'recommendation', RECOMMENDATIONS],
  ['reminders', 'kind', REMINDER_KINDS],
  ['reminders', 'assignee_role', ASSIGNEE_ROLES],
  ['reminders', 'status', REMINDER_STATUSES],
  ['outbox', 'status', NOTIFICATION_STATUSES],
  ['watchlist_entries', 'subject_kind', SUBJECT_KINDS],
  ['watchlist_entries', 'status', ENTRY_STATUSES],
  ['watchlist_entries', 'category', FINDING_CATEGORIES],
  ['watchlist_entries', 'list_source', LIST_SOURCES],
  ['watchlist_imports', 'status', IMPORT_STATUSES],
  ['watchlist_source_imports', 'source', LIST_SOURCES],
  ['watchlist_source_imports', 'status', IMPORT_STATUSES],
  ['decisions', 'kind', DECISION_KINDS],
  ['decisions', 'outcome', DECISION_OUTCOMES],
  ['decisions', 'status', DECISION_STATUSES],
  ['decisions', 'delegation_kind', DELEGATION_KINDS],
  ['decisions', 'recommendation', RECOMMENDATIONS],
  ['premises_checks', 'result', CHECK_RESULTS],
  ['referrals', 'status', REFERRAL_STATUSES],
  ['referrals', 'outcome', REFERRAL_OUTCOMES],
  ['cases', 'kind', CASE_KINDS],
  ['communications', 'status', COMMUNICATION_STATUSES],
  ['audit_verifications', 'status', VERIFICATION_STATUSES],
];

describe('check constraints list exactly the values the code knows', () => {
  it.each(SETS)('%s.%s', async (table, column, values) => {
    const allowed = await allowedValues(table, column);
    expect(allowed.names).toHaveLength(1);
    expect([...allowed.values].sort()).toEqual([...values].sort());
  });
});
