import { sql, type Transaction } from 'kysely';
import type { Database } from '../../src/db/database';
import { eventHash } from '../../src/audit/audit.hash';
import { toExported } from '../../src/audit/audit.service';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

// Someone with rights over the database itself (not the service) switches the append-only triggers
// off and changes the log. The service's own check must notice each kind of change.

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  for (let i = 0; i < 4; i++) {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(700 + i), name: `Förening ${i}` });
    expect(res.status).toBe(201);
  }
});
afterEach(() => ctx.close());

const verify = async () => (await as(ctx, 'investigator').get('/api/audit/verify')).body;

async function withTriggersOff(change: (trx: Transaction<Database>) => Promise<unknown>) {
  await ctx.handle.db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await change(trx);
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
}

async function lastSeq(): Promise<number> {
  const r = await ctx.handle.db
    .selectFrom('audit_events')
    .select(sql<number>`max(seq)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

it('is valid before anyone touches it', async () => {
  expect(await verify()).toMatchObject({ valid: true, events: await lastSeq() });
});

it('notices events cut from the end, though what remains still links up', async () => {
  const last = await lastSeq();
  await withTriggersOff((trx) =>
    trx
      .deleteFrom('audit_events')
      .where('seq', '>=', last - 1)
      .execute(),
  );
  const check = await verify();
  expect(check).toMatchObject({ valid: false, brokenAt: last - 1 });
  expect(check.reason).toMatch(/missing from the end/);
});

it('notices an edited event in the middle', async () => {
  await withTriggersOff((trx) =>
    trx.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', 2).execute(),
  );
  expect(await verify()).toMatchObject({ valid: false, brokenAt: 2 });
});

it('notices the last event rewritten with a correctly recomputed hash', async () => {
  const last = await lastSeq();
  await withTriggersOff(async (trx) => {
    const row = await trx
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', last)
      .executeTakeFirstOrThrow();
    const forged = { ...toExported(row), actor: 'forger' };
    await trx
      .updateTable('audit_events')
      .set({ actor: forged.actor, hash: eventHash(forged) })
      .where('seq', '=', last)
      .execute();
  });
  const check = await verify();
  expect(check).toMatchObject({ valid: false, brokenAt: last });
  expect(check.reason).toMatch(/head/);
});
