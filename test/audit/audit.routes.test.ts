import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { registerAssociation } from '../../src/associations/associations.service';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

const run = promisify(execFile);
let ctx: TestContext;
/** Events written while the test context was set up (users, published rule sets). */
let base: number;
beforeAll(async () => {
  ctx = await createTestContext();
  base = (await as(ctx, 'investigator').get('/api/audit/verify')).body.events;
  for (let n = 1; n <= 3; n++) {
    await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(n), name: `Förening ${n}` });
  }
});
afterAll(() => ctx.close());

describe('audit log', () => {
  it('verifies an intact chain from its latest checkpoint and says so', async () => {
    const res = await as(ctx, 'investigator').get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true,
      events: base + 3,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      rootHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      erased: 0,
      // The check before the three registrations left a checkpoint; only what came after was recomputed.
      checkpoint: { seq: base, verifiedAt: ctx.clock.now().toISOString(), method: 'full' },
      checkedEvents: 3,
    });
    const again = await as(ctx, 'investigator').get('/api/audit/verify');
    expect(again.body).toMatchObject({
      valid: true,
      events: base + 3,
      checkpoint: { seq: base + 3 },
      checkedEvents: 0,
    });
  });

  it('filters events by entity type, actor and period', async () => {
    const byType = await as(ctx, 'investigator').get('/api/audit/events?entityType=association');
    expect(byType.body.items).toHaveLength(3);
    expect(byType.body.items.map((e: { seq: number }) => e.seq)).toEqual([base + 3, base + 2, base + 1]);
    const byActor = await as(ctx, 'investigator').get(`/api/audit/events?actor=${ctx.userIds.case_officer}`);
    expect(byActor.body.items).toHaveLength(3);
    const future = await as(ctx, 'investigator').get('/api/audit/events?from=2030-01-01');
    expect(future.body.items).toHaveLength(0);
    const today = await as(ctx, 'investigator').get(
      '/api/audit/events?from=2026-11-26&to=2026-11-26&limit=5',
    );
    expect(today.body.items).toHaveLength(5);
    const next = await as(ctx, 'investigator').get(
      `/api/audit/events?from=2026-11-26&to=2026-11-26&limit=5&cursor=${today.body.nextCursor}`,
    );
    expect(next.body.items[0].seq).toBe(today.body.items[4].seq - 1);
  });

  it('is append-only in the database itself: update, delete and truncate fail', async () => {
    const db = ctx.handle.db;
    await expect(
      db.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', 1).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      db
        .deleteFrom('audit_events')
        .where('seq', '=', base + 3)
        .execute(),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect((await as(ctx, 'investigator').get('/api/audit/verify')).body.valid).toBe(true);
  });

  it('rolls the event back with the change it records', async () => {
    const before = (await as(ctx, 'investigator').get('/api/audit/verify')).body.events;
    const dup = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(1), name: 'Dubblett' });
    expect(dup.status).toBe(409);
    expect((await as(ctx, 'investigator').get('/api/audit/verify')).body.events).toBe(before);
  });

  it('keeps one unforked chain under concurrent writers', async () => {
    const writes = Array.from({ length: 30 }, (_, i) =>
      registerAssociation(ctx.handle.db, ctx.clock, 'concurrency-test', {
        orgNumber: orgNumber(100 + i),
        name: `Samtidig ${i}`,
        aliases: [],
        representatives: [],
      }),
    );
    await Promise.all(writes);
    const res = await as(ctx, 'investigator').get('/api/audit/verify');
    expect(res.body.valid).toBe(true);
    const events = await as(ctx, 'investigator').get('/api/audit/events?actor=concurrency-test&limit=500');
    expect(events.body.items).toHaveLength(30);
  });

  it('exports NDJSON that the offline verifier accepts, and rejects once tampered with', async () => {
    const res = await as(ctx, 'investigator')
      .get('/api/audit/export')
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.on('data', (c: Buffer) => (data += c.toString('utf8')));
        r.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const text = res.body as string;
    const lines = text.trim().split('\n');
    const head = (await as(ctx, 'investigator').get('/api/audit/verify')).body;
    expect(lines).toHaveLength(head.events);

    const dir = mkdtempSync(join(tmpdir(), 'fk-audit-'));
    const good = join(dir, 'good.ndjson');
    writeFileSync(good, text);
    const cli = ['tsx', 'src/audit/verify-export.cli.ts'];
    const ok = await run('npx', [...cli, good]);
    expect(ok.stdout).toContain(`VALID: ${head.events} events, head ${head.head}`);

    const tampered = join(dir, 'tampered.ndjson');
    writeFileSync(tampered, text.replace('"Förening 2"', '"Förening 2b"'));
    await expect(run('npx', [...cli, tampered])).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`INVALID: chain broken at event ${base + 2}`),
    });
  });
});
