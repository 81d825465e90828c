import type { Page } from 'playwright-core';
import { as, orgNumber } from '../support/test-app';
import { registerAssociation } from '../support/fixtures';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// Booking staff check two associations before letting a room: one is clear, the other is to be
// referred to the coordinator, with an id to quote and no reason given. The coordinator then sees
// that referral with its grounds and resolves it. After a withdrawal of support, booking staff
// cancel the association's bookings from their reminders.
let e2e: E2e;
let clearOrg: string;
let staff: Page;
let referId = '';
beforeAll(async () => {
  e2e = await startE2e();
  clearOrg = (await registerAssociation(e2e.ctx, { name: 'Södermalms Schackklubb' })).orgNumber;
  // A final withdrawal of another association's support: its follow-up includes cancelling bookings.
  const withdrawn = await registerAssociation(e2e.ctx, { name: 'Stålbröderna' });
  const w = await as(e2e.ctx, 'case_officer')
    .post(`/api/associations/${withdrawn.id}/withdrawals`)
    .send({ justification: 'Våldsbejakande verksamhet.', criteria: ['VBE-1'], communicatedOn: '2026-11-20' })
    .expect(201);
  await as(e2e.ctx, 'case_officer_2').post(`/api/decisions/${w.body.decisionId}/approve`).expect(200);
  await as(e2e.ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: [],
      orgNumber: orgNumber(4242),
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säkerhetspolisens årsbok',
      reviewBy: '2027-06-30',
    })
    .expect(201);
});
afterAll(() => e2e?.close());

it('gets "Klart" for one association and "Kontakta samordnaren" with an id for another', async () => {
  const page = (staff = await signedInPage(e2e, 'booking_staff'));
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Lokalkontroll', 'Påminnelser']);
  await nav.getByRole('link', { name: 'Lokalkontroll' }).click();
  await expectAccessible(page);
  await screenshot(page, '30-lokalkontroll');

  await page.getByLabel('Föreningens namn').fill('Södermalms Schackklubb');
  await page.getByLabel('Organisationsnummer').fill(clearOrg);
  await page.getByLabel('Lokal', { exact: true }).fill('Medborgarhuset, sal 2');
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expectText(page.getByRole('status'), 'Klart');
  await expectText(page.getByRole('heading', { level: 1 }), 'Klart');
  await expectAccessible(page);
  await screenshot(page, '31-lokalkontroll-klart');

  await page.getByLabel('Föreningens namn').fill('nordiska stalfronten');
  await page.getByLabel('Lokal', { exact: true }).fill('Medborgarhuset, sal 2');
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expectText(page.getByRole('heading', { level: 1 }), 'Kontakta samordnaren');
  await expectText(page.getByRole('status'), /Ärende-id: PK-[0-9A-Z]{5}-[0-9A-Z]{5}/);
  referId = (await page.locator('.answer-id .mono').innerText()).trim();
  const main = await page.locator('main').innerText();
  expect(main).not.toMatch(/Stålfronten|Säkerhetspolisen|bevakningslist|%/i);
  await expectAccessible(page);
  await screenshot(page, '32-lokalkontroll-kontakta-samordnaren');
});

it('a coordinator reads the grounds of that referral and resolves it with a note', async () => {
  const page = await signedInPage(e2e, 'coordinator');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Hänvisningar' })
    .click();
  const referral = page.getByRole('region', { name: new RegExp(`Ärende ${referId}`) });
  await expectText(referral, 'nordiska stalfronten');
  await expectText(referral, /Medborgarhuset, sal 2/);
  await expectText(referral, 'Test booking_staff');
  await expectText(referral, /Träff på bevakningslistan: Nordiska Stålfronten, likhet \d+ %/);
  await expectText(referral, 'Namnet liknar');
  await expectAccessible(page);
  await screenshot(page, '16-hanvisningar');

  await referral.getByLabel(/Anteckning/).fill('Föreningen är inte den på listan; bokningen får genomföras.');
  await referral.getByRole('button', { name: /Avsluta hänvisningen/ }).click();
  await expectText(page.getByRole('status'), 'Hänvisningen är avslutad.');
  await page.getByRole('link', { name: 'Avslutade' }).click();
  const resolved = page.getByRole('region', { name: new RegExp(`Ärende ${referId}`) });
  await expectText(resolved, /Avslutad av\s+Test coordinator/);
  await expectText(resolved, 'bokningen får genomföras');
  await screenshot(page, '17-hanvisning-avslutad');
});

it('booking staff cancel the bookings of an association whose support was withdrawn', async () => {
  const page = staff;
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Påminnelser' })
    .click();
  const reminder = page.getByRole('region', { name: /Avboka föreningens kommande lokalbokningar/ });
  await expectText(reminder, 'Stålbröderna');
  await expectText(reminder, /Klar senast\s+2026-11-26/);
  await expectAccessible(page);
  await screenshot(page, '33-paminnelser');

  await reminder.getByLabel(/Anteckning om vad som gjordes/).fill('Tre bokningar i Medborgarhuset avbokade.');
  await reminder.getByRole('button', { name: /Markera som utförd/ }).click();
  await expectText(page.getByRole('status'), 'Påminnelsen är markerad som utförd.');
  await expectText(page.locator('main'), 'Inga påminnelser att göra.');
  await page.getByRole('link', { name: 'Utförda' }).click();
  await expectText(page.locator('main'), 'Tre bokningar i Medborgarhuset avbokade.');
  await expectAccessible(page);
  await screenshot(page, '34-paminnelse-utford');
});
