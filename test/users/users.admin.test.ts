import request from 'supertest';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { hiddenCsrf, signIn } from '../web/web-support';
import { updateUser } from '../../src/users/users.repository';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const newUser = async (role: string, name = `Person ${role}`) =>
  (await as(ctx, 'admin').post('/api/users').send({ name, role }).expect(201)).body as {
    id: string;
    token: string;
  };
const auditActions = async (entityId: string) =>
  (
    await ctx.handle.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'details'])
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute()
  ).map((e) => e.action);

describe('users administered over the API', () => {
  it('lists users with role, status and last sign-in, which a page sign-in sets', async () => {
    const before = await as(ctx, 'admin').get('/api/users').expect(200);
    const officer = before.body.items.find((u: { id: string }) => u.id === ctx.userIds.case_officer);
    expect(officer).toEqual({
      id: ctx.userIds.case_officer,
      name: 'Test case_officer',
      role: 'case_officer',
      status: 'active',
      signIn: 'token',
      lastSignInAt: null,
      createdAt: expect.any(String),
    });
    await signIn(ctx, 'case_officer');
    const after = await as(ctx, 'admin').get('/api/users').expect(200);
    const signedIn = after.body.items.find((u: { id: string }) => u.id === ctx.userIds.case_officer);
    expect(signedIn.lastSignInAt).toBe(ctx.clock.now().toISOString());
    expect(JSON.stringify(after.body)).not.toMatch(/token_hash|tokenHash|fk_/);
  });

  it('refuses a deactivated user on the very next request, API and pages alike, and audits it', async () => {
    const u = await newUser('coordinator');
    // Warm the resolved-token cache: the refusal must not wait for it to expire.
    await request(ctx.app).get('/api/referrals').set(bearer(u.token)).expect(200);
    const page = await signIn(ctx, 'coordinator_2');
    await page.agent.get('/hanvisningar').expect(200);

    const res = await as(ctx, 'admin').post(`/api/users/${u.id}/deactivate`).expect(200);
    expect(res.body).toMatchObject({ id: u.id, status: 'deactivated' });
    expect((await request(ctx.app).get('/api/referrals').set(bearer(u.token))).status).toBe(401);

    await as(ctx, 'admin').post(`/api/users/${ctx.userIds.coordinator_2}/deactivate`).expect(200);
    const after = await page.agent.get('/hanvisningar');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/logga-in/);
    expect(await auditActions(u.id)).toEqual(['user.created', 'user.deactivated']);

    // Reactivated, the same token works again.
    await as(ctx, 'admin').post(`/api/users/${u.id}/reactivate`).expect(200);
    expect((await request(ctx.app).get('/api/referrals').set(bearer(u.token))).status).toBe(200);
    expect(await auditActions(u.id)).toEqual(['user.created', 'user.deactivated', 'user.reactivated']);
  });

  // Several instances share one PostgreSQL server (README, "Deploying"): a deactivation made through
  // another instance reaches this one only through the database, never through this process's memory.
  // The embedded database is opened by one process only, so there the case cannot arise.
  const sharedServer = process.env.DATABASE_URL ? it : it.skip;
  sharedServer('refuses a token deactivated through another instance on the next request here', async () => {
    const u = await newUser('booking_staff');
    await request(ctx.app).get('/api/referrals').set(bearer(u.token)).expect(403);
    // What the other instance's deactivation leaves in the shared database (its own cache is its own).
    await updateUser(ctx.handle.db, u.id, { active: false });
    expect((await request(ctx.app).get('/api/referrals').set(bearer(u.token))).status).toBe(401);
    await updateUser(ctx.handle.db, u.id, { role: 'coordinator', active: true });
    expect((await request(ctx.app).get('/api/referrals').set(bearer(u.token))).status).toBe(200);
  });

  it('serves a new role on the next request after a role change', async () => {
    const u = await newUser('case_officer');
    expect((await request(ctx.app).get('/api/audit/verify').set(bearer(u.token))).status).toBe(403);
    const res = await as(ctx, 'admin').patch(`/api/users/${u.id}`).send({ role: 'investigator' }).expect(200);
    expect(res.body.role).toBe('investigator');
    expect((await request(ctx.app).get('/api/audit/verify').set(bearer(u.token))).status).toBe(200);
    const event = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['details', 'actor'])
      .where('entity_id', '=', u.id)
      .where('action', '=', 'user.role_changed')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      actor: ctx.userIds.admin,
      details: { from: 'case_officer', to: 'investigator' },
    });
  });

  it('rotates a token: the new one is shown once and works, the old one stops at once', async () => {
    const u = await newUser('booking_staff');
    await request(ctx.app).get('/api/premises-checks/PK-AAAAA-AAAAA').set(bearer(u.token));
    const res = await as(ctx, 'admin').post(`/api/users/${u.id}/rotate-token`).expect(200);
    expect(res.body).toEqual({
      id: u.id,
      name: 'Person booking_staff',
      role: 'booking_staff',
      token: expect.stringMatching(/^fk_/),
    });
    expect(res.body.token).not.toBe(u.token);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(
      (await request(ctx.app).get('/api/premises-checks/PK-AAAAA-AAAAA').set(bearer(u.token))).status,
    ).toBe(401);
    expect(
      (await request(ctx.app).get('/api/premises-checks/PK-AAAAA-AAAAA').set(bearer(res.body.token))).status,
    ).toBe(404);
    const list = await as(ctx, 'admin').get('/api/users').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
    expect(await auditActions(u.id)).toEqual(['user.created', 'user.token_rotated']);
  });

  it('ends the page sessions opened with the old token when a new one is made', async () => {
    const u = await newUser('coordinator');
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    await agent
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token: u.token, nasta: '/' })
      .expect(303);
    await agent.get('/hanvisningar').expect(200);
    await as(ctx, 'admin').post(`/api/users/${u.id}/rotate-token`).expect(200);
    const after = await agent.get('/hanvisningar');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/logga-in/);
  });

  it('never leaves the service without an active admin', async () => {
    const only = ctx.userIds.admin;
    const refused = await as(ctx, 'admin').post(`/api/users/${only}/deactivate`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect((await as(ctx, 'admin').patch(`/api/users/${only}`).send({ role: 'investigator' })).status).toBe(
      409,
    );
    expect(await auditActions(only)).toEqual(['user.created']);

    const second = await newUser('admin', 'Andra systemförvaltaren');
    await as(ctx, 'admin').post(`/api/users/${second.id}/deactivate`).expect(200);
    // Now the first is the only active admin again.
    expect(
      (await request(ctx.app).post(`/api/users/${only}/deactivate`).set(bearer(ctx.tokens.admin))).status,
    ).toBe(409);
  });

  it('answers 404 for an unknown user and 400 for an unknown role', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await as(ctx, 'admin').post(`/api/users/${unknown}/deactivate`)).status).toBe(404);
    const bad = await as(ctx, 'admin').patch(`/api/users/${ctx.userIds.investigator}`).send({ role: 'boss' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
