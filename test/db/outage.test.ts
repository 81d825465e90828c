import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/connection';
import { prepareDeps } from '../../src/startup';
import { createUser } from '../../src/users/users.service';
import { insertNotifications } from '../../src/notifications/notifications.repository';
import { PgServer, serverBinariesPresent } from '../../scripts/lib/pg-server';
import { startService, type ServiceProcess } from '../../scripts/lib/service-process';
import { startWebhookReceiver } from '../support/webhook-receiver';
import { TestClock } from '../support/test-clock';
import { orgNumber } from '../support/test-app';

// The database can go away and come back. While it is away every request answers 503 in the error
// shape and /health says so; the process never dies of it (it used to: an unheard 'error' event on
// the pg pool); when the database returns, the service, its scheduler and its outbox resume by
// themselves within seconds.

const ADMIN_TOKEN = 'outage-test-admin-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The embedded part runs in the embedded run of the suite; the server part starts its own server
// (it must kill and restart it) whenever PostgreSQL's binaries are installed.
const embedded = process.env.DATABASE_URL ? describe.skip : describe;

embedded('the embedded database failing under the service', () => {
  it('answers 503 in the error shape, /health 503, and the process lives on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-outage-'));
    // On disk (not in memory), started from the migrated template for speed.
    const handle = await openDatabase({
      dataDir: path.join(dir, 'data'),
      loadDataDir: new Blob([readFileSync(process.env.FK_PGLITE_TEMPLATE!)]),
    });
    const clock = new TestClock();
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
    const deps = await prepareDeps(handle, config, clock, pino({ level: 'silent' }));
    const app = createApp(deps);
    const officer = await createUser(handle.db, clock, 'test', { name: 'Handläggare', role: 'case_officer' });
    const booker = await createUser(handle.db, clock, 'test', { name: 'Bokare', role: 'booking_staff' });
    const register = (n: number) =>
      request(app)
        .post('/api/associations')
        .set('Authorization', `Bearer ${officer.token}`)
        .send({ orgNumber: orgNumber(n), name: `Förening ${n}` });
    expect((await register(1)).status).toBe(201);

    // The disk under the data directory is gone (an unmounted volume, a deleted directory). A write
    // that needs a file PostgreSQL has not opened yet (the premises checks' table) fails.
    rmSync(dir, { recursive: true, force: true });
    const write = await request(app)
      .post('/api/premises-checks')
      .set('Authorization', `Bearer ${booker.token}`)
      .send({ name: 'Förening 1', venue: 'Sal 1', date: '2027-01-15' });
    expect(write.status).toBe(503);
    expect(write.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    expect(write.headers['retry-after']).toMatch(/^\d+$/);
    await handle.close().catch(() => undefined);
    const health = await request(app).get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'unavailable', database: 'embedded' });

    // Closed altogether: the same clear answer, never a 500.
    const closed = await register(3);
    expect(closed.status).toBe(503);
    expect(closed.body.error.code).toBe('unavailable');
  }, 90_000);
});

const server = serverBinariesPresent() ? describe : describe.skip;

server('a PostgreSQL server killed (SIGKILL) and restarted under load', () => {
  let pg: PgServer;
  let service: ServiceProcess;
  let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    pg = await PgServer.create({ fsync: false });
    webhook = await startWebhookReceiver();
    service = await startService({
      DATABASE_URL: pg.url,
      ADMIN_TOKEN,
      LOG_LEVEL: 'debug',
      SCHEDULER_INTERVAL_SECONDS: '1',
      NOTIFY_WEBHOOK_URL: webhook.url,
      NOTIFY_RETRY_BASE_SECONDS: '1',
      RATE_LIMIT_PER_MINUTE: '0',
    });
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await webhook?.close();
    pg?.stop();
  });

  async function call(method: string, p: string, token?: string, body?: unknown) {
    try {
      const res = await fetch(`${service.baseUrl}${p}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
    } catch (err) {
      return { status: 0, body: { networkError: String(err) } };
    }
  }

  it('answers 503 while the server is away, never dies, and resumes by itself with scheduler and outbox', async () => {
    const created = await call('POST', '/api/users', ADMIN_TOKEN, { name: 'Bokare', role: 'booking_staff' });
    expect(created.status).toBe(201);
    const booker = created.body.token as string;
    const check = (i: number) =>
      call('POST', '/api/premises-checks', booker, {
        name: `Förening ${i}`,
        venue: 'Sal 1',
        date: '2027-01-15',
      });

    // Load: four clients making premises checks and health probes without pause.
    const seen: { status: number; body: Record<string, unknown>; at: number }[] = [];
    let stop = false;
    const t0 = Date.now();
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const r = w % 2 === 0 ? await check(w * 100_000 + i) : await call('GET', '/health');
        seen.push({ ...r, at: Date.now() - t0 });
        if (r.status !== 200 && r.status !== 201) await sleep(50);
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await sleep(1_500);

    await pg.killHard();
    const killedAt = Date.now() - t0;
    // While it is away: health says so, and a write gets the contract's 503.
    await sleep(2_000);
    const healthDown = await call('GET', '/health');
    expect(healthDown).toEqual({ status: 503, body: { status: 'unavailable', database: 'postgres' } });
    const writeDown = await check(1);
    expect(writeDown.status).toBe(503);
    expect(writeDown.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });

    await pg.restart();
    const restartedAt = Date.now() - t0;
    let recoveredAt: number | undefined;
    while (recoveredAt === undefined && Date.now() - t0 - restartedAt < 20_000) {
      if ((await check(2)).status === 201) recoveredAt = Date.now() - t0;
      else await sleep(100);
    }
    await sleep(1_000);
    stop = true;
    await Promise.all(workers);

    const statuses = new Map<number, number>();
    for (const s of seen) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    // Progress, for whoever reads the test log.
    process.stdout.write(
      `\noutage: killed at ${killedAt} ms, restarted at ${restartedAt} ms, first premises check after it at ${recoveredAt} ms; answers ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(service.alive()).toBe(true);
    expect(recoveredAt).toBeDefined();
    expect(recoveredAt! - restartedAt).toBeLessThan(10_000);
    // Every answer was a success or the contract's 503; no 500, no connection refused by the service.
    const wrong = seen.filter((s) => ![200, 201, 503].includes(s.status));
    expect(wrong.slice(0, 5)).toEqual([]);
    for (const s of seen.filter((x) => x.status === 503 && 'error' in x.body)) {
      expect((s.body.error as { code: string }).code).toBe('unavailable');
    }
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect((await call('GET', '/health')).status).toBe(200);

    // The scheduler survived the outage (it logs each pass at debug) and the outbox delivers again.
    const passesBefore = service.lines.filter((l) => l.includes('"msg":"sweep done"')).length;
    const id = randomUUID();
    const { Kysely, PostgresDialect } = await import('kysely');
    const pgModule = (await import('pg')).default;
    const pool = new pgModule.Pool({ connectionString: pg.url, max: 1 });
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) });
    await insertNotifications(db as never, [
      {
        id,
        topic: 'test.after_outage',
        recipientRole: 'coordinator',
        subject: 'Efter avbrottet',
        payload: {},
        now: new Date(),
      },
    ]);
    await db.destroy();
    for (let i = 0; i < 100 && !webhook.accepted.some((a) => a.body.id === id); i++) await sleep(100);
    expect(webhook.accepted.map((a) => a.body.id)).toContain(id);
    // The pass that delivered it logs "sweep done" once it ends, a moment after the webhook answered.
    const passes = () => service.lines.filter((l) => l.includes('"msg":"sweep done"')).length;
    for (let i = 0; i < 100 && passes() <= passesBefore; i++) await sleep(100);
    expect(passes()).toBeGreaterThan(passesBefore);
    expect(service.lines.some((l) => l.includes('sweep failed'))).toBe(true);
    expect(service.alive()).toBe(true);
  }, 120_000);
});
