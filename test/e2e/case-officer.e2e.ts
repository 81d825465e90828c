import { createHash } from 'node:crypto';
import { as, orgNumber } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// The decision flow end to end, in three people's hands: a case officer registers an association,
// takes in its grant application under the registry's diarienummer, records a finding, screens it,
// reads the reasons per criterion, sends the finding to the association (kommunicering), is refused a
// denial while the association may still answer, records the answer and denies; a case officer without
// delegation may not decide it, the coordinator decides it as delegat (confirming no jäv) and reads
// the letter; an
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
  await page.getByLabel(/Diarienummer/).fill('HÄ 2026/1234');
  await expectAccessible(page);
  await screenshot(page, '04-ny-ansokan');
  await page.getByRole('button', { name: 'Registrera ansökan' }).click();
  await expectText(page.getByRole('status'), 'Ansökan är registrerad som mottagen');
  await expectText(page.getByRole('heading', { level: 1 }), 'Ansökan från Idrottsföreningen Kamraterna');
  await expectText(page.locator('#diarienummer'), 'HÄ 2026/1234');
  const applicationUrl = page.url().split('?')[0]!;

  // A finding of documented conduct.
  await page.getByText('Lägg till en uppgift').click();
  await page.getByLabel('Kategori', { exact: true }).selectOption('supports_violent_extremism');
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
  await expectText(vbe, 'Hinder finns');
  await expectText(vbe, 'Rättslig grund');
  await expectText(vbe, 'Polisanmälan K123456-26');
  await expectText(page.getByRole('region', { name: /Kriterium DEM-1/ }), 'Inget hinder');
  await expectText(page.locator('main'), 'Inga träffar på bevakningslistan.');
  await expectAccessible(page);
  await screenshot(page, '06-granskning');
  const screeningUrl = page.url().split('?')[0]!;

  // Deny: first without kommunicering and the reasons the law asks for.
  const form = page.locator('form[action$="/beslut"]');
  await form.getByLabel(/Avslå ansökan/).check();
  await form.getByRole('button', { name: 'Fatta beslut' }).click();
  const problems = page.getByRole('alert');
  await expectText(problems, 'Motivera avslaget.');
  await expectText(
    problems,
    'Välj kommuniceringen som beslutet grundas på, eller ange ett undantag och varför.',
  );
  expect(await page.getByLabel(/Avslå ansökan/).isChecked()).toBe(true);
  await expectAccessible(page);
  await screenshot(page, '08-beslut-fel');

  // Kommunicering: the finding goes to the association in a letter, with a deadline to answer.
  await page.goto(applicationUrl);
  await page.getByText('Skicka uppgifterna till föreningen (kommunicering)').click();
  await page.getByLabel(/Polisanmälan K123456-26/).check();
  await page.getByLabel('Sista svarsdag').fill('2026-12-10');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Skriv kommuniceringsbrevet' }).click();
  await expectText(page.getByRole('status'), 'Kommuniceringsbrevet är skrivet och sparat.');
  await expectText(page.locator('.recommendation'), 'Status: Väntar på svar');
  await expectText(page.locator('main'), 'HÄ 2026/1234');
  await expectAccessible(page);
  await screenshot(page, '08a-kommunicering');
  const communicationUrl = page.url().split('?')[0]!;
  const commSha = (await page.locator('#brev-sha256').innerText()).trim();
  const commHref = await page.getByRole('link', { name: /Öppna kommuniceringsbrevet/ }).getAttribute('href');
  const commLetter = (await page.goto(commHref!))!;
  expect(
    createHash('sha256')
      .update(await commLetter.body())
      .digest('hex'),
  ).toBe(commSha);
  await expectText(page.getByRole('heading', { level: 1 }), 'Ni får yttra er innan vi beslutar');
  await expectText(page.locator('main'), 'Vi behöver ert svar senast den 10 december 2026.');
  await expectText(page.locator('main'), 'Polisanmälan K123456-26');
  await screenshot(page, '08b-kommuniceringsbrev');

  // A denial while the association may still answer is refused.
  await page.goto(screeningUrl);
  await page.getByLabel(/Avslå ansökan/).check();
  await page
    .getByLabel('Motivering', { exact: true })
    .fill('Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte (VBE-1).');
  await page.getByLabel(/sista svarsdag 2026-12-10 – Väntar på svar/).check();
  await page.getByRole('button', { name: 'Fatta beslut' }).click();
  await expectText(
    page.getByRole('alert'),
    'Föreningen får svara till och med 2026-12-10 och inget svar är registrerat.',
  );
  await expectAccessible(page);

  // The answer comes and is recorded; then the denial rests on the kommunicering.
  await page.goto(communicationUrl);
  await page.getByLabel('Datum då svaret kom in').fill('2026-11-26');
  await page
    .getByLabel('Vad föreningen svarade')
    .fill('Föreningen menar att ordföranden talade som privatperson.');
  await page.getByRole('button', { name: 'Registrera svaret' }).click();
  await expectText(page.getByRole('status'), 'Föreningens svar är registrerat.');
  await expectText(page.locator('.recommendation'), 'Status: Svar har kommit');
  await expectAccessible(page);
  await page.goto(screeningUrl);
  await page.getByLabel(/Avslå ansökan/).check();
  await page
    .getByLabel('Motivering', { exact: true })
    .fill('Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte (VBE-1).');
  await page.getByLabel(/sista svarsdag 2026-12-10 – Svar har kommit/).check();
  await page.getByRole('button', { name: 'Fatta beslut' }).click();
  await expectText(page.getByRole('status'), 'Det får verkan först när den som har delegation');
  await expectText(page.locator('.recommendation'), 'Beslut om ansökan: Avslås Beslutsförslag');
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
}, 240_000); // the longest flow: about 90 s on a loaded machine

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
  await expectText(page.getByRole('status'), 'Du har fattat beslutet. Beslutsbrevet är skrivet och sparat.');
  await expectText(page.locator('.recommendation'), 'Avslås Beslutat');
  await expectText(
    page.locator('main'),
    /Beslutat av\s+Test coordinator, .*delegationsordningen punkt 4\.1\.3/,
  );
  letterSha = (await page.locator('#brev-sha256').innerText()).trim();
  expect(letterSha).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);
  await screenshot(page, '14-beslut-fattat');

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
  await expectText(page.locator('main'), 'avslår er ansökan om föreningsbidrag');
  await expectText(page.locator('main'), 'Hur ni överklagar');
  await screenshot(page, '15-beslutsbrev');
});

it('an investigator finds the decision with the filters, reads its record, replays it and sees the chain verified', async () => {
  const page = await signedInPage(e2e, 'investigator');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Beslut', exact: true })
    .click();
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

  await page.getByRole('button', { name: 'Kör om kontrollen' }).click();
  await expectText(page.getByRole('status'), 'Identiskt: kontrollen gav exakt samma resultat');
  await expectText(page.locator('main'), 'Ingen regel fick ett annat resultat.');
  await expectAccessible(page);
  await screenshot(page, '22-kor-om-kontrollen');

  await page.getByRole('link', { name: 'Se i granskningsloggen att kontrollen kördes om' }).click();
  await expectText(page.getByRole('status'), 'Kedjan är obruten');
  await expectText(page.getByRole('table'), 'Kontrollen körd igen');
  await expectAccessible(page);
  await screenshot(page, '23-granskningskedja');
});

// Jäv and the letter a court reads, after rule set 2026.2 took effect: the coordinator who put the
// association on the watchlist may not decide its case; another coordinator does, and the letter
// states only the ground that decided it, the kommunicering, who decided and how to appeal — and
// nothing about the watchlist.
it('a delegat who created a watchlist entry among the hits is refused (jäv); another decides, and the letter is one a court can read', async () => {
  const { ctx } = e2e;
  ctx.clock.set('2026-12-03T09:00:00.000Z');
  const a = await registerAssociation(ctx, { name: 'Nattkorpens Kamratförening' });
  await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nattkorpens Kamratförening',
      aliases: [],
      category: 'violence_coercion_threats',
      reason: 'Uppmanade till våld vid en demonstration (dom B 1234-25).',
      source: 'Stockholms tingsrätt, dom B 1234-25',
      reviewBy: '2027-06-30',
    })
    .expect(201);
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(
      grantApplication(a.id, {
        findings: [
          finding(),
          finding({
            category: 'violence_coercion_threats',
            verified: false,
            description: 'En medlem ska ha hotat en besökare.',
            source: 'Anonymt tips',
          }),
        ],
      }),
    )
    .expect(201);
  const screening = await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/screenings`)
    .expect(201);
  expect(screening.body.ruleSet.version).toBe('2026.2');
  expect(screening.body.watchlist.hits.length).toBeGreaterThan(0);
  const communicationId = await communicatedApplication(ctx, app.body.id);
  const proposed = await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/decisions`)
    .send({
      screeningId: screening.body.id,
      outcome: 'denied',
      justification: 'Föreningens ordförande uppmanade till våld mot meningsmotståndare vid ett möte.',
      communicationId,
    })
    .expect(201);

  const jav = await signedInPage(e2e, 'coordinator');
  await jav.goto(`/beslut/${proposed.body.id}`);
  await jav.getByLabel('Jag är inte jävig').check();
  await jav.getByRole('button', { name: 'Fatta beslutet' }).click();
  await expectText(
    jav.locator('main'),
    'Du är jävig: du har själv lagt upp en post i bevakningslistan som gav träff i ärendet.',
  );
  await expectAccessible(jav);
  await screenshot(jav, '16-jav');
  await jav.context().close();

  const page = await signedInPage(e2e, 'coordinator_2');
  await page.goto(`/beslut/${proposed.body.id}`);
  await page.getByLabel('Jag är inte jävig').check();
  await page.getByRole('button', { name: 'Fatta beslutet' }).click();
  await expectText(page.getByRole('status'), 'Du har fattat beslutet.');
  const href = await page.getByRole('link', { name: /Öppna beslutsbrevet/ }).getAttribute('href');
  await page.goto(href!);
  const letter = page.locator('body');
  await expectText(letter, new RegExp(`Diarienummer\\s+${app.body.caseNumber}`));
  await expectText(letter, 'uppmuntrar eller möjliggör våldsbejakande extremism');
  await expectText(letter, 'Stockholms stads regler för föreningsstöd');
  await expectText(letter, 'Vi har också prövat de övriga villkoren för stöd utan att finna något hinder.');
  await expectText(
    letter,
    /Ni fick ta del av underlaget den 27 november 2026 och hade till den 11 december 2026/,
  );
  await expectText(letter, 'Ni svarade den 3 december 2026.');
  await expectText(letter, /Test coordinator_2 har fattat beslutet på delegation .* enligt punkt 4\.1\.3/);
  await expectText(letter, 'Test case_officer har varit föredragande.');
  await expectText(letter, 'laglighetsprövning');
  await expectText(letter, 'Förvaltningsrätten i Stockholm');
  const words = (await page.content()).toLowerCase();
  // Only the deciding ground: the unverified threat (a refer rule) and the watchlist are not in it.
  expect(words).not.toMatch(/bevakningslist|rekommend|sha256|hotat en besökare|handlingsplan|arvsfonden/);
  await screenshot(page, '17-beslutsbrev-2026-2');
}, 180_000);
