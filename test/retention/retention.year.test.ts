import { addDays } from '../../src/clock';
import { runSweep } from '../../src/reminders/reminders.scheduler';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { watchlistReviewPort } from '../../src/watchlist/watchlist.review-port';
import { verifyChain } from '../../src/audit/audit.service';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';

// A year of daily sweeps with the injected clock: each kind of record goes on the day its retention
// period ends — not a day earlier or later — its audit payloads are erased under the retention
// decision, and nothing else goes: open referrals, entries still in force, recent findings, decisions,
// letters and the screenings they rest on stay.

const REFERENCE = 'KFN 2026/123';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    // Referrals after six months instead of two years, so one year shows them go too.
    RETENTION_POLICY: JSON.stringify({ decisionReference: REFERENCE, referral: { keepFor: { months: 6 } } }),
  });
});
afterAll(() => ctx.close());

const db = () => ctx.handle.db;
const exists = async (
  table: 'premises_checks' | 'referrals' | 'watchlist_entries' | 'findings',
  id: string,
) => (await db().selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const check = (name: string) =>
  as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name, venue: 'Folkets hus', date: '2027-02-01' });
const watch = (body: Record<string, unknown>) =>
  as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Polisen',
      ...body,
    });

it('deletes each kind on its day and nothing else, and the log still verifies with the erasures', async () => {
  // Day 0, 2026-11-26.
  const stillActive = await watch({
    subjectKind: 'organisation',
    name: 'Nordiska Stålbröderna',
    reviewBy: '2027-11-20',
  });
  const retired = await watch({ subjectKind: 'person', name: 'Karl Svensson', reviewBy: '2027-06-01' });
  const lapsing = await watch({ subjectKind: 'person', name: 'Erik Lind', reviewBy: '2027-01-15' });
  const clearA = (await check('Kulturföreningen Vågen')).body.checkId as string;
  const referA = (await check('Nordiska Stålbröderna')).body.checkId as string;
  const referB = (await check('Nordiska Stålbröderna förening')).body.checkId as string;
  expect([clearA, referA, referB].map(Boolean)).toEqual([true, true, true]);
  const referrals = (await as(ctx, 'coordinator').get('/api/referrals?status=open&limit=500')).body.items as {
    id: string;
    checkId: string;
  }[];
  const referralA = referrals.find((r) => r.checkId === referA)!.id;
  const referralB = referrals.find((r) => r.checkId === referB)!.id;

  // An application whose finding passes the ten-year limit during the year, decided on a screening.
  const association = await registerAssociation(ctx);
  const app = (await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(association.id)))
    .body;
  const old = (
    await as(ctx, 'case_officer')
      .post(`/api/applications/${app.id}/findings`)
      .send(finding({ occurredOn: '2017-03-06', description: 'Gammal händelse med Karl Svensson.' }))
  ).body;
  const screening = (await as(ctx, 'case_officer').post(`/api/applications/${app.id}/screenings`)).body;
  const decision = await as(ctx, 'case_officer').post(`/api/applications/${app.id}/decisions`).send({
    screeningId: screening.id,
    outcome: 'approved',
    justification: 'Händelsen ligger långt tillbaka i tiden.',
  });
  expect(decision.status).toBe(201);
  if (decision.body.status === 'pending_approval') {
    // The finding is old enough to be weighed (a refer): a coordinator decides, as the delegation order says.
    const approval = await as(ctx, 'coordinator')
      .post(`/api/decisions/${decision.body.id}/approve`)
      .send({ noConflictOfInterest: true });
    expect(approval.status).toBe(200);
  }
  // A recent finding on another application stays.
  const other = (
    await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(association.id))
  ).body;
  const recent = (
    await as(ctx, 'case_officer').post(`/api/applications/${other.id}/findings`).send(finding())
  ).body;

  const expected: Record<string, { table: Parameters<typeof exists>[0]; id: string; on: string | null }> = {
    clearA: { table: 'premises_checks', id: clearA, on: '2027-02-26' },
    referralA: { table: 'referrals', id: referralA, on: '2027-06-06' },
    referA: { table: 'premises_checks', id: referA, on: '2027-06-06' },
    retired: { table: 'watchlist_entries', id: retired.body.id, on: '2027-03-16' },
    lapsing: { table: 'watchlist_entries', id: lapsing.body.id, on: '2027-04-16' },
    oldFinding: { table: 'findings', id: old.id, on: '2027-03-06' },
    referralB: { table: 'referrals', id: referralB, on: null },
    referB: { table: 'premises_checks', id: referB, on: null },
    stillActive: { table: 'watchlist_entries', id: stillActive.body.id, on: null },
    recentFinding: { table: 'findings', id: recent.id, on: null },
  };

  const gone: Record<string, string> = {};
  let day = '2026-11-26';
  let days = 0;
  const sweep = () =>
    runSweep({
      db: db(),
      clock: ctx.clock,
      policy: defaultReminderPolicy,
      watchlist: watchlistReviewPort(ctx.clock),
      retention: ctx.deps.config.RETENTION_POLICY,
      audit: ctx.deps.audit,
    });
  while (day < '2027-12-31') {
    day = addDays(day, 1);
    days += 1;
    ctx.clock.set(`${day}T09:00:00.000Z`);
    if (day === '2026-12-06') {
      const resolved = await as(ctx, 'coordinator')
        .post(`/api/referrals/${referralA}/resolve`)
        .send({ outcome: 'no_obstacle', note: 'Ingen koppling.' });
      expect(resolved.status).toBe(200);
    }
    if (day === '2026-12-16') {
      await as(ctx, 'coordinator')
        .delete(`/api/watchlist/${retired.body.id}`)
        .send({ reason: 'Felaktig uppgift.' });
    }
    if (day === '2027-01-31') {
      // Checked on the 31st: three months on is 30 April.
      const clearB = (await check('Schackklubben Löparen')).body.checkId as string;
      expected.clearB = { table: 'premises_checks', id: clearB, on: '2027-04-30' };
    }
    await sweep();
    await sweep(); // a second pass the same day deletes nothing more
    for (const [name, e] of Object.entries(expected)) {
      if (!(name in gone) && !(await exists(e.table, e.id))) gone[name] = day;
    }
  }
  expect(gone).toEqual(
    Object.fromEntries(Object.entries(expected).flatMap(([name, e]) => (e.on ? [[name, e.on]] : []))),
  );

  // Archived: the decision, its letter and its screening, whose facts keep the finding.
  const kept = await as(ctx, 'investigator').get(`/api/decisions/${decision.body.id}`);
  expect(kept.body).toMatchObject({ status: 'final', documentSha256: expect.any(String) });
  const s = await as(ctx, 'investigator').get(`/api/screenings/${screening.id}`);
  expect(s.body.facts.findings.map((f: { id: string }) => f.id)).toContain(old.id);

  // One run a day, each an audit event; the erased payloads name their run and the decision.
  const runs = await db()
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', 'retention.run')
    .execute();
  expect(runs).toHaveLength(days);
  const erased = await db()
    .selectFrom('audit_events')
    .select(['entity_type', 'entity_id', 'action', 'erased_under', 'erased_by', 'details'])
    .where('erased_at', 'is not', null)
    .execute();
  const runOf = (date: string) =>
    Number(runs.find((r) => (r.details as { runOn: string }).runOn === date)!.seq);
  expect(erased.every((e) => e.erased_under === REFERENCE && e.details === null)).toBe(true);
  expect(erased.filter((e) => e.entity_id === clearA).map((e) => Number(e.erased_by))).toEqual([
    runOf('2027-02-26'),
  ]);
  expect(
    erased
      .filter((e) => e.entity_id === retired.body.id)
      .map((e) => e.action)
      .sort(),
  ).toEqual(['watchlist.entry_added', 'watchlist.entry_retired']);
  expect(erased.filter((e) => e.action === 'finding.recorded').map((e) => e.entity_id)).toEqual([app.id]);
  const recentRecorded = await db()
    .selectFrom('audit_events')
    .select('details')
    .where('action', '=', 'finding.recorded')
    .where('entity_id', '=', other.id)
    .executeTakeFirstOrThrow();
  expect(recentRecorded.details).toMatchObject({ finding: { id: recent.id } });

  const march6 = runs.find((r) => (r.details as { runOn: string }).runOn === '2027-03-06')!.details;
  expect(march6).toMatchObject({
    decisionReference: REFERENCE,
    kinds: { finding: { deleted: 1, erasedPayloads: 1, keepFor: { years: 10 } } },
    erasedPayloads: 1,
  });

  const verified = await verifyChain(db());
  expect(verified).toMatchObject({ valid: true, erased: erased.length });

  const retention = await as(ctx, 'investigator').get('/api/retention');
  expect(retention.status).toBe(200);
  expect(retention.body.policy.kinds.map((k: { kind: string }) => k.kind)).toEqual([
    'premises_check_clear',
    'referral',
    'watchlist_entry_ended',
    'finding',
  ]);
  expect(retention.body.runs[0]).toMatchObject({ runOn: '2027-12-31', decisionReference: REFERENCE });
  // The latest month of runs, newest first, each with its counts per kind.
  expect(retention.body.runs).toHaveLength(30);
  expect(retention.body.runs[29]).toMatchObject({
    runOn: '2027-12-02',
    counts: { premises_check_clear: { deleted: 0 }, finding: { deleted: 0 } },
  });
}, 600_000);
