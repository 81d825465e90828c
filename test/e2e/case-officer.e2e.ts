import { createHash } from 'node:crypto';
import { orgNumber } from '../support/test-app';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// The decision flow end to end, in three people's hands: a case officer registers an association,
// takes in its grant application, records a finding, screens it, reads the reasons per criterion and
// denies it with communication; a case officer without delegation may not decide it, the coordinator
// decides it as delegat (confirming no jäv) and reads the letter; an
// investigator finds the decision with the search filters, reads its record, replays its screening
// and sees the audit chain verified.
let e2e: E2e;
let letterSha = '';
beforeAll(async () => {
  e2e = await startE2e();
});
afterAll(() => e2e?.close());

it('registers, applies, records a finding, screens, reads the reasons and denies', async () => {
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
  await expectText(page.locator('main'), 'Föreningens stöd: Aktivt stöd.');
  await expectAccessible(page); // with the (folded) form to withdraw support
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

  // Deny: first without the communication date and the reasons the law asks for.
  const form = page.locator('form[action$="/beslut"]');
  await form.getByLabel(/Avslå ansökan/).check();
  await form.getByRole('button', { name: 'Fatta beslut' }).click();
  const problems = page.getByRole('alert');
  await expectText(problems, 'Motivera avslaget.');
  await expectText(problems, 'Ett avslag kräver kommunicering (förvaltningslagen 25 §)');
  expect(await page.getByLabel(/Avslå ansökan/).isChecked()).toBe(true);
  await expectAccessible(page);
  await screenshot(page, '08-beslut-fel');
  await page
    .getByLabel('Motivering', { exact: true })
    .fill('Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte (VBE-1).');
  await page.getByLabel(/Datum då föreningen fick ta del av underlaget/).fill('2026-11-20');
  await page.getByRole('button', { name: 'Fatta beslut' }).click();
  await expectText(page.getByRole('status'), 'Det får verkan först när den som har delegation');
  await expectText(page.locator('.recommendation'), 'Beslut om ansökan: Avslås Väntar på godkännande');
  await expectText(page.locator('main'), 'Du är föredragande i ärendet.');
  await expectAccessible(page);
  await screenshot(page, '09-beslut-vantar');

  // The work queue: the application among the screened ones, the denial among mine awaiting approval.
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Ansökningar' })
    .click();
  const screened = page.getByRole('region', { name: /Granskade/ });
  await expectText(screened, 'Idrottsföreningen Kamraterna');
  await expectText(screened, 'Ej stödberättigad');
  await expectText(page.getByRole('region', { name: 'Väntar på mitt beslut' }), /FK 2026\/\d{4}: Avslås/);
  await expectAccessible(page);
  await screenshot(page, '07-arbetsko');
});

it('a case officer without delegation may not decide the denial; the coordinator, as delegat, does from the work queue, and the letter is the stored one', async () => {
  const page = await signedInPage(e2e, 'coordinator');
  const waiting = page.getByRole('region', { name: 'Väntar på mitt beslut' });
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Ansökningar' })
    .click();
  await expectText(waiting, 'Idrottsföreningen Kamraterna');
  await expectText(waiting, 'Test case_officer');
  await waiting.getByRole('link', { name: /FK 2026/ }).click();
  await expectText(page.locator('main'), 'Föreningens ordförande uppmanade till våld');
  await expectText(page.locator('main'), 'Du beslutar med stöd av delegationsordningen, punkt 4.1.3.');
  await expectAccessible(page);
  await screenshot(page, '13-godkann-beslut');

  // Another case officer reads the same proposal: the order gives them no delegation for denials.
  const other = await signedInPage(e2e, 'case_officer_2');
  await other.goto(page.url());
  await expectText(other.locator('main'), 'Du har inte delegation att fatta det här beslutet.');
  expect(await other.getByRole('button', { name: 'Fatta beslutet' }).count()).toBe(0);
  await other.context().close();

  // Deciding without confirming that one is not jävig: refused, in Swedish, beside the box.
  await page.getByRole('button', { name: 'Fatta beslutet' }).click();
  await expectText(page.getByRole('alert'), 'Bekräfta att du inte är jävig');
  await expectAccessible(page);
  await page.getByLabel('Jag är inte jävig').check();
  await page.getByRole('button', { name: 'Fatta beslutet' }).click();
  await expectText(page.getByRole('status'), 'Du har fattat beslutet. Det är slutligt');
  await expectText(page.locator('.recommendation'), 'Avslås Slutligt');
  await expectText(
    page.locator('main'),
    /Beslutat av\s+Test coordinator, .*delegationsordningen punkt 4\.1\.3/,
  );
  letterSha = (await page.locator('#brev-sha256').innerText()).trim();
  expect(letterSha).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);
  await screenshot(page, '14-beslut-slutligt');

  // The letter: the served bytes are the stored ones (their hash is the one the page shows).
  const href = await page.getByRole('link', { name: /Öppna beslutsbrevet/ }).getAttribute('href');
  const response = (await page.goto(href!))!;
  expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
  expect(
    createHash('sha256')
      .update(await response.body())
      .digest('hex'),
  ).toBe(letterSha);
  await expectText(page.getByRole('heading', { level: 1 }), 'Beslut om föreningsbidrag');
  await expectText(page.locator('main'), 'avslår ansökan om föreningsbidrag');
  await expectText(page.locator('main'), 'Hur man överklagar');
  await screenshot(page, '15-beslutsbrev');
});

it('an investigator finds the decision with the filters, reads its record, replays it and sees the chain verified', async () => {
  const page = await signedInPage(e2e, 'investigator');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Beslut' }).click();
  await page.getByLabel('Förening (organisationsnummer)').fill(orgNumber(4711));
  await page.getByLabel('Beslut', { exact: true }).selectOption({ label: 'Avslås' });
  await page.getByLabel('Föredragande').selectOption({ label: 'Test case_officer' });
  await page.getByLabel('Från och med').fill('2026-11-01');
  await page.getByLabel('Till och med').fill('2026-11-30');
  await page.getByRole('button', { name: 'Visa' }).click();
  const table = page.getByRole('table', { name: /Beslut, nyaste först/ });
  await expectText(table, 'Idrottsföreningen Kamraterna');
  await expectText(table, 'Test coordinator');
  expect(await table.getByRole('row').count()).toBe(2); // the header and this decision
  await expectAccessible(page);
  await screenshot(page, '20-beslut-sok');

  await table.getByRole('link', { name: /FK 2026/ }).click();
  await expectText(page.getByRole('heading', { level: 1 }), 'Beslutsakt FK 2026/');
  const main = page.locator('main');
  await expectText(main, /Regelverk\s+eligibility version 2026\.1\s+sha256:[0-9a-f]{64}/);
  await expectText(main, new RegExp(`Brevets SHA-256\\s+${letterSha}`));
  await expectText(main, 'Samma hash registrerades i händelse');
  await expectText(page.getByRole('region', { name: /Kriterium VBE-1/ }), 'Polisanmälan K123456-26');
  await expectText(main, 'Beslut fattat av delegat eller registrerat som nämndens');
  await expectAccessible(page);
  await screenshot(page, '21-beslutsakt');

  await page.getByRole('button', { name: 'Ompröva granskningen' }).click();
  await expectText(page.getByRole('status'), 'Identiskt: omprövningen gav exakt samma resultat');
  await expectText(page.locator('main'), 'Ingen regel fick ett annat resultat.');
  await expectAccessible(page);
  await screenshot(page, '22-omprovning');

  await page.getByRole('link', { name: 'Se omprövningen i granskningsloggen' }).click();
  await expectText(page.getByRole('status'), 'Kedjan är obruten');
  await expectText(page.getByRole('table'), 'Granskning omprövad');
  await expectAccessible(page);
  await screenshot(page, '23-granskningskedja');
});
