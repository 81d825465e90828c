import { runRetention } from '../../src/retention/retention.service';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { signIn, textOf } from '../web/web-support';

// What is kept how long, under which decision, and what the daily runs did: for investigators and
// admins, as JSON and as a page.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ RETENTION_POLICY: '{"decisionReference":"KFN 2026/77"}' });
});
afterAll(() => ctx.close());

it('shows the policy and the latest runs to investigators and admins', async () => {
  const before = await as(ctx, 'admin').get('/api/retention');
  expect(before.status).toBe(200);
  expect(before.body.policy).toMatchObject({
    decisionReference: 'KFN 2026/77',
    kinds: [
      { kind: 'premises_check_clear', keepFor: { months: 3 }, decisionReference: 'KFN 2026/77' },
      { kind: 'referral', keepFor: { years: 2 } },
      { kind: 'watchlist_entry_ended', keepFor: { months: 3 } },
      { kind: 'finding', keepFor: { years: 10 } },
    ],
    archived: expect.stringContaining('Beslut, beslutsbrev och de granskningar'),
  });
  expect(before.body.runs).toEqual([]);

  const run = await runRetention({
    db: ctx.handle.db,
    clock: ctx.clock,
    policy: ctx.deps.config.RETENTION_POLICY,
  });
  // The same day again: no second run.
  expect(
    await runRetention({ db: ctx.handle.db, clock: ctx.clock, policy: ctx.deps.config.RETENTION_POLICY }),
  ).toBe(undefined);
  const after = await as(ctx, 'investigator').get('/api/retention');
  expect(after.body.runs).toEqual([
    {
      id: run!.id,
      runOn: '2026-11-26',
      ranAt: ctx.clock.now().toISOString(),
      decisionReference: 'KFN 2026/77',
      counts: {
        premises_check_clear: { deleted: 0, erasedPayloads: 0 },
        referral: { deleted: 0, erasedPayloads: 0 },
        watchlist_entry_ended: { deleted: 0, erasedPayloads: 0 },
        finding: { deleted: 0, erasedPayloads: 0 },
      },
      erasedPayloads: 0,
      auditSeq: run!.auditSeq,
    },
  ]);
  expect((await as(ctx, 'coordinator').get('/api/retention')).status).toBe(403);

  const admin = await signIn(ctx, 'admin');
  const page = textOf((await admin.agent.get('/gallring')).text);
  expect(page).toContain('Gallringsbeslut: KFN 2026/77');
  expect(page).toContain(
    'Lokalkontroller som gav svaret klart. Gallras räknat från dagen för kontrollen. 3 månader',
  );
  expect(page).toMatch(/2026-11-26 0 0 0 0 0 \d+/);
});
