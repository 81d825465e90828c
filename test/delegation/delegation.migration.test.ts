import { Migrator, sql, type Kysely } from 'kysely';
import { migrations } from '../../migrations';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import type { Database } from '../../src/db/database';

// Decisions made before the delegation order keep who did what under the new names: the proposer is
// the föredragande, the second officer the one who decided, and a decision final at once was decided
// by the one who prepared it.

let handle: DatabaseHandle;
let db: Kysely<Database>;

const ASSOCIATION = '11111111-1111-4111-8111-111111111111';
const GRANT_APP = '22222222-2222-4222-8222-222222222222';
const PREMISES_APP = '33333333-3333-4333-8333-333333333333';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
  db = handle.db;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const before = await migrator.migrateTo('0010_support_version');
  expect(before.error).toBeUndefined();

  const t = '2026-11-20T09:00:00Z';
  await sql`insert into associations (id, org_number, name, aliases, representatives, support_status, created_at, updated_at)
    values (${ASSOCIATION}, '802000-0009', 'Gamla föreningen', '[]', '[]', 'active', ${t}, ${t})`.execute(db);
  for (const [app, kind] of [
    [GRANT_APP, 'grant'],
    [PREMISES_APP, 'premises'],
  ] as const) {
    await sql`insert into applications (id, association_id, kind, statutes, declaration, status, created_by, created_at, updated_at)
      values (${app}, ${ASSOCIATION}, ${kind}, '{}', '{}', 'decided', 'u-officer', ${t}, ${t})`.execute(db);
  }
  const decision = (
    n: number,
    f: {
      kind?: string;
      app?: string | null;
      outcome: string;
      departs?: boolean;
      status: string;
      approvedBy?: string;
    },
  ) =>
    sql`insert into decisions (id, reference, kind, association_id, application_id, outcome, departs_from_recommendation,
      criteria, decided_by, decided_at, status, approved_by, approved_at, updated_at)
    values (${id(n)}, ${`FK 2026/000${n}`}, ${f.kind ?? 'application'}, ${ASSOCIATION}, ${f.app === undefined ? GRANT_APP : f.app},
      ${f.outcome}, ${f.departs ?? false}, '[]', 'u-officer', ${t}, ${f.status}, ${f.approvedBy ?? null},
      ${f.approvedBy ? '2026-11-21T10:00:00Z' : null}, ${t})`.execute(db);
  await decision(1, { outcome: 'approved', status: 'final' }); // final at once
  await decision(2, { outcome: 'denied', status: 'final', approvedBy: 'u-second' });
  await decision(3, { outcome: 'approved', departs: true, status: 'pending_approval' });
  await decision(4, { outcome: 'denied', status: 'returned' });
  await decision(5, { app: PREMISES_APP, outcome: 'denied', status: 'final', approvedBy: 'u-second' });
  await decision(6, {
    kind: 'withdrawal',
    app: null,
    outcome: 'withdrawn',
    status: 'final',
    approvedBy: 'u-coord',
  });

  await migrateToLatest(db);
});
afterAll(() => handle.close());

it('gives existing decisions the new meaning of who prepared and who decided', async () => {
  const rows = await db
    .selectFrom('decisions')
    .select([
      'id',
      'prepared_by',
      'decided_by',
      'decided_at',
      'delegation_kind',
      'delegation_point',
      'committee_meeting_on',
    ])
    .orderBy('id')
    .execute();
  expect(rows.map((r) => ({ ...r, decided_at: r.decided_at?.toISOString() ?? null }))).toEqual([
    {
      id: id(1),
      prepared_by: 'u-officer',
      decided_by: 'u-officer',
      decided_at: '2026-11-20T09:00:00.000Z',
      delegation_kind: 'grant_approval_with_recommendation',
      delegation_point: null,
      committee_meeting_on: null,
    },
    {
      id: id(2),
      prepared_by: 'u-officer',
      decided_by: 'u-second',
      decided_at: '2026-11-21T10:00:00.000Z',
      delegation_kind: 'grant_denial',
      delegation_point: null,
      committee_meeting_on: null,
    },
    {
      id: id(3),
      prepared_by: 'u-officer',
      decided_by: null,
      decided_at: null,
      delegation_kind: 'grant_approval_against_recommendation',
      delegation_point: null,
      committee_meeting_on: null,
    },
    {
      id: id(4),
      prepared_by: 'u-officer',
      decided_by: null,
      decided_at: null,
      delegation_kind: 'grant_denial',
      delegation_point: null,
      committee_meeting_on: null,
    },
    {
      id: id(5),
      prepared_by: 'u-officer',
      decided_by: 'u-second',
      decided_at: '2026-11-21T10:00:00.000Z',
      delegation_kind: 'premises_refusal',
      delegation_point: null,
      committee_meeting_on: null,
    },
    {
      id: id(6),
      prepared_by: 'u-officer',
      decided_by: 'u-coord',
      decided_at: '2026-11-21T10:00:00.000Z',
      delegation_kind: 'withdrawal',
      delegation_point: null,
      committee_meeting_on: null,
    },
  ]);
});

it('keeps who decided a final decision unchangeable, as the rest of it', async () => {
  await expect(
    db.updateTable('decisions').set({ decided_by: 'someone-else' }).where('id', '=', id(2)).execute(),
  ).rejects.toThrow(/who decided a decision is never changed/);
  await expect(
    db.updateTable('decisions').set({ prepared_by: 'someone-else' }).where('id', '=', id(2)).execute(),
  ).rejects.toThrow(/never edited/);
  // A final decision needs someone who decided it: the delegat or the committee.
  await expect(
    db
      .updateTable('decisions')
      .set({ status: 'final', decided_at: new Date() })
      .where('id', '=', id(3))
      .execute(),
  ).rejects.toThrow(/decisions_final_decided/);
});
