import { sql, type Kysely } from 'kysely';
import pino from 'pino';
import { addDays, isoDate } from '../../src/clock';
import { registerAssociation } from '../../src/associations/associations.service';
import { verifyChain } from '../../src/audit/audit.service';
import type { DatabaseHandle } from '../../src/db/connection';
import type { Database } from '../../src/db/database';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep, type SweepDeps, type SweepReport } from '../../src/reminders/reminders.scheduler';
import { addEntryDirect, entryStates } from '../support/watchlist-entries';
import { watchlistReviewPort } from '../../src/watchlist/watchlist.review-port';
import { withdrawSupport } from '../support/follow-ups';
import { orgNumber } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { openSecondHandle, openTestDatabase, type TestDatabaseHandle } from '../support/test-db';
import { startWebhookReceiver } from '../support/webhook-receiver';

// Two service instances sweeping one database at the same moment. On PostgreSQL each has its own
// connection pool, so their transactions really overlap; embedded, they interleave on the one handle.

let first: TestDatabaseHandle;
let second: DatabaseHandle;
const clock = new TestClock('2026-11-26T09:00:00.000Z');
const DECISIONS = 8;
const ENTRIES = 12;

beforeAll(async () => {
  first = await openTestDatabase();
  second = await openSecondHandle(first);
});
afterAll(async () => {
  await second.close();
  await first.close();
});

async function perKey(db: Kysely<Database>, query: ReturnType<typeof sql<{ k: string; n: number }>>) {
  const rows = (await query.execute(db)).rows;
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

it('handles every due item exactly once when two schedulers sweep at once', async () => {
  const db = first.db;
  const reminderIds: string[] = [];
  for (let i = 0; i < DECISIONS; i++) {
    const a = await registerAssociation(db, clock, 'test', {
      orgNumber: orgNumber(100 + i),
      name: `Förening ${i}`,
      aliases: [],
      representatives: [],
    });
    const { reminders } = await withdrawSupport(db, clock, a.id, { decidedOn: isoDate(clock.now()) });
    reminderIds.push(...reminders.map((r) => r.id));
  }
  // A year and a month later every follow-up is overdue; half the watchlist entries are past their
  // reviewBy and half come up for review within the fortnight.
  clock.set('2027-12-31T09:00:00.000Z');
  const day = isoDate(clock.now());
  const pastReview: string[] = [];
  const comingUp: string[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    pastReview.push(await addEntryDirect(db, addDays(day, -1 - i)));
    comingUp.push(await addEntryDirect(db, addDays(day, i % 14)));
  }

  const receiver = await startWebhookReceiver({ failFirst: 1, delayMs: 5 });
  const deps = (handle: DatabaseHandle): SweepDeps => ({
    db: handle.db,
    clock,
    policy: defaultReminderPolicy,
    logger: pino({ level: 'silent' }),
    watchlist: watchlistReviewPort(clock),
    delivery: { webhookUrl: receiver.url, maxAttempts: 5, retryBaseSeconds: 1, batchSize: 7 },
    batchSize: 3,
  });
  const reports: SweepReport[] = [];
  try {
    // Several rounds, both instances at once each time; between rounds the back-off passes.
    for (let round = 0; round < 4; round++) {
      reports.push(...(await Promise.all([runSweep(deps(first)), runSweep(deps(second))])));
      clock.advanceMs(5_000);
    }
  } finally {
    await receiver.close();
  }
  const total = (key: keyof SweepReport) => reports.reduce((sum, r) => sum + r[key], 0);

  // Escalation: each of the 40 reminders once: one audit event, one notification, together.
  expect(total('escalated')).toBe(reminderIds.length);
  const escalatedAudit = await perKey(
    db,
    sql`select entity_id as k, count(*) as n from audit_events where action = 'reminder.escalated' group by 1`,
  );
  const escalatedNotices = await perKey(
    db,
    sql`select payload->>'reminderId' as k, count(*) as n from outbox where topic = 'reminder.escalated' group by 1`,
  );
  for (const id of reminderIds) {
    expect([id, escalatedAudit.get(id), escalatedNotices.get(id)]).toEqual([id, 1, 1]);
  }

  // Watchlist: one review reminder per entry coming up, one expiry per entry past its reviewBy.
  expect(total('reviewReminders')).toBe(ENTRIES);
  expect(total('expired')).toBe(ENTRIES);
  const reviewReminders = await perKey(
    db,
    sql`select watchlist_entry_id::text as k, count(*) as n from reminders where kind = 'review_watchlist_entry' group by 1`,
  );
  expect([...reviewReminders.keys()].sort()).toEqual([...comingUp].sort());
  expect([...reviewReminders.values()].every((n) => n === 1)).toBe(true);
  const expiredAudit = await perKey(
    db,
    sql`select entity_id as k, count(*) as n from audit_events where action = 'watchlist.entry_expired' group by 1`,
  );
  expect([...expiredAudit.keys()].sort()).toEqual([...pastReview].sort());
  expect([...expiredAudit.values()].every((n) => n === 1)).toBe(true);
  const entries = await entryStates(db);
  for (const e of entries) {
    expect(e.status).toBe(pastReview.includes(e.id) ? 'expired' : 'active');
  }

  // Delivery: every notification in the outbox reached the receiver exactly once, despite a failure each.
  const outbox = await db.selectFrom('outbox').select(['id', 'status']).execute();
  expect(outbox.every((n) => n.status === 'delivered')).toBe(true);
  expect(receiver.accepted.map((r) => r.body.id).sort()).toEqual(outbox.map((n) => n.id).sort());
  expect([...receiver.attempts.values()].every((n) => n === 2)).toBe(true);
  expect(total('delivered')).toBe(outbox.length);

  expect((await verifyChain(db)).valid).toBe(true);
});
