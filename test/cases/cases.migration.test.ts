import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';

// Migration 0011 on a database that already holds applications and decisions: every application and
// every earlier withdrawal becomes a case with a number, the decisions join their cases, and numbers
// assigned later continue the year's sequence.

let handle: DatabaseHandle;
let migrator: Migrator;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
  migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  const to10 = await migrator.migrateTo('0010_support_version');
  expect(to10.error).toBeUndefined();
});
afterAll(() => handle.close());

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A = id(1); // association
const [APP_2025, APP_2026A, APP_2026B] = [id(11), id(12), id(13)];
const [D_APP, D_W_RETURNED, D_W, D_R] = [id(21), id(22), id(23), id(24)];

it('backfills cases and numbers for what was there before', async () => {
  const db = handle.db;
  await sql`insert into associations (id, org_number, name, aliases, registered_on, representatives,
              support_status, created_at, updated_at)
            values (${A}, '802000-0001', 'Gamla föreningen', '[]', null, '[]', 'active', now(), now())`.execute(
    db,
  );
  for (const [appId, at, by] of [
    [APP_2025, '2025-12-31T23:30:00Z', 'officer-a'], // 2026-01-01 00:30 in Sweden
    [APP_2026A, '2026-03-01T10:00:00Z', 'officer-b'],
    [APP_2026B, '2026-02-01T10:00:00Z', 'officer-a'],
  ] as const) {
    await sql`insert into applications (id, association_id, kind, "grant", premises, statutes, declaration,
                status, created_by, created_at, updated_at)
              values (${appId}, ${A}, 'grant', null, null, '{}', '{}', 'decided', ${by}, ${at}, ${at})`.execute(
      db,
    );
  }
  const decision = (
    did: string,
    kind: string,
    outcome: string,
    status: string,
    at: string,
    applicationId: string | null,
  ) =>
    sql`insert into decisions (id, reference, kind, association_id, application_id, screening_id, outcome,
          recommendation, departs_from_recommendation, justification, communicated_on, criteria,
          supersedes_id, decided_by, decided_at, status, updated_at)
        values (${did}, ${`FK ${did.slice(-2)}`}, ${kind}, ${A}, ${applicationId}, null, ${outcome}, null, false,
          'Skäl', '2026-01-10', '[]', null, 'officer-c', ${at}, ${status}, ${at})`.execute(db);
  await decision(D_APP, 'application', 'denied', 'final', '2026-03-05T10:00:00Z', APP_2026A);
  await decision(D_W_RETURNED, 'withdrawal', 'withdrawn', 'returned', '2026-04-01T10:00:00Z', null);
  await decision(D_W, 'withdrawal', 'withdrawn', 'final', '2026-05-01T10:00:00Z', null);
  await decision(D_R, 'restoration', 'restored', 'final', '2026-09-01T10:00:00Z', null);

  const to11 = await migrator.migrateTo('0011_cases_communications');
  expect(to11.error).toBeUndefined();

  const cases = await db
    .selectFrom('cases')
    .select(['id', 'case_number', 'kind', 'application_id', 'assigned_to'])
    .orderBy('opened_at')
    .execute();
  expect(cases).toEqual([
    {
      id: APP_2025,
      case_number: 'HÄ 2026/1',
      kind: 'application',
      application_id: APP_2025,
      assigned_to: 'officer-a',
    },
    {
      id: APP_2026B,
      case_number: 'HÄ 2026/2',
      kind: 'application',
      application_id: APP_2026B,
      assigned_to: 'officer-a',
    },
    {
      id: APP_2026A,
      case_number: 'HÄ 2026/3',
      kind: 'application',
      application_id: APP_2026A,
      assigned_to: 'officer-b',
    },
    {
      id: D_W_RETURNED,
      case_number: 'HÄ 2026/4',
      kind: 'withdrawal',
      application_id: null,
      assigned_to: 'officer-c',
    },
    { id: D_W, case_number: 'HÄ 2026/5', kind: 'withdrawal', application_id: null, assigned_to: 'officer-c' },
  ]);
  const decisions = await db
    .selectFrom('decisions')
    .select(['id', 'case_id', 'case_number', 'communicated_on', 'communication_id'])
    .orderBy('decided_at')
    .execute();
  expect(decisions).toEqual([
    {
      id: D_APP,
      case_id: APP_2026A,
      case_number: 'HÄ 2026/3',
      communicated_on: '2026-01-10',
      communication_id: null,
    },
    {
      id: D_W_RETURNED,
      case_id: D_W_RETURNED,
      case_number: 'HÄ 2026/4',
      communicated_on: '2026-01-10',
      communication_id: null,
    },
    {
      id: D_W,
      case_id: D_W,
      case_number: 'HÄ 2026/5',
      communicated_on: '2026-01-10',
      communication_id: null,
    },
    {
      id: D_R,
      case_id: D_W,
      case_number: 'HÄ 2026/5',
      communicated_on: '2026-01-10',
      communication_id: null,
    },
  ]);
  expect(await db.selectFrom('case_number_counters').selectAll().execute()).toEqual([
    { year: 2026, last: 5 },
  ]);

  // From now on a decision's case is fixed.
  await expect(
    db.updateTable('decisions').set({ case_number: 'HÄ 2026/99' }).where('id', '=', D_APP).execute(),
  ).rejects.toThrow(/never changed/);
});
