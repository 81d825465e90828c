import request from 'supertest';
import { verifyChain } from '../../src/audit/audit.service';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep } from '../../src/reminders/reminders.scheduler';
import { escalateOverdueReferrals } from '../../src/premises/premises.referrals.service';
import { createUser } from '../../src/users/users.service';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { openSecondHandle } from '../support/test-db';

// A refer promises the booking desk an answer by a date counted in Swedish working days; the
// coordinator answers with an outcome the desk can follow, and a missed date is escalated.

let ctx: TestContext;
let otherDesk: string;
beforeAll(async () => {
  ctx = await createTestContext();
  otherDesk = (
    await createUser(ctx.handle.db, ctx.clock, 'test', { name: 'Annan bokare', role: 'booking_staff' })
  ).token;
  await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      category: 'supports_violent_extremism',
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: ['NSF'],
      orgNumber: orgNumber(4242),
      reason: 'supports_violent_extremism',
      source: 'Säpo',
      reviewBy: '2027-11-01',
    })
    .expect(201);
});
afterAll(() => ctx.close());

const check = (name: string, token = ctx.tokens.booking_staff) =>
  request(ctx.app)
    .post('/api/premises-checks')
    .set('Authorization', `Bearer ${token}`)
    .send({ name, venue: 'Medborgarhuset, sal 2', date: '2027-01-15' })
    .expect(201);
const statusOf = (checkId: string, token = ctx.tokens.booking_staff) =>
  request(ctx.app).get(`/api/premises-checks/${checkId}`).set('Authorization', `Bearer ${token}`);
async function referralOf(checkId: string) {
  const list = await as(ctx, 'coordinator').get('/api/referrals?limit=500').expect(200);
  return list.body.items.find((r: { checkId: string }) => r.checkId === checkId);
}
const resolve = (id: string, body: Record<string, unknown>) =>
  as(ctx, 'coordinator').post(`/api/referrals/${id}/resolve`).send(body);
const sweep = () => runSweep({ db: ctx.handle.db, clock: ctx.clock, policy: defaultReminderPolicy });

describe('the answer day', () => {
  it.each([
    ['a Thursday', '2026-11-26T09:00:00.000Z', '2026-11-30'],
    ['a Friday: the weekend does not count', '2026-11-27T09:00:00.000Z', '2026-12-01'],
    ['just after midnight in Sweden (still Thursday in UTC)', '2026-11-26T23:30:00.000Z', '2026-12-01'],
    ['the day before julafton', '2026-12-23T09:00:00.000Z', '2026-12-29'],
    ['the Wednesday before Easter', '2027-03-24T09:00:00.000Z', '2027-03-30'],
    ['the day before midsommarafton', '2027-06-24T09:00:00.000Z', '2027-06-29'],
  ])('of a check on %s (%s) is %s', async (_, now, answerBy) => {
    ctx.clock.set(now);
    const res = await check('NSF');
    expect(res.body).toMatchObject({ result: 'refer', answerBy });
    expect(res.body.message).toContain(`Du får besked senast ${answerBy}.`);
    expect((await referralOf(res.body.checkId)).answerBy).toBe(answerBy);
  });

  it('follows REFERRAL_ANSWER_DAYS', async () => {
    const five = await createTestContext({ REFERRAL_ANSWER_DAYS: '5' });
    try {
      await as(five, 'coordinator')
        .post('/api/watchlist')
        .send({
          category: 'supports_violent_extremism',
          subjectKind: 'organisation',
          name: 'Nordiska Stålfronten',
          reason: 'supports_violent_extremism',
          source: 'Säpo',
          reviewBy: '2027-06-30',
        })
        .expect(201);
      const res = await as(five, 'booking_staff')
        .post('/api/premises-checks')
        .send({ name: 'Nordiska Stålfronten', venue: 'Sal 1', date: '2027-01-15' })
        .expect(201);
      expect(res.body.answerBy).toBe('2026-12-03'); // Thursday 26 November + 5 working days
    } finally {
      await five.close();
    }
  });
});

describe("a check's status for the booking desk", () => {
  beforeAll(() => ctx.clock.set('2026-11-26T09:00:00.000Z'));

  it('is clear for a clear check, with no answer day', async () => {
    const res = await check('Södermalms Schackklubb');
    expect((await statusOf(res.body.checkId)).body).toEqual({
      checkId: res.body.checkId,
      result: 'clear',
      status: 'clear',
      answerBy: null,
    });
  });

  it('awaits an answer, then shows the outcome, to the clerk who made it and to coordinators', async () => {
    const res = await check('nordiska stalfronten');
    const id = res.body.checkId as string;
    const waiting = { checkId: id, result: 'refer', status: 'awaiting_answer', answerBy: '2026-11-30' };
    expect((await statusOf(id)).body).toEqual(waiting);
    expect((await statusOf(id.toLowerCase())).body).toEqual(waiting); // typed back in any case
    expect((await statusOf(id, ctx.tokens.coordinator)).body).toEqual(waiting);

    const referral = await referralOf(id);
    await resolve(referral.id, { outcome: 'no_obstacle', note: 'Inte samma förening.' }).expect(200);
    expect((await statusOf(id)).body).toEqual({ ...waiting, status: 'no_obstacle' });
  });

  it('says "not_cleared" when the coordinator says the booking cannot be confirmed', async () => {
    const id = (await check('NSF')).body.checkId as string;
    await resolve((await referralOf(id)).id, { outcome: 'not_cleared', note: 'Samma organisation.' }).expect(
      200,
    );
    expect((await statusOf(id)).body).toMatchObject({ status: 'not_cleared', answerBy: '2026-11-30' });
  });

  it('is "not found" for another booking clerk and for a number never given; other roles are refused', async () => {
    const id = (await check('NSF')).body.checkId as string;
    const other = await statusOf(id, otherDesk);
    const never = await statusOf('PK-00000-00000', otherDesk);
    expect([other.status, never.status]).toEqual([404, 404]);
    // The same answer either way: nothing tells a check exists.
    expect(other.body).toEqual(never.body);
    for (const role of ['case_officer', 'investigator', 'admin'] as const) {
      expect((await statusOf(id, ctx.tokens[role])).status).toBe(403);
    }
    expect((await statusOf('nonsense', otherDesk)).status).toBe(400);
  });

  it("lists a clerk's own checks, newest first, and nobody else's", async () => {
    ctx.clock.set('2027-07-01T09:00:00.000Z'); // after every check above
    const mine = (await check('Mina Vänner')).body.checkId as string;
    const theirs = (await check('Deras Vänner', otherDesk)).body.checkId as string;
    const list = await as(ctx, 'booking_staff').get('/api/premises-checks?limit=500').expect(200);
    const ids = list.body.items.map((c: { checkId: string }) => c.checkId);
    expect(ids[0]).toBe(mine);
    expect(ids).not.toContain(theirs);
    expect(list.body.items[0]).toEqual({
      checkId: mine,
      result: 'clear',
      status: 'clear',
      answerBy: null,
      name: 'Mina Vänner',
      orgNumber: null,
      venue: 'Medborgarhuset, sal 2',
      date: '2027-01-15',
      checkedAt: '2027-07-01T09:00:00.000Z',
    });
    const page1 = await as(ctx, 'booking_staff').get('/api/premises-checks?limit=2').expect(200);
    const page2 = await as(ctx, 'booking_staff')
      .get(`/api/premises-checks?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect([...page1.body.items, ...page2.body.items].map((c: { checkId: string }) => c.checkId)).toEqual(
      ids.slice(0, 4),
    );
  });
});

describe('answering a referral', () => {
  beforeAll(() => ctx.clock.set('2026-11-26T09:00:00.000Z'));

  it('requires an outcome of the two, and a bounded note', async () => {
    const referral = await referralOf((await check('NSF')).body.checkId);
    const noOutcome = await resolve(referral.id, { note: 'Klart.' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.outcome',
        code: 'referral_outcome_required',
        message: 'choose the outcome: no_obstacle or not_cleared',
      }),
    ]);
    expect((await resolve(referral.id, { outcome: 'cleared', note: 'x' })).status).toBe(400);
    expect((await resolve(referral.id, { outcome: 'no_obstacle' })).status).toBe(400);
    expect((await resolve(referral.id, { outcome: 'no_obstacle', note: 'x'.repeat(5001) })).status).toBe(400);
    expect((await referralOf(referral.checkId)).status).toBe('open');
    expect(
      (await resolve('00000000-0000-4000-8000-000000000000', { outcome: 'no_obstacle', note: 'x' })).status,
    ).toBe(404);
  });

  it('is audited with the outcome, tells the desk only the outcome, and happens once', async () => {
    const checkId = (await check('NSF')).body.checkId as string;
    const referral = await referralOf(checkId);
    const note = 'Träff på Nordiska Stålfronten; samma organisationsnummer.';
    await resolve(referral.id, { outcome: 'not_cleared', note }).expect(200);
    const again = await resolve(referral.id, { outcome: 'no_obstacle', note: 'Ändrat mig.' });
    expect(again.status).toBe(409);
    expect((await statusOf(checkId)).body.status).toBe('not_cleared');

    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${referral.id}`).expect(200);
    expect(events.body.items).toEqual([
      expect.objectContaining({
        action: 'referral.resolved',
        actor: ctx.userIds.coordinator,
        details: expect.objectContaining({ checkId, outcome: 'not_cleared', note }),
      }),
    ]);
    const told = await ctx.handle.db
      .selectFrom('outbox')
      .select(['recipient_role', 'subject', 'payload'])
      .where('topic', '=', 'referral.answered')
      .execute();
    const mine = told.filter((n) => (n.payload as { checkId: string }).checkId === checkId);
    expect(mine).toEqual([
      {
        recipient_role: 'booking_staff',
        subject: `Besked om lokalkontroll ${checkId}: Kan inte bekräftas`,
        payload: { checkId, outcome: 'not_cleared' },
      },
    ]);
  });
});

describe('a missed answer day', () => {
  it('is escalated to the coordinators by the sweep the day after, once, and shown as overdue', async () => {
    ctx.clock.set('2027-02-04T09:00:00.000Z'); // a Thursday: answer by Monday 8 February
    await sweep(); // the earlier tests' referrals, overdue by now
    const late = (await check('NSF')).body.checkId as string;
    const answered = (await check('Nordiska Stålfronten')).body.checkId as string;
    await resolve((await referralOf(answered)).id, { outcome: 'no_obstacle', note: 'x' }).expect(200);

    ctx.clock.set('2027-02-08T20:00:00.000Z'); // the answer day itself: not late yet
    expect((await sweep()).referralsEscalated).toBe(0);
    expect(await referralOf(late)).toMatchObject({ overdue: false, escalatedAt: null });

    ctx.clock.set('2027-02-09T06:00:00.000Z'); // 07:00 in Sweden, the day after
    expect((await sweep()).referralsEscalated).toBe(1);
    expect((await sweep()).referralsEscalated).toBe(0);
    const referral = await referralOf(late);
    expect(referral).toMatchObject({
      status: 'open',
      overdue: true,
      escalatedAt: '2027-02-09T06:00:00.000Z',
    });
    expect(await referralOf(answered)).toMatchObject({ overdue: false, escalatedAt: null });
    // The desk still waits; the date it was given stays the same.
    expect((await statusOf(late)).body).toMatchObject({ status: 'awaiting_answer', answerBy: '2027-02-08' });

    const notices = await ctx.handle.db
      .selectFrom('outbox')
      .select(['recipient_role', 'subject', 'payload'])
      .where('topic', '=', 'referral.escalated')
      .execute();
    expect(notices.filter((n) => (n.payload as { checkId: string }).checkId === late)).toEqual([
      {
        recipient_role: 'coordinator',
        subject: `Försenad hänvisning: lokalkontroll ${late} skulle ha besvarats senast 2027-02-08`,
        payload: {
          referralId: referral.id,
          checkId: late,
          answerBy: '2027-02-08',
          venue: 'Medborgarhuset, sal 2',
          date: '2027-01-15',
        },
      },
    ]);
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${referral.id}`).expect(200);
    expect(events.body.items.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['referral.escalated', 'system'],
    ]);
  });

  it('is escalated exactly once when two instances sweep at the same moment', async () => {
    ctx.clock.set('2027-03-01T09:00:00.000Z'); // a Monday: answer by Wednesday 3 March
    await sweep();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await check('NSF')).body.checkId);
    ctx.clock.set('2027-03-04T09:00:00.000Z');
    const second = await openSecondHandle(ctx.handle);
    try {
      const counts = await Promise.all([
        escalateOverdueReferrals(ctx.handle.db, ctx.clock, 2),
        escalateOverdueReferrals(second.db, ctx.clock, 2),
      ]);
      expect(counts[0]! + counts[1]!).toBe(7);
    } finally {
      await second.close();
    }
    const referralIds = await Promise.all(ids.map(async (id) => (await referralOf(id)).id as string));
    const audited = await ctx.handle.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'referral.escalated')
      .where('entity_id', 'in', referralIds)
      .execute();
    expect(audited.map((e) => e.entity_id).sort()).toEqual([...referralIds].sort());
    expect((await verifyChain(ctx.handle.db)).valid).toBe(true);
  });
});
