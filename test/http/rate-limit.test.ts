import request from 'supertest';
import { newToken } from '../../src/users/tokens';
import { as, createTestContext, type TestContext } from '../support/test-app';

// The API's limit counts a user's requests per user, and everything that resolves to no user (no
// token, a malformed header, a made-up token) per client address: a fresh token is no fresh quota.
const LIMIT = 5;
let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterEach(() => ctx.close());

const withRandomToken = () =>
  request(ctx.app).get('/api/associations').set('Authorization', `Bearer ${newToken()}`);

describe('API rate limit', () => {
  it('counts made-up tokens against the address, so a new token each request gets 429, not 401 forever', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await withRandomToken()).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), ...Array(10 - LIMIT).fill(429)]);

    const limited = await withRandomToken();
    expect(limited.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    // No token and a malformed header share the same address's quota.
    expect((await request(ctx.app).get('/api/associations')).status).toBe(429);
    expect((await request(ctx.app).get('/api/openapi.json')).status).toBe(429);
    const basic = await request(ctx.app).get('/api/associations').set('Authorization', 'Basic abc');
    expect(basic.status).toBe(429);
  });

  it('counts each user apart from the address and from each other, and stops a user past their own limit', async () => {
    // The address has used up its quota with made-up tokens; users from it are not held back.
    for (let i = 0; i < LIMIT + 1; i++) await withRandomToken();
    expect((await withRandomToken()).status).toBe(429);

    const investigator: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++)
      investigator.push((await as(ctx, 'investigator').get('/api/audit/verify')).status);
    expect(investigator).toEqual([...Array(LIMIT).fill(200), 429, 429]);
    const over = await as(ctx, 'investigator').get('/api/audit/verify');
    expect(over.body.error.code).toBe('rate_limited');

    const coordinator: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++)
      coordinator.push((await as(ctx, 'coordinator').get('/api/associations')).status);
    expect(coordinator).toEqual([...Array(LIMIT).fill(200), 429]);
  });

  it('leaves the address its quota when only users have been asking', async () => {
    for (let i = 0; i < LIMIT; i++) await as(ctx, 'case_officer').get('/api/associations');
    for (let i = 0; i < LIMIT; i++) await as(ctx, 'booking_staff').get('/api/associations');
    // Ten requests from this address so far, none of them counted against it.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push((await withRandomToken()).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429]);
  });
});
