import { readFileSync } from 'node:fs';
import type { ExportedEvent } from '../../src/audit/audit.hash';
import { ChainVerifier } from '../../src/audit/audit.verifier';
import { as } from '../support/test-app';
import {
  finding,
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';
import { communicatedApplication, communicatedWithdrawal } from '../support/communications';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// An investigator finds a screening by its criterion, reads the equal-treatment overview (outcomes of
// decisions beside recommendations), follows up withdrawals and downloads the audit log to verify it
// offline. (Finding a decision, its record and replay are in the case officer's flow, on its decision.)
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
  const ctx = e2e.ctx;
  const a = await registerAssociation(ctx, { name: 'Gryningsförbundet' });
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings: [finding()] }));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
  const d = await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/decisions`)
    .send({
      screeningId: s.body.id,
      outcome: 'denied',
      justification: 'VBE-1.',
      communicationId: await communicatedApplication(ctx, app.body.id),
    })
    .expect(201);
  await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);
  const b = await registerAssociation(ctx, { name: 'Stålbröderna' });
  const w = await as(ctx, 'case_officer')
    .post(`/api/associations/${b.id}/withdrawals`)
    .send({
      justification: 'Våldsbejakande verksamhet.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(ctx, b.id),
    })
    .expect(201);
  await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
});
afterAll(() => e2e?.close());

it('finds a screening, compares outcomes with recommendations, follows up withdrawals and exports the log', async () => {
  const page = await signedInPage(e2e, 'investigator');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  await nav.getByRole('link', { name: 'Granskningar' }).click();
  await page.getByLabel('Kriterium som slog till').selectOption('VBE-1');
  await page.getByRole('button', { name: 'Visa' }).click();
  const table = page.getByRole('table', { name: /Granskningar/ });
  await expectText(table, 'Gryningsförbundet');
  await expectText(table, 'VBE-1');
  await expectAccessible(page);
  await screenshot(page, '40-granskningar-filter');

  await nav.getByRole('link', { name: 'Statistik' }).click();
  await expectText(page.getByRole('table').first(), 'nov 2026');
  const outcomes = page.getByRole('table', { name: /fattade beslut/ });
  await expectText(outcomes, /nov 2026\s+VBE-1\s+1\s+0\s+0\s+0\s+1/);
  await expectAccessible(page);
  await screenshot(page, '41-statistik');

  await nav.getByRole('link', { name: 'Indragningar' }).click();
  const withdrawal = page.getByRole('region', { name: /Stålbröderna/ });
  await expectText(withdrawal, '0 av 5 uppföljningar gjorda');
  await expectText(withdrawal, /Avboka lokaler\s+Bokningspersonal\s+2026-11-26\s+Inte ännu\s+Inte förfallen/);
  await expectAccessible(page);
  await screenshot(page, '42-indragningar');

  // The audit log, downloaded and verified here as an auditor would offline.
  await nav.getByRole('link', { name: 'Granskningskedja' }).click();
  await expectText(page.getByRole('status'), 'Kedjan är obruten');
  const head = (await page.locator('dl.facts dd.mono').innerText()).trim();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ned hela loggen (NDJSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('audit-export.ndjson');
  const lines = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  const verifier = new ChainVerifier();
  expect(lines.every((l) => verifier.add(JSON.parse(l) as ExportedEvent))).toBe(true);
  expect(verifier.result()).toMatchObject({ valid: true, events: lines.length, head });
  await expectAccessible(page);
  await screenshot(page, '43-granskningskedja');
});
