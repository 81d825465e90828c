import { orgNumber } from '../support/test-app';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// A case officer registers an association, takes in its grant application, records a finding,
// screens the application and reads the reasons per criterion.
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());

it('registers, applies, records a finding, screens and reads the reasons', async () => {
  const page = await signedInPage(e2e, 'case_officer');
  await expectText(page.getByRole('banner'), 'Test case_officer');
  await expectText(page.getByRole('banner'), 'Handläggare');
  await expectAccessible(page);
  await screenshot(page, '01-handlaggare-start');

  // Register: first with a mistyped organisationsnummer, which comes back in Swedish, value kept.
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Föreningar' }).click();
  await page.getByRole('link', { name: 'Registrera en förening' }).click();
  await page.getByLabel('Organisationsnummer').fill('802000-0000');
  await page.getByLabel('Föreningens namn').fill('Idrottsföreningen Kamraterna');
  await page.getByLabel('Datum då organisationsnumret tilldelades').fill('2015-03-01');
  await page.getByLabel('Namn, företrädare 1').fill('Anna Ek');
  await page.getByLabel('Roll, företrädare 1').fill('ordförande');
  await page.getByRole('button', { name: 'Registrera föreningen' }).click();
  await expectText(page.getByRole('alert'), 'Ogiltigt organisationsnummer: kontrollsiffran stämmer inte');
  expect(await page.getByLabel('Föreningens namn').inputValue()).toBe('Idrottsföreningen Kamraterna');
  expect(await page.title()).toMatch(/^Fel: /);
  await expectAccessible(page);
  await screenshot(page, '02-registrera-forening-fel');
  await page.getByLabel('Organisationsnummer').fill(orgNumber(4711));
  await page.getByRole('button', { name: 'Registrera föreningen' }).click();
  await expectText(page.getByRole('status'), 'Föreningen är registrerad');
  await expectText(page.getByRole('heading', { level: 1 }), 'Idrottsföreningen Kamraterna');
  await screenshot(page, '03-forening');

  // The application.
  await page.getByRole('link', { name: /Ny ansökan för/ }).click();
  expect(await page.getByLabel(/Föreningsbidrag/).isChecked()).toBe(true);
  await page.getByLabel('Bidragsform').fill('Verksamhetsbidrag');
  await page.getByLabel('Belopp i kronor').fill('25 000');
  await page.getByLabel('Perioden börjar').fill('2027-01-01');
  await page.getByLabel('Perioden slutar').fill('2027-12-31');
  for (const label of [
    'Stadgarna är antagna vid ett årsmöte',
    'Styrelsen är vald av medlemmarna',
    'Föreningen har en revisor',
    'Medlemskapet är öppet för alla',
    'Stadgarna förbjuder diskriminering',
    'Intyget är undertecknat',
  ]) {
    await page.getByLabel(label).check();
  }
  await page.getByLabel(/Undertecknat av/).fill('Anna Ek, ordförande');
  await page.getByLabel('Undertecknat den').fill('2026-11-01');
  await expectAccessible(page);
  await screenshot(page, '04-ny-ansokan');
  await page.getByRole('button', { name: 'Registrera ansökan' }).click();
  await expectText(page.getByRole('status'), 'Ansökan är registrerad som mottagen');
  await expectText(page.getByRole('heading', { level: 1 }), 'Ansökan från Idrottsföreningen Kamraterna');

  // A finding of documented conduct.
  await page.getByText('Lägg till en uppgift').click();
  await page.getByLabel('Kategori').selectOption('supports_violent_extremism');
  await page
    .getByLabel('Beskrivning av det som hände')
    .fill('Ordföranden uppmanade till våld mot meningsmotståndare vid ett möte.');
  await page.getByLabel('Källa').fill('Polisanmälan K123456-26');
  await page.getByLabel('Datum då det inträffade').fill('2026-06-01');
  await page.getByRole('group', { name: 'Är uppgiften verifierad?' }).getByLabel('Ja').check();
  await page.getByRole('group', { name: 'Agerade personen för föreningen?' }).getByLabel('Ja').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Registrera uppgiften' }).click();
  await expectText(page.getByRole('status'), 'Uppgiften är registrerad');
  await expectText(page.getByRole('table').first(), 'Polisanmälan K123456-26');
  await screenshot(page, '05-ansokan-med-uppgift');

  // Screen it: the recommendation, the reason, and every criterion with its verdict.
  await page.getByRole('button', { name: 'Granska ansökan' }).click();
  await expectText(page.getByRole('status'), 'Ansökan är granskad');
  await expectText(page.locator('.recommendation'), 'Rekommendation: Ej stödberättigad');
  const vbe = page.getByRole('region', { name: /Kriterium VBE-1/ });
  await expectText(vbe, 'Uppfyllt');
  await expectText(vbe, 'Rättslig grund');
  await expectText(vbe, 'Polisanmälan K123456-26');
  await expectText(page.getByRole('region', { name: /Kriterium DEM-1/ }), 'Ej uppfyllt');
  await expectText(page.locator('main'), 'Inga träffar på bevakningslistan.');
  await expectAccessible(page);
  await screenshot(page, '06-granskning');

  // The work queue now lists it among the screened ones, with its recommendation.
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Ansökningar' })
    .click();
  const screened = page.getByRole('region', { name: /Granskade/ });
  await expectText(screened, 'Idrottsföreningen Kamraterna');
  await expectText(screened, 'Ej stödberättigad');
  await expectAccessible(page);
  await screenshot(page, '07-arbetsko');
});
