import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';

// Referrals opened before answer days existed get one when 0015 runs, so the sweep and the desk's
// status can rely on it; those resolved then keep no outcome.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
});
afterAll(() => handle.close());

it('gives legacy referrals an answer day two weekdays after the Swedish day they were opened', async () => {
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('0010_support_version')).error).toBeUndefined();
  const legacy = [
    // Friday 09:00 in Sweden → Tuesday.
    { id: 'PK-LEGAC-00001', at: '2026-11-27T08:00:00.000Z', status: 'open' },
    // Friday 23:30 UTC is Saturday 00:30 in Sweden → Tuesday.
    { id: 'PK-LEGAC-00002', at: '2026-11-27T23:30:00.000Z', status: 'resolved' },
    // Monday → Wednesday.
    { id: 'PK-LEGAC-00003', at: '2026-11-30T10:00:00.000Z', status: 'open' },
  ];
  for (const [i, r] of legacy.entries()) {
    await sql`insert into premises_checks (id, checked_by, name, venue, date, result, grounds, watchlist_version, created_at)
      values (${r.id}, 'desk', 'Förening', 'Sal 1', '2026-12-12', 'refer', '[]'::jsonb, 0, ${r.at})`.execute(
      handle.db,
    );
    await sql`insert into referrals (id, check_id, status, note, created_at)
      values (${`00000000-0000-4000-8000-00000000000${i}`}, ${r.id}, ${r.status},
              ${r.status === 'resolved' ? 'Klart per telefon.' : null}, ${r.at})`.execute(handle.db);
  }
  expect((await migrator.migrateToLatest()).error).toBeUndefined();

  const rows = await handle.db
    .selectFrom('referrals')
    .select(['check_id', 'answer_by', 'outcome', 'escalated_at'])
    .orderBy('check_id')
    .execute();
  expect(rows).toEqual([
    { check_id: 'PK-LEGAC-00001', answer_by: '2026-12-01', outcome: null, escalated_at: null },
    { check_id: 'PK-LEGAC-00002', answer_by: '2026-12-01', outcome: null, escalated_at: null },
    { check_id: 'PK-LEGAC-00003', answer_by: '2026-12-02', outcome: null, escalated_at: null },
  ]);
  // An outcome only on a resolved referral.
  await expect(
    sql`update referrals set outcome = 'no_obstacle' where check_id = 'PK-LEGAC-00001'`.execute(handle.db),
  ).rejects.toThrow();
});
