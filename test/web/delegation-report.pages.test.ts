import { parseCsv } from '../../src/watchlist/watchlist.csv';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, noConflict, registerAssociation } from '../support/fixtures';
import { decodeEntities, signIn, textOf } from './web-support';

// The delegation report as coordinators and investigators use it: a period, the table, and the same
// list as a CSV file to attach to the committee's papers.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await registerAssociation(ctx, { name: 'Kvarterets Schackklubb' });
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings: [finding()] }));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  const d = await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/decisions`)
    .send({
      screeningId: s.body.id,
      outcome: 'denied',
      justification: 'Uppmaning till våld.',
      communicationExemption: {
        ground: 'obviously_unnecessary',
        justification: 'Föreningen har redan yttrat sig i ärendet.',
      },
    });
  await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);
});
afterAll(() => ctx.close());

it('shows this month’s delegated decisions by default, with a CSV download of the same list', async () => {
  const coordinator = await signIn(ctx, 'coordinator');
  const page = await coordinator.agent.get('/delegationsbeslut');
  expect(page.status).toBe(200);
  const text = textOf(page.text);
  expect(text).toContain('Delegationsbeslut 2026-11-01–2026-11-26, Hägersten-Älvsjö stadsdelsnämnd');
  expect(text).toMatch(
    /2026-11-26 HÄ 2026\/\d+ Avslå ansökan om föreningsbidrag Kvarterets Schackklubb \d{6}-\d{4} Test coordinator 4\.1\.3 Test case_officer/,
  );
  const link = decodeEntities(/href="(\/delegationsbeslut\/csv\?[^"]+)"/.exec(page.text)![1]!);
  expect(link).toBe('/delegationsbeslut/csv?from=2026-11-01&to=2026-11-26');
  const csv = await coordinator.agent.get(link);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-disposition']).toContain('delegationsbeslut-2026-11-01-2026-11-26.csv');
  const rows = parseCsv(csv.text).records.map((r) => r.fields);
  expect(rows).toHaveLength(2);
  expect(rows[1]).toEqual(expect.arrayContaining(['Kvarterets Schackklubb', 'Test coordinator', '4.1.3']));

  const none = textOf((await coordinator.agent.get('/delegationsbeslut?from=2026-10-01&to=2026-10-31')).text);
  expect(none).toContain('Inga beslut fattades med stöd av delegation under perioden.');
});

it('says in Swedish what is wrong with the period; case officers have no such page', async () => {
  const investigator = await signIn(ctx, 'investigator');
  const bad = await investigator.agent.get('/delegationsbeslut?from=2026-11-30&to=2026-11-01');
  expect(bad.status).toBe(400);
  expect(textOf(bad.text)).toContain('Fel: Periodens slut får inte vara före dess början.');
  expect((await investigator.agent.get('/delegationsbeslut/csv?from=2026-11-30&to=2026-11-01')).status).toBe(
    400,
  );
  const officer = await signIn(ctx, 'case_officer');
  expect((await officer.agent.get('/delegationsbeslut')).status).toBe(403);
  expect((await officer.agent.get('/delegationsbeslut/csv')).status).toBe(403);
});
