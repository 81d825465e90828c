import { sql } from 'kysely';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep, startScheduler } from '../../src/reminders/reminders.scheduler';
import { registerAssociation } from '../support/fixtures';
import { addEntryDirect, entryStates } from '../support/watchlist-entries';
import { watchlistReviewPort } from '../../src/watchlist/watchlist.review-port';
import { withdrawSupport } from '../support/follow-ups';
import { as, createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the sweep and the watchlist’s review dates', () => {
  it('asks the coordinator 14 days before reviewBy, once, and lets the entry expire the day after', async () => {
    ctx.clock.set('2027-03-01T09:00:00.000Z');
    const entryId = await addEntryDirect(ctx.handle.db, '2027-03-31');
    const sweep = () =>
      runSweep({
        db: ctx.handle.db,
        clock: ctx.clock,
        policy: defaultReminderPolicy,
        watchlist: watchlistReviewPort(ctx.clock),
      });
    const reviewReminders = async () =>
      (await as(ctx, 'coordinator').get('/api/reminders?kind=review_watchlist_entry')).body.items as {
        watchlistEntryId: string;
        dueOn: string;
        escalated: boolean;
        title: string;
      }[];

    ctx.clock.set('2027-03-16T09:00:00.000Z'); // 15 days before
    await sweep();
    expect(await reviewReminders()).toEqual([]);

    ctx.clock.set('2027-03-17T09:00:00.000Z'); // 14 days before
    expect((await sweep()).reviewReminders).toBe(1);
    expect((await sweep()).reviewReminders).toBe(0);
    expect(await reviewReminders()).toEqual([
      expect.objectContaining({
        watchlistEntryId: entryId,
        dueOn: '2027-03-31',
        escalated: false,
        title: 'Se över posten på bevakningslistan innan den upphör att gälla',
      }),
    ]);

    ctx.clock.set('2027-03-31T20:00:00.000Z'); // the last day the entry holds
    expect(await sweep()).toMatchObject({ expired: 0, escalated: 0 });
    expect((await entryStates(ctx.handle.db))[0]).toMatchObject({ status: 'active' });

    ctx.clock.set('2027-04-01T06:00:00.000Z'); // not re-validated: it lapses, and the reminder escalates
    expect(await sweep()).toMatchObject({ expired: 1, escalated: 1 });
    expect(await sweep()).toMatchObject({ expired: 0, escalated: 0 });
    const [expired] = await entryStates(ctx.handle.db);
    expect(expired).toMatchObject({ status: 'expired' });
    // A new watchlist version, so every instance's index drops the entry.
    expect(expired!.version).toBeGreaterThan(1);
    await ctx.deps.watchlist.refresh();
    expect(ctx.deps.watchlist.search({ name: `Post ${entryId}` }, '2027-03-01')).toEqual([]);
    expect((await reviewReminders())[0]!.escalated).toBe(true);
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${entryId}`);
    expect(events.body.items.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['watchlist.entry_expired', 'system'],
    ]);
    // The booking desk and case officers never see the watchlist's reminders.
    expect(
      (await as(ctx, 'case_officer').get('/api/reminders?kind=review_watchlist_entry')).body.items,
    ).toEqual([]);
  });
});

describe('startScheduler', () => {
  it('runs the sweep periodically and stops cleanly', async () => {
    const association = await registerAssociation(ctx);
    ctx.clock.set('2027-06-01T09:00:00.000Z');
    const { byKind } = await withdrawSupport(ctx.handle.db, ctx.clock, association.id, {
      decidedOn: '2027-05-01',
    });
    const escalated = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from reminders where escalated_at is not null and id = ${byKind.cancel_bookings!.id}`.execute(
            ctx.handle.db,
          )
        ).rows[0]!.n,
      );
    const scheduler = startScheduler(
      { db: ctx.handle.db, clock: ctx.clock, policy: defaultReminderPolicy },
      1,
    );
    try {
      const deadline = Date.now() + 10_000;
      while ((await escalated()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await escalated()).toBe(1);
    } finally {
      await scheduler.stop();
    }
    // Stopped: a reminder that falls due now stays as it is.
    ctx.clock.set('2027-07-01T09:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const recover = await ctx.handle.db
      .selectFrom('reminders')
      .select('escalated_at')
      .where('id', '=', byKind.recover_grant!.id)
      .executeTakeFirstOrThrow();
    expect(recover.escalated_at).toBeNull();
  });
});
