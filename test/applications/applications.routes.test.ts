import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';

let ctx: TestContext;
let associationId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  associationId = (await registerAssociation(ctx)).id;
});
afterAll(() => ctx.close());

describe('applications', () => {
  it('receives a grant application with its findings, status received', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(associationId, { findings: [finding({ mitigation: { distanced: true } })] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'grant',
      associationId,
      status: 'received',
      grant: { program: 'activity', amountSek: 25000 },
      premises: null,
      declaration: { signed: true, signedBy: 'Anna Ek, ordförande', signedOn: '2026-11-01' },
      createdBy: ctx.userIds.case_officer,
    });
    expect(res.body.findings).toHaveLength(1);
    expect(res.body.findings[0]).toMatchObject({
      category: 'supports_violent_extremism',
      verified: true,
      actingForAssociation: true,
      mitigation: { distanced: true, actionTaken: false, oneOff: false },
    });
    const got = await as(ctx, 'coordinator').get(`/api/applications/${res.body.id}`);
    expect(got.body).toEqual(res.body);
  });

  it('receives a premises application with a venue and times', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(
        grantApplication(associationId, {
          kind: 'premises',
          grant: null,
          premises: {
            venue: 'Medborgarhuset, sal 2',
            from: '2027-02-01T18:00:00+01:00',
            to: '2027-02-01T21:00:00+01:00',
          },
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body.premises.venue).toBe('Medborgarhuset, sal 2');
  });

  it('adds findings after intake, audited', async () => {
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(associationId));
    const f = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/findings`)
      .send(finding({ verified: false }));
    expect(f.status).toBe(201);
    expect(f.body).toMatchObject({
      applicationId: app.body.id,
      verified: false,
      recordedBy: ctx.userIds.case_officer,
    });
    const got = await as(ctx, 'investigator').get(`/api/applications/${app.body.id}`);
    expect(got.body.findings.map((x: { id: string }) => x.id)).toEqual([f.body.id]);
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${app.body.id}`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'finding.recorded',
      'application.received',
    ]);
  });

  it.each([
    [
      'an opinion category',
      { findings: [finding({ category: 'extreme_opinions' })] },
      'body.findings.0.category',
    ],
    ['a grant without grant details', { grant: null }, 'body.grant'],
    [
      'a grant that also books premises',
      { premises: { venue: 'x', from: '2027-01-01T10:00:00Z', to: '2027-01-01T12:00:00Z' } },
      'body.premises',
    ],
    [
      'a period ending before it starts',
      { grant: { program: 'a', amountSek: 1, periodFrom: '2027-02-01', periodTo: '2027-01-01' } },
      'body.grant.periodTo',
    ],
    [
      'a negative amount',
      { grant: { program: 'a', amountSek: -5, periodFrom: '2027-01-01', periodTo: '2027-01-02' } },
      'body.grant.amountSek',
    ],
    [
      'a finding in the future',
      { findings: [finding({ occurredOn: '2027-06-01' })] },
      'body.findings.0.occurredOn',
    ],
    ['a finding without source', { findings: [finding({ source: '' })] }, 'body.findings.0.source'],
  ])('refuses %s with 400 naming the field', async (_what, extra, path) => {
    const res = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(associationId, extra));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses an application for an unregistered association', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication('7b0e3a1c-3c1e-4a8e-9f1e-2a1b3c4d5e6f'));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.associationId');
  });

  it('answers 404 when adding a finding to an unknown application', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/applications/7b0e3a1c-3c1e-4a8e-9f1e-2a1b3c4d5e6f/findings')
      .send(finding());
    expect(res.status).toBe(404);
  });

  it('lists applications by association and status with finding counts', async () => {
    const other = await registerAssociation(ctx);
    await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(other.id, { findings: [finding(), finding()] }));
    const res = await as(ctx, 'case_officer').get(
      `/api/applications?associationId=${other.id}&status=received`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ associationId: other.id, findingCount: 2, status: 'received' });
  });
});
