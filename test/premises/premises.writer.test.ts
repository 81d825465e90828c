import { verifyChain } from '../../src/audit/audit.service';
import { CheckWriter } from '../../src/premises/premises.writer';
import type { NewCheck } from '../../src/premises/premises.repository';
import { as, createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const check = (id: string, result: 'clear' | 'refer' = 'clear'): NewCheck => ({
  id,
  checkedBy: 'desk',
  orgNumber: null,
  name: `Förening ${id}`,
  venue: 'Sal 1',
  date: '2027-01-15',
  ...(result === 'clear' ? { result, answerBy: null } : { result, answerBy: '2026-11-30' }),
  associationId: null,
  grounds: [],
  watchlistVersion: 0,
  now: ctx.clock.now(),
});

describe('group commit of premises checks', () => {
  it('answers many concurrent checks, each stored with its audit event, and the chain stays whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        as(ctx, 'booking_staff')
          .post('/api/premises-checks')
          .send({ name: `Samtidig förening ${i}`, venue: 'Sal 2', date: '2027-02-01' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const ids = answers.map((a) => a.body.checkId as string);
    const stored = await ctx.handle.db
      .selectFrom('premises_checks')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    expect(stored).toHaveLength(40);
    const audited = await ctx.handle.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('entity_id', 'in', ids)
      .execute();
    expect(audited).toHaveLength(40);
    expect((await verifyChain(ctx.handle.db)).valid).toBe(true);
  });

  it('a faulty check fails alone: the rest of its batch is written', async () => {
    const writer = new CheckWriter(ctx.handle.db, ctx.clock);
    const results = await Promise.allSettled([
      writer.write(check('PK-AAAAA-00001')),
      writer.write(check('PK-AAAAA-00002', 'refer')),
      writer.write(check('PK-AAAAA-00001')), // the same id again: the primary key refuses it
      writer.write(check('PK-AAAAA-00003')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const rows = await ctx.handle.db
      .selectFrom('premises_checks')
      .select('id')
      .where('id', 'like', 'PK-AAAAA-%')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.id)).toEqual(['PK-AAAAA-00001', 'PK-AAAAA-00002', 'PK-AAAAA-00003']);
    const referrals = await ctx.handle.db
      .selectFrom('referrals')
      .select('check_id')
      .where('check_id', '=', 'PK-AAAAA-00002')
      .execute();
    expect(referrals).toHaveLength(1);
    expect((await verifyChain(ctx.handle.db)).valid).toBe(true);
  });
});
