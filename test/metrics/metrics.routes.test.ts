import request from 'supertest';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { grantApplication, registerAssociation } from '../support/fixtures';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text';
import { metricsOnlyApp } from '../../src/metrics/metrics.http';
import { appRegistry } from '../../src/metrics/metrics.backlog';

const METRICS_TOKEN = 'm'.repeat(40);
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ METRICS_TOKEN });
  await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: [],
      orgNumber: orgNumber(4343),
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säpo',
      reviewBy: '2027-06-30',
    })
    .expect(201);
});
afterAll(() => ctx.close());

const scrape = async () => {
  const res = await request(ctx.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(res.text);
};

const premisesCheck = (name: string) =>
  as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ venue: 'Medborgarhuset, sal 2', date: '2026-12-12', name })
    .expect(201);

describe('GET /metrics', () => {
  it('refuses a scraper without the token, or with another one', async () => {
    expect((await request(ctx.app).get('/metrics')).status).toBe(401);
    const wrong = await request(ctx.app)
      .get('/metrics')
      .set('Authorization', `Bearer ${'x'.repeat(40)}`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthenticated');
    // A user's API token is not a metrics token either.
    const user = await request(ctx.app).get('/metrics').set('Authorization', `Bearer ${ctx.tokens.admin}`);
    expect(user.status).toBe(401);
  });

  it('parses as the Prometheus text format and carries the process metrics', async () => {
    const families = await scrape();
    expect(families.get('fk_process_cpu_seconds_total')?.type).toBe('counter');
    expect(families.get('fk_nodejs_heap_size_used_bytes')?.type).toBe('gauge');
    for (const name of [
      'fk_http_requests_total',
      'fk_premises_checks_total',
      'fk_screening_duration_seconds',
      'fk_matcher_search_duration_seconds',
      'fk_audit_append_duration_seconds',
      'fk_outbox_pending',
      'fk_outbox_failed',
      'fk_reminders_open',
      'fk_reminders_overdue',
      'fk_referrals_open',
      'fk_referrals_overdue',
    ]) {
      expect(families.has(name)).toBe(true);
    }
  });

  it('counts premises checks by result, and the referral a refer opens', async () => {
    const before = await scrape();
    const clearBefore = sampleValue(before, 'fk_premises_checks_total', { result: 'clear' }) ?? 0;
    const referBefore = sampleValue(before, 'fk_premises_checks_total', { result: 'refer' }) ?? 0;
    const openBefore = sampleValue(before, 'fk_referrals_open')!;
    const searchesBefore = sampleValue(before, 'fk_matcher_search_duration_seconds_count') ?? 0;

    await premisesCheck('Södermalms Schackklubb');
    await premisesCheck('Södermalms Schackklubb');
    await premisesCheck('nordiska stalfronten');

    const after = await scrape();
    expect(sampleValue(after, 'fk_premises_checks_total', { result: 'clear' })).toBe(clearBefore + 2);
    expect(sampleValue(after, 'fk_premises_checks_total', { result: 'refer' })).toBe(referBefore + 1);
    expect(sampleValue(after, 'fk_referrals_open')).toBe(openBefore + 1);
    expect(sampleValue(after, 'fk_matcher_search_duration_seconds_count')!).toBeGreaterThan(searchesBefore);
    // The request counter names the route template and the status, never the check's data.
    expect(
      sampleValue(after, 'fk_http_requests_total', {
        method: 'POST',
        route: '/api/premises-checks',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(3);
  });

  it('times screenings and audit appends, and labels requests with templates, never ids or names', async () => {
    const before = await scrape();
    const screenings = sampleValue(before, 'fk_screening_duration_seconds_count') ?? 0;
    const appends = sampleValue(before, 'fk_audit_append_duration_seconds_count') ?? 0;
    const a = await registerAssociation(ctx, { name: 'Kulturföreningen Ljuset' });
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id))
      .expect(201);
    await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
    await as(ctx, 'case_officer').get(`/api/associations/${a.id}`).expect(200);
    await as(ctx, 'case_officer').get('/api/associations/00000000-0000-4000-8000-000000000000').expect(404);

    const res = await request(ctx.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    const after = parsePrometheusText(res.text);
    expect(sampleValue(after, 'fk_screening_duration_seconds_count')).toBe(screenings + 1);
    expect(sampleValue(after, 'fk_audit_append_duration_seconds_count')!).toBeGreaterThanOrEqual(appends + 3);
    expect(
      sampleValue(after, 'fk_http_requests_total', {
        method: 'GET',
        route: '/api/associations/:id',
        status: '404',
      }),
    ).toBe(1);
    for (const secret of [a.id, a.orgNumber, 'Ljuset', app.body.id, 'stalfronten', 'Schackklubb']) {
      expect(res.text).not.toContain(secret);
    }
    const routes = new Set(after.get('fk_http_requests_total')!.samples.map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[\w/:.-]*)$/);
    for (const route of routes) expect(route).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('is not served on the main port without a token; METRICS_PORT has its own listener', async () => {
    const open = await createTestContext();
    try {
      expect((await request(open.app).get('/metrics')).status).toBe(404);
      const own = metricsOnlyApp(appRegistry(open.handle.db, open.clock), undefined);
      const res = await request(own).get('/metrics');
      expect(res.status).toBe(200);
      expect(sampleValue(parsePrometheusText(res.text), 'fk_outbox_failed')).toBe(0);
      expect((await request(own).get('/api/users')).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
