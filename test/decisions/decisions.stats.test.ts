import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';

// Outcomes per criterion and month: only decisions in force (final) count, each once per criterion
// that fired in the screening it was made on.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function screened(findings: unknown[]) {
  const a = await registerAssociation(ctx);
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings }));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
  return { applicationId: app.body.id as string, screeningId: s.body.id as string };
}

const deny = async (applicationId: string) => ({
  outcome: 'denied',
  justification: 'Uppmaning till våld.',
  communicationId: await communicatedApplication(ctx, applicationId),
});

it('counts final decisions per month, fired criterion and outcome; pending ones do not count', async () => {
  for (let i = 0; i < 2; i++) {
    const s = await screened([finding()]);
    const d = await as(ctx, 'case_officer')
      .post(`/api/applications/${s.applicationId}/decisions`)
      .send({ screeningId: s.screeningId, ...(await deny(s.applicationId)) })
      .expect(201);
    // The first is decided by a delegat (final); the second stays pending.
    if (i === 0) {
      await as(ctx, 'coordinator')
        .post(`/api/decisions/${d.body.id}/approve`)
        .send({ noConflictOfInterest: true })
        .expect(200);
    }
  }
  const clean = await screened([]);
  await as(ctx, 'case_officer')
    .post(`/api/applications/${clean.applicationId}/decisions`)
    .send({ screeningId: clean.screeningId, outcome: 'approved' })
    .expect(201);

  const res = await as(ctx, 'investigator').get('/api/decisions/stats').expect(200);
  expect(res.body.byCriterion).toEqual([{ month: '2026-11', code: 'VBE-1', outcome: 'denied', count: 1 }]);
  const later = await as(ctx, 'investigator').get('/api/decisions/stats?from=2026-12-01').expect(200);
  expect(later.body.byCriterion).toEqual([]);
  const otherVersion = await as(ctx, 'investigator').get('/api/decisions/stats?ruleSetVersion=1999.1');
  expect(otherVersion.body.byCriterion).toEqual([]);
  expect((await as(ctx, 'case_officer').get('/api/decisions/stats')).status).toBe(403);
});
