import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// A coordinator imports a CSV file with one bad line, sees that line's number and what is wrong,
// finds an imported entry with the match explained, and retires it with a reason.
let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());

const CSV = [
  'subject_kind,name,aliases,org_number,category,reason,source,review_by',
  'organisation,Nordiska Stålfronten,NSF,,supports_violent_extremism,Uppmanar till våld,Säpo årsrapport 2026,2027-06-30',
  'organisation,Trasiga Raden,,802000-0000,supports_violent_extremism,Hot,tips,2027-06-30',
  'person,Sven Svensson,,,counteracts_democracy,Valfusk,dom B 123-26,2027-06-30',
].join('\n');

it('imports a CSV with one bad line, searches with explanations and retires an entry', async () => {
  const page = await signedInPage(e2e, 'coordinator');
  await expectText(page.getByRole('banner'), 'Samordnare mot våldsbejakande extremism');
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  expect(await nav.getByRole('link').allInnerTexts()).toEqual([
    'Ansökningar',
    'Föreningar',
    'Beslut',
    'Bevakningslista',
    'Hänvisningar',
    'Indragningar',
    'Lokalkontroll',
    'Påminnelser',
  ]);

  await nav.getByRole('link', { name: 'Bevakningslista' }).click();
  await page.getByRole('link', { name: 'Importera från CSV' }).click();
  await expectAccessible(page);
  await page.getByLabel('CSV-fil').setInputFiles({
    name: 'bevakning.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV, 'utf8'),
  });
  await page.getByRole('button', { name: 'Importera' }).click();
  // The import runs as a job: its page shows the progress until it is done (a small file at once).
  for (let i = 0; i < 50 && (await page.getByText('Importen pågår').count()) > 0; i++) {
    await page.waitForTimeout(100);
    await page.getByRole('link', { name: 'Visa läget nu' }).click();
  }
  await expectText(page.getByRole('status'), '2 poster importerades från bevakning.csv');
  await expectText(page.getByRole('status'), '1 rad avvisades');
  const rejected = page.getByRole('table', { name: 'Avvisade rader' });
  await expectText(rejected, 'Rad 3');
  await expectText(rejected, 'kontrollsiffran stämmer inte');
  await expectAccessible(page);
  await screenshot(page, '10-import-avvisad-rad');

  // Search by a variant spelling: the hit explains itself.
  await nav.getByRole('link', { name: 'Bevakningslista' }).click();
  await page.getByLabel('Namn', { exact: true }).fill('nordiska stalfronten');
  await page.getByRole('button', { name: 'Sök' }).click();
  const hits = page.getByRole('table');
  await expectText(hits, 'Nordiska Stålfronten');
  await expectText(hits, 'Namnet liknar');
  await expectAccessible(page);
  await screenshot(page, '11-sok-bevakningslista');

  // Retire it: a reason is required, then it is kept but retired.
  await hits.getByRole('link', { name: 'Nordiska Stålfronten' }).click();
  await page.getByRole('button', { name: 'Avregistrera' }).click();
  await expectText(page.getByRole('alert'), 'Ange ett skäl.');
  await page.getByLabel('Skäl till avregistreringen').fill('Uppgiften var felaktig enligt ny dom.');
  await page.getByRole('button', { name: 'Avregistrera' }).click();
  await expectText(page.getByRole('status'), 'Posten är avregistrerad');
  await expectText(page.locator('main'), 'Avregistrerad – Uppgiften var felaktig enligt ny dom.');
  await expectAccessible(page);
  await screenshot(page, '12-avregistrerad-post');
});
