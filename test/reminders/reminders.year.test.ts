import { sql } from 'kysely';
import { isoDate } from '../../src/clock';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep } from '../../src/reminders/reminders.scheduler';
import { watchlistReviewPort } from '../../src/watchlist/watchlist.review-port';
import { recordCommitteeDecision, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';
import { as, createTestContext, type TestContext } from '../support/test-app';

// A withdrawal walked through its first years with the injected clock, sweeping as the scheduler would,
// and beside it a watchlist entry living out its review period.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

// Wired as main.ts wires it: reminders and the watchlist's review dates.
const sweep = () =>
  runSweep({
    db: ctx.handle.db,
    clock: ctx.clock,
    policy: defaultReminderPolicy,
    watchlist: watchlistReviewPort(ctx.clock),
  });
const today = () => isoDate(ctx.clock.now());

async function countsPer(action: string, topic: string) {
  const audit = await sql<{ id: string; n: number }>`
    select entity_id as id, count(*)::int as n from audit_events where action = ${action} group by entity_id`.execute(
    ctx.handle.db,
  );
  const outbox = await sql<{ id: string; n: number }>`
    select payload->>'reminderId' as id, count(*)::int as n from outbox where topic = ${topic}
    group by payload->>'reminderId'`.execute(ctx.handle.db);
  return {
    audit: Object.fromEntries(audit.rows.map((r) => [r.id, r.n])),
    outbox: Object.fromEntries(outbox.rows.map((r) => [r.id, r.n])),
  };
}

it('walks a withdrawal through a year: due dates, escalation once, completion, a recurring follow-up', async () => {
  // A real withdrawal: prepared by a case officer, decided by the committee (recorded by a coordinator).
  const association = await registerAssociation(ctx);
  const proposed = await as(ctx, 'case_officer')
    .post(`/api/associations/${association.id}/withdrawals`)
    .send({
      justification: 'Upplåter lokaler åt en våldsbejakande grupp.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(ctx, association.id),
    });
  expect(proposed.status).toBe(201);
  const decisionId = proposed.body.decisionId as string;
  await recordCommitteeDecision(ctx, decisionId).expect(200);
  const created = await ctx.handle.db
    .selectFrom('reminders')
    .select(['id', 'kind'])
    .where('decision_id', '=', decisionId)
    .execute();
  const byKind = Object.fromEntries(created.map((r) => [r.kind, r]));
  const id = (kind: string) => byKind[kind]!.id;
  const escalatedOn: Record<string, string> = {};

  // The same year, a watchlist entry reviewed by the end of June: asked about a fortnight before,
  // matching up to its reviewBy, expired by the sweep the day after and matching nothing from then.
  const listed = await as(ctx, 'coordinator').post('/api/watchlist').send({
    subjectKind: 'organisation',
    name: 'Nordiska Järnbrödraskapet',
    aliases: [],
    category: 'supports_violent_extremism',
    reason: 'supports_violent_extremism',
    source: 'Polisens lägesbild 2026',
    reviewBy: '2027-06-30',
  });
  expect(listed.status).toBe(201);
  const entryId = listed.body.id as string;
  const checkLookAlike = async () =>
    (
      await as(ctx, 'booking_staff')
        .post('/api/premises-checks')
        .send({ name: 'nordiska jarnbrodraskapet', venue: 'Sal 1', date: today() })
    ).body.result as string;
  expect(await checkLookAlike()).toBe('refer');
  const entryEvents: Record<string, string> = {};

  // Day by day for a year and a month, sweeping as the scheduler would; three times on the days
  // escalations fall due, as several instances or ticks would.
  const busyDays = new Set(['2026-11-27', '2026-12-27', '2027-11-27']);
  for (let day = 0; day <= 400; day++) {
    for (let i = 0; i < (busyDays.has(today()) ? 3 : 1); i++) await sweep();
    const escalatedNow = await ctx.handle.db
      .selectFrom('reminders')
      .select('kind')
      .where('decision_id', '=', decisionId)
      .where('escalated_at', 'is not', null)
      .execute();
    for (const { kind } of escalatedNow) escalatedOn[kind] ??= today();
    const entry = await ctx.handle.db
      .selectFrom('watchlist_entries')
      .select('status')
      .where('id', '=', entryId)
      .executeTakeFirstOrThrow();
    if (entry.status === 'expired') entryEvents.expired ??= today();
    const review = await ctx.handle.db
      .selectFrom('reminders')
      .select(['due_on', 'assignee_role'])
      .where('watchlist_entry_id', '=', entryId)
      .where('kind', '=', 'review_watchlist_entry')
      .execute();
    if (review.length > 0)
      entryEvents.reviewAsked ??= `${today()} ${review.length} ${review[0]!.assignee_role} due ${review[0]!.due_on}`;
    if (today() === '2027-06-30') entryEvents.lastDayListed = await checkLookAlike();
    if (today() === '2027-07-01') entryEvents.firstDayAfter = await checkLookAlike();
    // The case officer sends the notice on time, two days after the decision.
    if (day === 2) {
      const done = await as(ctx, 'case_officer')
        .post(`/api/reminders/${id('notify_association')}/complete`)
        .send({ note: 'Underrättelse skickad med rekommenderat brev.' });
      expect(done.status).toBe(200);
    }
    // The coordinator does the yearly follow-up late, two weeks after it was due.
    if (today() === '2027-12-10') {
      const done = await as(ctx, 'coordinator')
        .post(`/api/reminders/${id('annual_follow_up')}/complete`)
        .send({ note: 'Årlig uppföljning gjord: inga nya bokningar, inget bidrag utbetalt.' });
      expect(done.status).toBe(200);
      expect(done.body.escalated).toBe(true);
      // Due a year after the previous due date, not a year after it was done.
      expect(done.body.next).toMatchObject({
        kind: 'annual_follow_up',
        assigneeRole: 'coordinator',
        dueOn: '2028-11-26',
        status: 'open',
        escalated: false,
        occurrence: 2,
        previousId: id('annual_follow_up'),
      });
    }
    ctx.clock.advanceDays(1);
  }

  // Escalated the day after each due date; the one done on time never.
  expect(escalatedOn).toEqual({
    cancel_bookings: '2026-11-27',
    recover_grant: '2026-12-27',
    reassess: '2027-11-27',
    annual_follow_up: '2027-11-27',
  });

  expect(entryEvents).toEqual({
    reviewAsked: '2027-06-16 1 coordinator due 2027-06-30',
    lastDayListed: 'refer',
    expired: '2027-07-01',
    firstDayAfter: 'clear',
  });

  // Exactly once each: one audit event and one notification to the coordinator per escalated reminder.
  const escalations = await countsPer('reminder.escalated', 'reminder.escalated');
  for (const kind of ['cancel_bookings', 'recover_grant', 'reassess', 'annual_follow_up']) {
    expect([kind, escalations.audit[id(kind)], escalations.outbox[id(kind)]]).toEqual([kind, 1, 1]);
  }
  expect(escalations.audit[id('notify_association')]).toBeUndefined();
  const notice = await ctx.handle.db
    .selectFrom('outbox')
    .selectAll()
    .where('topic', '=', 'reminder.escalated')
    .where(sql<string>`payload->>'reminderId'`, '=', id('recover_grant'))
    .executeTakeFirstOrThrow();
  expect(notice).toMatchObject({
    recipient_role: 'coordinator',
    subject: 'Försenad påminnelse: Pröva återkrav av utbetalt föreningsbidrag (skulle vara klar 2026-12-26)',
    payload: expect.objectContaining({ associationName: association.name, dueOn: '2026-12-26' }),
  });

  // The next yearly follow-up stays calm until it is due, then escalates the day after.
  const next = async () =>
    (await as(ctx, 'coordinator').get(`/api/reminders?decisionId=${decisionId}&status=open`)).body.items.find(
      (r: { kind: string }) => r.kind === 'annual_follow_up',
    );
  ctx.clock.set('2028-11-26T20:00:00.000Z');
  await sweep();
  expect(await next()).toMatchObject({ dueOn: '2028-11-26', escalated: false });
  ctx.clock.set('2028-11-27T07:00:00.000Z');
  await sweep();
  await sweep();
  expect(await next()).toMatchObject({ dueOn: '2028-11-26', escalated: true });

  // Done early the next time: the series still keeps its day.
  const second = await next();
  const done = await as(ctx, 'coordinator')
    .post(`/api/reminders/${second.id}/complete`)
    .send({ note: 'Uppföljning år två.' });
  expect(done.body.next).toMatchObject({ dueOn: '2029-11-26', occurrence: 3 });
  const recurring = await countsPer('reminder.escalated', 'reminder.escalated');
  expect(recurring.audit[second.id]).toBe(1);

  // What each role sees at the end: their own, done ones included on request.
  const caseOfficer = await as(ctx, 'case_officer').get(
    `/api/reminders?decisionId=${decisionId}&status=done`,
  );
  expect(caseOfficer.body.items.map((r: { kind: string }) => r.kind)).toEqual(['notify_association']);
  expect((await as(ctx, 'booking_staff').get('/api/reminders?assigneeRole=coordinator')).status).toBe(403);
  const all = await as(ctx, 'investigator').get(`/api/reminders?decisionId=${decisionId}&sort=due`);
  const rows = all.body.items as { kind: string; status: string; dueOn: string }[];
  expect(rows.map((r) => `${r.dueOn} ${r.kind}:${r.status}`).sort()).toEqual([
    '2026-11-26 cancel_bookings:open',
    '2026-12-01 notify_association:done',
    '2026-12-26 recover_grant:open',
    '2027-11-26 annual_follow_up:done',
    '2027-11-26 reassess:open',
    '2028-11-26 annual_follow_up:done',
    '2029-11-26 annual_follow_up:open',
  ]);
  expect(rows.map((r) => r.dueOn)).toEqual(rows.map((r) => r.dueOn).sort());
  const verify = await as(ctx, 'investigator').get('/api/audit/verify');
  expect(verify.body.valid).toBe(true);
}, 120_000); // four hundred simulated days: slow on a busy machine, so more than the default 30 s
