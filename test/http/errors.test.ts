import request from 'supertest';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('errors in the contract shape', () => {
  it('401 without a token, and with an unknown or malformed one', async () => {
    const none = await request(ctx.app).get('/api/audit/verify');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    const unknown = await request(ctx.app).get('/api/audit/verify').set('Authorization', 'Bearer fk_nope');
    expect(unknown.status).toBe(401);
    const basic = await request(ctx.app).get('/api/audit/verify').set('Authorization', 'Basic abc');
    expect(basic.status).toBe(401);
  });

  it('403 for the wrong role', async () => {
    const res = await as(ctx, 'booking_staff').get('/api/audit/verify');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('400 for malformed JSON', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('413 for a body over the limit', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(1), name: 'x'.repeat(300_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('404 for an unknown endpoint', async () => {
    const res = await as(ctx, 'case_officer').get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('carries a request id, and echoes a sane one given by the client', async () => {
    const res = await request(ctx.app).get('/health').set('X-Request-Id', 'desk-42');
    expect(res.headers['x-request-id']).toBe('desk-42');
    const generated = await request(ctx.app).get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await request(ctx.app).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('rate limit and internal errors', () => {
  it('429 once a token passes its limit per minute', async () => {
    const limited = await createTestContext({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await as(limited, 'investigator').get('/api/audit/verify')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await as(limited, 'investigator').get('/api/audit/verify');
      expect(res.body.error.code).toBe('rate_limited');
      // Another token has its own budget.
      expect((await as(limited, 'coordinator').get('/api/associations')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('503 unavailable, telling nothing internal, when the database is gone', async () => {
    const broken = await createTestContext();
    const token = broken.tokens.case_officer;
    await broken.close();
    const res = await request(broken.app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: broken.deps.dbKind });
    const withToken = await request(broken.app)
      .get('/api/associations')
      .set('Authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(503);
    expect(withToken.body).toEqual({ error: { code: 'unavailable', message: expect.any(String) } });
    expect(JSON.stringify(withToken.body)).not.toMatch(/select|stack|at \w+ \(|pglite|pg_/i);
  });
});
