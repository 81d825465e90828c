import request from 'supertest';
import { appendAuditMany } from '../../src/audit/audit.service';
import { as, createTestContext, type TestContext } from '../support/test-app';

// Full recomputations as background jobs: 202 and an id, progress while it runs, the result when
// done — while the service keeps answering other requests — and a job left behind by an instance that
// died is taken over when its lease runs out.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  // A log long enough that a full recomputation takes many batches.
  for (let batch = 0; batch < 12; batch++) {
    await ctx.handle.db.transaction().execute((trx) =>
      appendAuditMany(
        trx,
        ctx.clock,
        Array.from({ length: 1000 }, (_, i) => ({
          actor: 'seed',
          action: 'premises.checked',
          entityType: 'premises_check',
          entityId: `PK-${batch}-${i}`,
          details: { result: 'clear', name: `Förening ${batch * 1000 + i}`, venue: 'Sal 1' },
        })),
      ),
    );
  }
});
afterAll(async () => {
  await ctx.deps.audit.verifications.idle();
  await ctx.close();
});

const job = async (id: string) => (await as(ctx, 'investigator').get(`/api/audit/verifications/${id}`)).body;

it('runs in the background with progress while the service keeps answering, then reports the result', async () => {
  const started = await as(ctx, 'investigator').post('/api/audit/verifications');
  expect(started.status).toBe(202);
  expect(started.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  const id = started.body.id as string;

  const seen: { status: string; checked: number }[] = [];
  let healthWhileRunning = 0;
  for (let i = 0; i < 2000; i++) {
    const health = await request(ctx.app).get('/health');
    expect(health.status).toBe(200);
    const j = await job(id);
    seen.push({ status: j.status, checked: j.progress.checked });
    if (j.status === 'running') healthWhileRunning += 1;
    if (j.status === 'done' || j.status === 'failed') break;
  }
  const done = await job(id);
  expect(done).toMatchObject({
    id,
    status: 'done',
    requestedBy: ctx.userIds.investigator,
    finishedAt: expect.any(String),
    result: { valid: true, events: done.progress.total, erased: 0, checkpoint: null },
  });
  expect(done.progress).toEqual({ checked: done.progress.total, total: done.progress.total, percent: 100 });
  expect(done.progress.total).toBeGreaterThan(12_000);
  // The health check was answered between the job's batches, and progress was reported along the way.
  expect(healthWhileRunning).toBeGreaterThan(0);
  const partial = seen.filter(
    (s) => s.status === 'running' && s.checked > 0 && s.checked < done.progress.total,
  );
  expect(partial.length).toBeGreaterThan(0);
  const counts = seen.map((s) => s.checked);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));

  // The request and the result are both in the log.
  const events = (await as(ctx, 'investigator').get(`/api/audit/events?entityId=${id}`)).body.items;
  expect(events.map((e: { action: string }) => e.action)).toEqual([
    'audit.verified',
    'audit.verification_requested',
  ]);
  // A full verification leaves a checkpoint the check on request starts from.
  expect((await as(ctx, 'investigator').get('/api/audit/verify')).body).toMatchObject({
    valid: true,
    checkpoint: { seq: done.progress.total, method: 'full' },
  });
  const list = await as(ctx, 'investigator').get('/api/audit/verifications');
  expect(list.body.items[0]).toMatchObject({ id, status: 'done' });
}, 120_000);

it('takes over a job whose instance died once its lease has run out', async () => {
  const id = '11111111-2222-4333-8444-555555555555';
  const past = new Date(ctx.clock.now().getTime() - 5 * 60_000);
  await ctx.handle.db
    .insertInto('audit_verifications')
    .values({
      id,
      requested_by: ctx.userIds.investigator,
      requested_at: past,
      status: 'running',
      checked: 3000,
      up_to: 12_000,
      started_at: past,
      lease_until: new Date(past.getTime() + 60_000),
    })
    .execute();
  ctx.deps.audit.verifications.kick();
  await ctx.deps.audit.verifications.idle();
  expect(await job(id)).toMatchObject({ status: 'done', result: { valid: true } });
});

it('answers 404 for a job it does not know and 400 for an id that is not one', async () => {
  expect(
    (await as(ctx, 'investigator').get('/api/audit/verifications/00000000-0000-4000-8000-000000000000'))
      .status,
  ).toBe(404);
  expect((await as(ctx, 'investigator').get('/api/audit/verifications/nej')).status).toBe(400);
  expect((await as(ctx, 'case_officer').post('/api/audit/verifications')).status).toBe(403);
});

it('pages through the verifications newest first by cursor, each one once, ties in time broken by id', async () => {
  // Finished jobs, several requested in the same instant, more than fit on one page.
  const base = ctx.clock.now().getTime() - 60 * 60_000;
  const rows = Array.from({ length: 7 }, (_, n) => ({
    id: `22222222-2222-4222-8222-00000000000${n}`,
    requested_by: ctx.userIds.investigator,
    requested_at: new Date(base + Math.floor(n / 3) * 1000),
    status: 'done' as const,
    checked: 0,
    up_to: 0,
    started_at: new Date(base),
    finished_at: new Date(base),
  }));
  await ctx.handle.db.insertInto('audit_verifications').values(rows).execute();

  const all = (await as(ctx, 'investigator').get('/api/audit/verifications?limit=500')).body;
  expect(all.nextCursor).toBeNull();
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const q: string = `/api/audit/verifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await as(ctx, 'investigator').get(q);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...res.body.items.map((v: { id: string }) => v.id));
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor !== null && pages < 20);

  expect(pages).toBeGreaterThan(3);
  expect(seen).toEqual(all.items.map((v: { id: string }) => v.id));
  expect(new Set(seen).size).toBe(seen.length);
  // Newest first; within one instant the higher id first.
  const mine = seen.filter((id) => id.startsWith('22222222-'));
  expect(mine).toEqual(rows.map((r) => r.id).reverse());

  expect((await as(ctx, 'investigator').get('/api/audit/verifications?cursor=nej')).status).toBe(400);
});
