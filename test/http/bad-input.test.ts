import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { errorHandler } from '../../src/http/error-handler';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { signIn } from '../web/web-support';

// Input that passes HTTP but not the database or the URL decoder: a 4xx in the contract's shape,
// never a 500 that logs an "unhandled error".

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('bad input is the client’s error, not ours', () => {
  it('a malformed %-escape in the address is a 400, on the API and on the pages', async () => {
    const api = await as(ctx, 'investigator').get('/api/decisions/%E0');
    expect(api.status).toBe(400);
    expect(api.body).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    const { agent } = await signIn(ctx, 'investigator');
    const page = await agent.get('/beslut/%ZZ');
    expect(page.status).toBe(400);
    expect(page.text).toContain('lang="sv"');
  });

  it('a date in year 0 (PostgreSQL has none) is a 400 naming the field', async () => {
    const check = await as(ctx, 'booking_staff')
      .post('/api/premises-checks')
      .send({ name: 'Någon förening', venue: 'Sal 1', date: '0000-01-01' });
    expect(check.status).toBe(400);
    expect(check.body.error.details.map((d: { path: string }) => d.path)).toContain('body.date');

    const a = await registerAssociation(ctx);
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
    expect(app.status).toBe(201);
    const f = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/findings`)
      .send(finding({ occurredOn: '0000-06-01' }));
    expect(f.status).toBe(400);
    expect(f.body.error.details.map((d: { path: string }) => d.path)).toContain('body.occurredOn');
    const old = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/findings`)
      .send(finding({ occurredOn: '1999-06-01' }));
    expect(old.status).toBe(201);
  });
});

describe('the error handler as a backstop', () => {
  const logged: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) });
  const app = express();
  app.get('/date', () => {
    throw Object.assign(new Error('date/time field value out of range: "0000-01-01"'), { code: '22008' });
  });
  app.get('/bug', () => {
    throw new Error('column "secret_internal" does not exist');
  });
  app.use(errorHandler(logger));

  it('maps a value the database refuses to a 400 that quotes nothing of the database, and logs it', async () => {
    const res = await request(app).get('/date');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'validation_failed', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toMatch(/0000|date\/time|22008/);
    expect(logged.some((l) => l.includes('database refused a value'))).toBe(true);
  });

  it('still answers anything else with a bare 500', async () => {
    const res = await request(app).get('/bug');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret_internal');
  });
});
