import { as, orgNumber } from '../support/test-app';
import { registerAssociation } from '../support/fixtures';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// Booking staff check two associations before letting a room: one is clear, the other is to be
// referred to the coordinator, with an id to quote and no reason given.
let e2e: E2e;
let clearOrg: string;
beforeAll(async () => {
  e2e = await startE2e();
  clearOrg = (await registerAssociation(e2e.ctx, { name: 'Södermalms Schackklubb' })).orgNumber;
  await as(e2e.ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: [],
      orgNumber: orgNumber(4242),
      reason: 'supports_violent_extremism',
      source: 'Säkerhetspolisens årsbok',
      reviewBy: '2027-06-30',
    })
    .expect(201);
});
afterAll(() => e2e?.close());

it('gets "Klart" for one association and "Kontakta samordnaren" with an id for another', async () => {
  const page = await signedInPage(e2e, 'booking_staff');
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
  const main = await page.locator('main').innerText();
  expect(main).not.toMatch(/Stålfronten|Säkerhetspolisen|bevakningslist|%/i);
  await expectAccessible(page);
  await screenshot(page, '32-lokalkontroll-kontakta-samordnaren');
});
