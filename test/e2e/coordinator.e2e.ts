import { as } from '../support/test-app';
import { noConflict, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// A coordinator imports a CSV file with one bad line, sees that line's number and what is wrong,
// finds an imported entry with the match explained, and retires it with a reason. Then records the
// committee's decision on a withdrawal (meeting date and §) and lists the month's delegated decisions
// for the committee, with the CSV download.
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
    'Delegationsbeslut',
    'Bevakningslista',
    'Hänvisningar',
    'Indragningar',
    'Lokalkontroll',
    'Registerutdrag',
    'Påminnelser',
    'Regelverk och delegation',
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

it('records the committee’s decision on a withdrawal and reports the delegated decisions of the month', async () => {
  const { ctx } = e2e;
  // A withdrawal prepared by a case officer: the shipped order reserves it to the committee.
  const a = await registerAssociation(ctx, { name: 'Gryningsligan' });
  const w = await as(ctx, 'case_officer')
    .post(`/api/associations/${a.id}/withdrawals`)
    .send({
      justification: 'Upplåter lokaler åt en våldsbejakande grupp.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(ctx, a.id),
    })
    .expect(201);

  const page = await signedInPage(e2e, 'coordinator');
  await page.goto(`/beslut/${w.body.decisionId}`);
  await expectText(page.locator('main'), 'Beslutet fattas av nämnden.');
  await page.getByLabel('Sammanträdesdatum').fill('2026-11-26');
  await page.getByLabel('Paragraf i protokollet').fill('45');
  await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
  await expectText(page.getByRole('alert'), 'Ange paragrafen i protokollet, till exempel § 45.');
  await expectAccessible(page);
  await page.getByLabel('Paragraf i protokollet').fill('§ 45');
  await page.getByRole('button', { name: 'Registrera nämndens beslut' }).click();
  await expectText(page.getByRole('status'), 'Nämndens beslut är registrerat');
  await expectText(page.locator('main'), /Beslutat av\s+Nämnden vid sammanträdet 2026-11-26, § 45/);
  await expectAccessible(page);
  await screenshot(page, '40-namndbeslut');

  const r = await as(ctx, 'case_officer')
    .post(`/api/associations/${a.id}/restorations`)
    .send({ justification: 'Föreningen har bytt styrelse och tagit avstånd.' })
    .expect(201);
  await as(ctx, 'coordinator_2')
    .post(`/api/decisions/${r.body.decisionId}/approve`)
    .send(noConflict)
    .expect(200);

  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Delegationsbeslut' })
    .click();
  const table = page.getByRole('table', { name: /Delegationsbeslut 2026-11-01–2026-11-26/ });
  await expectText(table, 'Gryningsligan');
  await expectText(table, 'Återuppta stöd till en förening efter indragning');
  await expectText(table, '4.3.1');
  expect(await table.getByRole('row').count()).toBe(2); // the header and the restoration: not the committee's own
  await expectAccessible(page);
  await screenshot(page, '41-delegationsbeslut');
  const href = await page.getByRole('link', { name: /Ladda ner listan som CSV-fil/ }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
  expect(await csv.text()).toContain('Gryningsligan');
});
