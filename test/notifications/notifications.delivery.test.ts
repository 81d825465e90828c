import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { claimDue, markDelivered } from '../../src/notifications/notifications.repository';
import { deliverPending, type DeliveryOptions } from '../../src/notifications/notifications.delivery';
import { enqueueNotification } from '../../src/notifications/notifications.service';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep } from '../../src/reminders/reminders.scheduler';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { startWebhookReceiver } from '../support/webhook-receiver';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const db = () => ctx.handle.db;

async function enqueue(subject: string): Promise<string> {
  const { id } = await db()
    .transaction()
    .execute((trx) =>
      enqueueNotification(trx, ctx.clock, {
        topic: 'test.notice',
        recipientRole: 'coordinator',
        subject,
        payload: { subject },
      }),
    );
  return id;
}

async function statusOf(ids: string[]) {
  return db()
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'last_error'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

// Each test leaves the outbox empty of pending rows, so the next one starts clean.
async function settle() {
  await sql`update outbox set status = 'delivered' where status = 'pending'`.execute(db());
}

describe('outbox delivery to the webhook', () => {
  it('retries with back-off through two failures, and the receiver gets each notification once', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 2 });
    const opts: DeliveryOptions = { webhookUrl: receiver.url, maxAttempts: 5, retryBaseSeconds: 30 };
    const deliver = () => deliverPending(db(), ctx.clock, opts);
    try {
      const ids = [await enqueue('Ett'), await enqueue('Två'), await enqueue('Tre')];

      expect(await deliver()).toEqual({ delivered: 0, retried: 3, failed: 0 });
      expect(receiver.totalRequests()).toBe(3);
      // Not again until the back-off has passed: 30 s after the first failure…
      expect(await deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      ctx.clock.advanceMs(29_000);
      expect(await deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      ctx.clock.advanceMs(1_000);
      expect(await deliver()).toEqual({ delivered: 0, retried: 3, failed: 0 });
      // …then 60 s after the second.
      ctx.clock.advanceMs(59_000);
      expect(await deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      ctx.clock.advanceMs(1_000);
      expect(await deliver()).toEqual({ delivered: 3, retried: 0, failed: 0 });
      ctx.clock.advanceDays(1);
      expect(await deliver()).toEqual({ delivered: 0, retried: 0, failed: 0 });

      expect(receiver.totalRequests()).toBe(9);
      expect(receiver.accepted.map((r) => r.body.id).sort()).toEqual([...ids].sort());
      for (const r of receiver.accepted) {
        expect(r.idempotencyKey).toBe(r.body.id);
        expect(r.body).toMatchObject({ topic: 'test.notice', recipientRole: 'coordinator' });
      }
      expect((await statusOf(ids)).map((r) => [r.status, r.attempts])).toEqual([
        ['delivered', 3],
        ['delivered', 3],
        ['delivered', 3],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const receiver = await startWebhookReceiver();
    try {
      await expect(
        db()
          .transaction()
          .execute(async (trx) => {
            await enqueueNotification(trx, ctx.clock, {
              topic: 'test.notice',
              recipientRole: 'coordinator',
              subject: 'Aldrig',
              payload: {},
            });
            throw new Error('rolled back');
          }),
      ).rejects.toThrow('rolled back');
      const kept = await enqueue('Bekräftad');
      await deliverPending(db(), ctx.clock, {
        webhookUrl: receiver.url,
        maxAttempts: 3,
        retryBaseSeconds: 1,
      });
      expect(receiver.accepted.map((r) => r.body.subject)).toEqual(['Bekräftad']);
      expect(receiver.accepted[0]!.body.id).toBe(kept);
      const never = await db().selectFrom('outbox').select('id').where('subject', '=', 'Aldrig').execute();
      expect(never).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('keeps notifications pending while no webhook is configured', async () => {
    const id = await enqueue('Väntar');
    await runSweep({ db: db(), clock: ctx.clock, policy: defaultReminderPolicy });
    expect((await statusOf([id]))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    await settle();
  });

  it('gives up after the last attempt: marked failed, kept, listed for admins, audited once', async () => {
    const receiver = await startWebhookReceiver({ failFirst: 1000 });
    const opts = { webhookUrl: receiver.url, maxAttempts: 3, retryBaseSeconds: 10 };
    try {
      const id = await enqueue('Går inte fram');
      for (let i = 0; i < 6; i++) {
        await deliverPending(db(), ctx.clock, opts);
        ctx.clock.advanceMs(3_600_000);
      }
      expect(receiver.attempts.get(id)).toBe(3);
      expect((await statusOf([id]))[0]).toMatchObject({
        status: 'failed',
        attempts: 3,
        last_error: 'HTTP 500',
      });
      const listed = await as(ctx, 'admin').get('/api/notifications?status=failed');
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({
          id,
          status: 'failed',
          attempts: 3,
          lastError: 'HTTP 500',
          nextAttemptAt: null,
        }),
      ]);
      expect((await as(ctx, 'case_officer').get('/api/notifications')).status).toBe(403);
      const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${id}`);
      expect(events.body.items.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
        ['notification.failed', 'system'],
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('records a receiver that cannot be reached as a failed attempt and retries', async () => {
    const gone = await startWebhookReceiver();
    await gone.close();
    const id = await enqueue('Ingen svarar');
    const report = await deliverPending(db(), ctx.clock, {
      webhookUrl: gone.url,
      maxAttempts: 3,
      retryBaseSeconds: 5,
    });
    expect(report).toEqual({ delivered: 0, retried: 1, failed: 0 });
    const [row] = await statusOf([id]);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/fetch failed/);
    await settle();
  });

  it('leases claimed rows: nobody else takes them until the lease runs out, then one instance does', async () => {
    const receiver = await startWebhookReceiver();
    const opts = { webhookUrl: receiver.url, maxAttempts: 5, retryBaseSeconds: 30, leaseSeconds: 60 };
    try {
      const id = await enqueue('Tagen av en instans som dog');
      // An instance claims the row and dies before it posts.
      const now = ctx.clock.now();
      const deadToken = randomUUID();
      const claimed = await claimDue(db(), {
        now,
        leaseUntil: new Date(now.getTime() + 60_000),
        leaseToken: deadToken,
        limit: 10,
      });
      expect(claimed.map((r) => r.id)).toEqual([id]);
      expect(await deliverPending(db(), ctx.clock, opts)).toEqual({ delivered: 0, retried: 0, failed: 0 });
      ctx.clock.advanceMs(60_000);
      expect(await deliverPending(db(), ctx.clock, opts)).toEqual({ delivered: 1, retried: 0, failed: 0 });
      expect((await statusOf([id]))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      // The dead instance's late report changes nothing: the claim is no longer its own.
      expect(await markDelivered(db(), id, deadToken, ctx.clock.now())).toBe(false);
      expect(receiver.accepted.map((r) => r.body.id)).toEqual([id]);
    } finally {
      await receiver.close();
    }
  });
});
