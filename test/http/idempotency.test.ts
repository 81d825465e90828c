import request from 'supertest';
import { runSweep } from '../../src/reminders/reminders.scheduler';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { grantApplication, registerAssociation } from '../support/fixtures';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';

// Idempotency-Key on every POST that creates something: a client that did not hear the answer sends
// the request again with the same key and gets the first answer; nothing is created twice. The same
// key with another body is 409. Per user, kept 24 hours.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

let n = 0;
const newKey = () => `key-${Date.now()}-${++n}`;

const count = async (table: 'premises_checks' | 'decisions' | 'watchlist_entries' | 'applications') =>
  Number(
    (
      await ctx.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const auditCount = async () =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const check = (
  key: string | undefined,
  body: Record<string, unknown>,
  who: 'booking_staff' | 'coordinator' = 'booking_staff',
) => {
  const r = as(ctx, who).post('/api/premises-checks');
  return (key ? r.set('Idempotency-Key', key) : r).send(body);
};
const checkBody = { name: 'Idrottsföreningen Kvarnen', venue: 'Sal 3', date: '2027-01-20' };

describe('a premises check retried with its key', () => {
  it('returns the first answer and creates nothing the second time', async () => {
    const key = newKey();
    const first = await check(key, checkBody);
    expect(first.status).toBe(201);
    const [checks, events] = [await count('premises_checks'), await auditCount()];
    const again = await check(key, checkBody);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count('premises_checks')).toBe(checks);
    expect(await auditCount()).toBe(events);
    // Without a key every request is its own.
    expect((await check(undefined, checkBody)).body.checkId).not.toBe(first.body.checkId);
  });

  it('answers 409 for the same key with another body, and creates nothing', async () => {
    const key = newKey();
    expect((await check(key, checkBody)).status).toBe(201);
    const checks = await count('premises_checks');
    const other = await check(key, { ...checkBody, venue: 'Sal 4' });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ error: { code: 'conflict', message: expect.any(String) } });
    expect(await count('premises_checks')).toBe(checks);
  });

  it('keeps keys per user: another user with the same key is another request', async () => {
    const key = newKey();
    const mine = await check(key, checkBody, 'booking_staff');
    const theirs = await check(key, checkBody, 'coordinator');
    expect(theirs.status).toBe(201);
    expect(theirs.body.checkId).not.toBe(mine.body.checkId);
  });

  it('runs concurrent duplicates exactly once, all answered alike', async () => {
    const key = newKey();
    const before = await count('premises_checks');
    const answers = await Promise.all(Array.from({ length: 8 }, () => check(key, checkBody)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.checkId)).size).toBe(1);
    expect(await count('premises_checks')).toBe(before + 1);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    for (const bad of ['x'.repeat(256), 'nyckel med mellanslag']) {
      const res = await check(bad, checkBody);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { path: 'headers.Idempotency-Key', code: 'idempotency_key_invalid', message: expect.any(String) },
      ]);
    }
  });

  it('forgets a key after 24 hours; the sweep deletes it', async () => {
    const key = newKey();
    const first = await check(key, checkBody);
    ctx.clock.advanceMs(25 * 3600_000);
    const later = await check(key, { ...checkBody, venue: 'Sal 9' });
    expect(later.status).toBe(201);
    expect(later.body.checkId).not.toBe(first.body.checkId);
    ctx.clock.advanceMs(25 * 3600_000);
    const report = await runSweep({ db: ctx.handle.db, clock: ctx.clock, policy: defaultReminderPolicy });
    expect(report.idempotencyKeysPurged).toBeGreaterThan(0);
    const left = await ctx.handle.db.selectFrom('idempotency_keys').select('key').execute();
    expect(left).toEqual([]);
  });
});

describe('a decision and an import retried with their keys', () => {
  it('records one decision', async () => {
    const a = await registerAssociation(ctx);
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    const key = newKey();
    const decide = () =>
      as(ctx, 'case_officer')
        .post(`/api/applications/${app.body.id}/decisions`)
        .set('Idempotency-Key', key)
        .send({ screeningId: s.body.id, outcome: 'approved' });
    const before = await count('decisions');
    const first = await decide();
    expect(first.status).toBe(201);
    const second = await decide();
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await count('decisions')).toBe(before + 1);
  });

  it('imports a CSV once', async () => {
    const csv =
      `${WATCHLIST_CSV_HEADER}\n` +
      'organisation,Kvarnbygdens Vänner,,,violence_coercion_threats,Dom i tingsrätt,Tingsrätten,2027-06-01\n' +
      'person,Per Persson,,,violence_coercion_threats,Dom i tingsrätt,Tingsrätten,2027-06-01\n';
    const key = newKey();
    const send = () =>
      as(ctx, 'coordinator')
        .post('/api/watchlist/import')
        .set('Idempotency-Key', key)
        .set('Content-Type', 'text/csv')
        .send(csv);
    const before = await count('watchlist_entries');
    const first = await send();
    expect(first.status).toBeLessThan(300);
    const second = await send();
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await count('watchlist_entries')).toBe(before + 2);
  });

  it('gives the key back when the first request fails, so the corrected retry runs', async () => {
    const key = newKey();
    const apply = (associationId: string) =>
      as(ctx, 'case_officer')
        .post('/api/applications')
        .set('Idempotency-Key', key)
        .send(grantApplication(associationId));
    // The service refuses it after the key was claimed: no association with this id.
    const refused = await apply('00000000-0000-4000-8000-000000000000');
    expect(refused.status).toBe(400);
    const a = await registerAssociation(ctx);
    const before = await count('applications');
    const ok = await apply(a.id);
    expect(ok.status).toBe(201);
    expect(await count('applications')).toBe(before + 1);
  });
});

interface PostOp {
  parameters?: { in: string; name: string }[];
  responses: Record<string, unknown>;
}

it('documents the header on every POST that creates something', async () => {
  const doc = (await request(ctx.app).get('/api/openapi.json')).body;
  const creating: string[] = [];
  const documented: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, PostOp>>)) {
    const post = ops.post;
    if (!post) continue;
    const headers = (post.parameters ?? []).filter((p) => p.in === 'header');
    if (post.responses['201'] || post.responses['202']) creating.push(path);
    if (headers.some((h) => h.name === 'Idempotency-Key')) documented.push(path);
  }
  expect(creating).toEqual(expect.arrayContaining(['/api/premises-checks', '/api/watchlist/import']));
  // Creating a user answers with its token, shown once: an answer that must never be stored.
  const answerHoldsASecret = ['/api/users'];
  expect(documented.sort()).toEqual(creating.filter((p) => !answerHoldsASecret.includes(p)).sort());
});

it("never stores a new user's token to replay it: the key is not taken there", async () => {
  const key = newKey();
  const create = (name: string) =>
    as(ctx, 'admin').post('/api/users').set('Idempotency-Key', key).send({ name, role: 'case_officer' });
  const first = await create('Första Nyckel');
  expect(first.status).toBe(201);
  const stored = await ctx.handle.db.selectFrom('idempotency_keys').selectAll().execute();
  expect(JSON.stringify(stored)).not.toContain(first.body.token);
  // Without a stored answer, a second request is a second user (the admin sees both in the list).
  const second = await create('Andra Nyckel');
  expect(second.status).toBe(201);
  expect(second.body.id).not.toBe(first.body.id);
});
