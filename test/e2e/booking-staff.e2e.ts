import type { Page } from 'playwright-core';
import { as, orgNumber } from '../support/test-app';
import { recordCommitteeDecision, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';
import { expectAccessible, expectText, screenshot, signedInPage, startE2e, type E2e } from './e2e-support';

// Booking staff check two associations before letting a room: one has no obstacle, the other must be
// checked first, with a check number and the day an answer comes by, and no reason given. The
// coordinator then sees that referral with its grounds and answer day and answers it; the desk sees
// the answer among its checks. After a withdrawal of support, booking staff cancel the association's
// bookings from their reminders.
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
    .send({
      justification: 'Våldsbejakande verksamhet.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(e2e.ctx, withdrawn.id),
    })
    .expect(201);
  await recordCommitteeDecision(e2e.ctx, w.body.decisionId).expect(200);
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

it('gets "Inget hinder" for one association and "Behöver stämmas av" with a check number for another', async () => {
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
  await expectText(page.getByRole('status'), 'Inget hinder');
  await expectText(page.getByRole('heading', { level: 1 }), 'Inget hinder');
  await expectAccessible(page);
  await screenshot(page, '31-lokalkontroll-klart');

  await page.getByLabel('Föreningens namn').fill('nordiska stalfronten');
  await page.getByLabel('Lokal', { exact: true }).fill('Medborgarhuset, sal 2');
  await page.getByRole('button', { name: 'Kontrollera' }).click();
  await expectText(page.getByRole('heading', { level: 1 }), 'Behöver stämmas av');
  await expectText(page.getByRole('status'), /Kontrollnummer: PK-[0-9A-Z]{5}-[0-9A-Z]{5}/);
  await expectText(page.getByRole('status'), 'Du får besked senast 2026-11-30.');
  referId = (await page.locator('.answer-id .mono').innerText()).trim();
  const mine = page.getByRole('region', { name: 'Dina kontroller' });
  await expectText(
    mine,
    new RegExp(`${referId}\\s+nordiska stalfronten[\\s\\S]*Väntar på besked \\(senast 2026-11-30\\)`),
  );
  const main = await page.locator('main').innerText();
  expect(main).not.toMatch(/Stålfronten|Säkerhetspolisen|bevakningslist|%/i);
  await expectAccessible(page);
  await screenshot(page, '32-lokalkontroll-kontakta-samordnaren');
});

it('a coordinator reads the grounds of that referral and answers it; the desk sees the answer', async () => {
  const page = await signedInPage(e2e, 'coordinator');
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Hänvisningar' })
    .click();
  const referral = page.getByRole('region', { name: new RegExp(`Kontrollnummer ${referId}`) });
  await expectText(referral, 'nordiska stalfronten');
  await expectText(referral, /Medborgarhuset, sal 2/);
  await expectText(referral, 'Test booking_staff');
  await expectText(referral, /Träff på bevakningslistan: Nordiska Stålfronten, likhet \d+ %/);
  await expectText(referral, 'Namnet liknar');
  await expectText(referral, /Besked senast\s+2026-11-30/);
  await expectAccessible(page);
  await screenshot(page, '16-hanvisningar');

  await referral.getByLabel('Inget hinder: bokningen kan bekräftas').check();
  await referral.getByLabel(/Anteckning/).fill('Föreningen är inte den på listan; bokningen får genomföras.');
  await referral.getByRole('button', { name: /Lämna besked/ }).click();
  await expectText(page.getByRole('status'), 'Beskedet är lämnat.');
  await page.getByRole('link', { name: 'Besvarade' }).click();
  const resolved = page.getByRole('region', { name: new RegExp(`Kontrollnummer ${referId}`) });
  await expectText(resolved, /Besked\s+Inget hinder/);
  await expectText(resolved, /Besvarad av\s+Test coordinator/);
  await expectText(resolved, 'bokningen får genomföras');
  await expectAccessible(page);
  await screenshot(page, '17-hanvisning-besvarad');

  await staff
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Lokalkontroll' })
    .click();
  const mine = staff.getByRole('region', { name: 'Dina kontroller' });
  await expectText(mine, new RegExp(`${referId}\\s+nordiska stalfronten[\\s\\S]*Inget hinder`));
  expect(await mine.innerText()).not.toContain('bokningen får genomföras');
  await expectAccessible(staff);
  await screenshot(staff, '35-lokalkontroll-besked');
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
