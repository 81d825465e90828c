import { as } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// An investigator finds a screening by its criterion, replays it (identical), looks at the audit
// chain (verified) and at the monthly overview.
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  const a = await registerAssociation(e2e.ctx, { name: 'Gryningsförbundet' });
  const app = await as(e2e.ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings: [finding()] }));
  await as(e2e.ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
});
afterAll(() => e2e?.close());

it('finds a screening, replays it and sees the chain verified', async () => {
  const page = await signedInPage(e2e, 'investigator');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Granskningar' }).click();
  await page.getByLabel('Kriterium som slog till').selectOption('VBE-1');
  await page.getByRole('button', { name: 'Visa' }).click();
  const table = page.getByRole('table', { name: /Granskningar/ });
  await expectText(table, 'Gryningsförbundet');
  await expectText(table, 'VBE-1');
  await expectAccessible(page);
  await screenshot(page, '20-granskningar-filter');

  await table.getByRole('link').first().click();
  await expectText(page.getByRole('heading', { level: 1 }), 'Granskning av Gryningsförbundet');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ompröva granskningen' }).click();
  await expectText(page.getByRole('status'), 'Identiskt: omprövningen gav exakt samma resultat');
  await expectText(page.locator('main'), 'Ingen regel fick ett annat resultat.');
  await expectAccessible(page);
  await screenshot(page, '21-omprovning');

  await page.getByRole('link', { name: 'Se omprövningen i granskningsloggen' }).click();
  await expectText(page.getByRole('status'), 'Kedjan är obruten');
  await expectText(page.getByRole('table'), 'Granskning omprövad');
  await expectAccessible(page);
  await screenshot(page, '22-granskningskedja');

  await nav.getByRole('link', { name: 'Statistik' }).click();
  await expectText(page.getByRole('table').first(), 'nov 2026');
  await expectAccessible(page);
  await screenshot(page, '23-statistik');
});
