import request from 'supertest';
import { bootstrapAdmin } from '../../src/users/users.service';
import { hashToken } from '../../src/users/tokens';
import { as, createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('users and tokens', () => {
  it('an admin creates a user whose token works at once, with that role', async () => {
    const res = await as(ctx, 'admin').post('/api/users').send({ name: 'Karin Berg', role: 'investigator' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Karin Berg',
      role: 'investigator',
      token: expect.any(String),
    });
    const verify = await request(ctx.app)
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${res.body.token}`);
    expect(verify.status).toBe(200);
  });

  it('stores only the hash of a token', async () => {
    const res = await as(ctx, 'admin').post('/api/users').send({ name: 'Olle', role: 'booking_staff' });
    const rows = await ctx.handle.db.selectFrom('users').selectAll().where('id', '=', res.body.id).execute();
    expect(JSON.stringify(rows)).not.toContain(res.body.token);
    expect(rows[0]!.token_hash).toBe(hashToken(res.body.token));
  });

  it('refuses unknown roles and non-admins', async () => {
    expect((await as(ctx, 'admin').post('/api/users').send({ name: 'X', role: 'superuser' })).status).toBe(
      400,
    );
    expect((await as(ctx, 'coordinator').post('/api/users').send({ name: 'X', role: 'admin' })).status).toBe(
      403,
    );
  });

  it('audits user creation without the token', async () => {
    const res = await as(ctx, 'admin').post('/api/users').send({ name: 'Eva', role: 'coordinator' });
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${res.body.id}`);
    expect(events.body.items[0]).toMatchObject({
      action: 'user.created',
      actor: ctx.userIds.admin,
      details: { name: 'Eva', role: 'coordinator' },
    });
    expect(JSON.stringify(events.body)).not.toContain(res.body.token);
  });

  it('bootstraps ADMIN_TOKEN once, idempotently across restarts', async () => {
    const token = 'a'.repeat(40);
    await bootstrapAdmin(ctx.handle.db, ctx.clock, token);
    await bootstrapAdmin(ctx.handle.db, ctx.clock, token);
    const admins = await ctx.handle.db
      .selectFrom('users')
      .select('id')
      .where('token_hash', '=', hashToken(token))
      .execute();
    expect(admins).toHaveLength(1);
    const res = await request(ctx.app)
      .post('/api/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Y', role: 'case_officer' });
    expect(res.status).toBe(201);
  });

  it('generates an admin token only while no admin exists', async () => {
    // The test context already has an admin, so nothing is generated.
    expect(await bootstrapAdmin(ctx.handle.db, ctx.clock, undefined)).toEqual({});
  });
});
