import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, noConflict, registerAssociation } from '../support/fixtures';

// The delegation order (the shipped rules/delegation.json, Hägersten-Älvsjö's example) decides who
// may take a prepared decision; jäv stops a delegat who produced what the decision rests on.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

type Who = keyof TestContext['tokens'];

/** An application with its findings registered by `registrar`, screened by the case officer. */
async function screened(
  opts: { findings?: unknown[]; registrar?: Who; associationName?: string } = {},
): Promise<{ applicationId: string; screening: { id: string; recommendation: string } }> {
  const a = await registerAssociation(ctx, opts.associationName ? { name: opts.associationName } : {});
  const app = await as(ctx, opts.registrar ?? 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings: opts.findings ?? [] }));
  expect(app.status).toBe(201);
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  return { applicationId: app.body.id, screening: s.body };
}

const propose = (applicationId: string, body: Record<string, unknown>) =>
  as(ctx, 'case_officer').post(`/api/applications/${applicationId}/decisions`).send(body);

const approve = (who: Who, decisionId: string, body: unknown = noConflict) =>
  as(ctx, who)
    .post(`/api/decisions/${decisionId}/approve`)
    .send(body as object);

describe('the delegation order', () => {
  it('is served to everyone who prepares, decides or reviews decisions, never to booking staff', async () => {
    const res = await as(ctx, 'investigator').get('/api/delegation');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      committeeName: 'Hägersten-Älvsjö stadsdelsnämnd',
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    const byKind = Object.fromEntries(
      res.body.decisions.map((d: { kind: string }) => [d.kind, d] as const),
    ) as Record<string, { committee: boolean; delegates: { role: string; point: string }[] }>;
    expect(Object.keys(byKind).sort()).toEqual([
      'grant_approval_against_recommendation',
      'grant_approval_with_recommendation',
      'grant_denial',
      'premises_approval',
      'premises_refusal',
      'restoration',
      'withdrawal',
    ]);
    expect(byKind.withdrawal).toMatchObject({ committee: true, delegates: [] });
    expect(byKind.grant_denial).toMatchObject({
      committee: false,
      delegates: [{ role: 'coordinator', point: '4.1.3' }],
    });
    for (const who of ['case_officer', 'coordinator', 'admin'] as const) {
      expect((await as(ctx, who).get('/api/delegation')).status).toBe(200);
    }
    expect((await as(ctx, 'booking_staff').get('/api/delegation')).status).toBe(403);
  });
});

describe('a delegat decides', () => {
  const deny = {
    outcome: 'denied',
    justification: 'Föreningens ordförande har uppmanat till våld vid föreningens möte.',
    communicationExemption: {
      ground: 'obviously_unnecessary',
      justification: 'Föreningen har redan yttrat sig i ärendet.',
    },
  };

  it('only after confirming no conflict of interest (400 without it)', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const d = await propose(applicationId, { screeningId: screening.id, ...deny });
    for (const body of [{}, { noConflictOfInterest: false }]) {
      const res = await approve('coordinator', d.body.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((x: { path: string }) => x.path)).toEqual([
        'body.noConflictOfInterest',
      ]);
    }
    expect((await as(ctx, 'investigator').get(`/api/decisions/${d.body.id}`)).body.status).toBe(
      'pending_approval',
    );
    expect((await approve('coordinator', d.body.id)).status).toBe(200);
  });

  it('refuses a delegat who recorded a finding the decision rests on (409 jäv); another delegat decides', async () => {
    // The second case officer registered the application with its (mitigated) finding; the first
    // prepares an approval on the "refer" recommendation, which the order delegates to case officers.
    const { applicationId, screening } = await screened({
      findings: [finding({ mitigation: { distanced: true } })],
      registrar: 'case_officer_2',
    });
    expect(screening.recommendation).toBe('refer');
    const d = await propose(applicationId, {
      screeningId: screening.id,
      outcome: 'approved',
      justification: 'Föreningen har tagit avstånd från händelsen och bytt ordförande.',
    });
    expect(d.body).toMatchObject({
      status: 'pending_approval',
      delegationKind: 'grant_approval_with_recommendation',
    });
    const jav = await approve('case_officer_2', d.body.id);
    expect(jav.status).toBe(409);
    expect(jav.body.error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/jäv.*finding/),
    });
    const ok = await approve('coordinator', d.body.id);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ decidedBy: ctx.userIds.coordinator, delegationPoint: '4.1.1' });
  });

  it('refuses a delegat who created a watchlist entry among the screening’s hits (409 jäv)', async () => {
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        category: 'supports_violent_extremism',
        subjectKind: 'organisation',
        name: 'Järnbröderna Sydväst',
        reason: 'supports_violent_extremism',
        source: 'Dom B 4711-25',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const { applicationId, screening } = await screened({ associationName: 'Järnbröderna Sydväst' });
    expect(screening.recommendation).toBe('refer');
    const d = await propose(applicationId, { screeningId: screening.id, ...deny });
    const jav = await approve('coordinator', d.body.id);
    expect(jav.status).toBe(409);
    expect(jav.body.error.message).toMatch(/jäv.*watchlist entry/);
    expect((await approve('coordinator_2', d.body.id)).status).toBe(200);
  });

  it('a case officer may not decide against the recommendation: the order gives that to coordinators', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    expect(screening.recommendation).toBe('ineligible');
    const d = await propose(applicationId, {
      screeningId: screening.id,
      outcome: 'approved',
      justification: 'Särskilda skäl: föreningen har bytt styrelse och tagit avstånd.',
    });
    expect(d.body.delegationKind).toBe('grant_approval_against_recommendation');
    const refused = await approve('case_officer_2', d.body.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/no delegation/);
    const ok = await approve('coordinator', d.body.id);
    expect(ok.body).toMatchObject({ status: 'final', delegationPoint: '4.1.2' });
  });
});
