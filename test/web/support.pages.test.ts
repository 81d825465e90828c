import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';
import { defaultReminderPolicy } from '../../src/reminders/reminders.policy';
import { runSweep } from '../../src/reminders/reminders.scheduler';

// Withdrawing support from the association's page, the follow-up it creates ("Mina påminnelser" for
// each role) and the coordinators' referrals from booking staff's checks.
let ctx: TestContext;
let officer: Awaited<ReturnType<typeof signIn>>;
let coordinator: Awaited<ReturnType<typeof signIn>>;
let staff: Awaited<ReturnType<typeof signIn>>;
let association: { id: string; orgNumber: string; name: string };
beforeAll(async () => {
  ctx = await createTestContext();
  [officer, coordinator, staff] = await Promise.all([
    signIn(ctx, 'case_officer'),
    signIn(ctx, 'coordinator'),
    signIn(ctx, 'booking_staff'),
  ]);
  association = await registerAssociation(ctx, { name: 'Gryningsförbundet' });
  await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(
      grantApplication(association.id, {
        findings: [finding({ description: 'Föreningen upplät sina lokaler åt en våldsbejakande grupp.' })],
      }),
    )
    .expect(201);
});
afterAll(() => ctx.close());

type Agent = typeof officer;
const post = (who: Agent, path: string, form: Record<string, string> = {}) =>
  who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...form });

/** The id of the open reminder of a kind, as the API lists it for a role. */
async function reminderId(who: 'case_officer' | 'booking_staff', kind: string) {
  const res = await as(ctx, who).get(`/api/reminders?status=open&kind=${kind}`).expect(200);
  return res.body.items[0].id as string;
}

describe('withdrawing support from the association page', () => {
  it('offers the conduct criteria of the rule set in force, and refuses an empty form in Swedish', async () => {
    const page = await officer.agent.get(`/foreningar/${association.id}`);
    const text = textOf(page.text);
    expect(text).toContain('Föreningens stöd: Aktivt stöd.');
    expect(text).toContain('Föreslå att stödet dras in');
    for (const code of ['DEM-1', 'HR-1', 'EQ-1', 'DEM-2', 'DEM-3', 'VBE-1'])
      expect(page.text).toContain(`name="criteria.${code}"`);
    expect(page.text).not.toMatch(/name="criteria\.(FORM|WL|SUP)-/);

    const res = await post(officer, `/foreningar/${association.id}/indragning`, { justification: ' ' });
    expect(res.status).toBe(400);
    const refused = textOf(res.text);
    expect(refused).toContain(
      'Kriterier som beslutet grundas på Fel: Välj minst ett kriterium som beslutet grundas på.',
    );
    expect(refused).toContain('Fel: Fältet får inte vara tomt.');
    expect(refused).toContain(
      'Ingen kommunicering är skickad i ett öppet ärende om indragning. Skicka uppgifterna till föreningen först, eller ange ett undantag.',
    );
    expect(res.text).toMatch(/<details open>\s*<summary>Föreslå att stödet dras in/);
    expect(res.text).toContain('href="#f-criteria"');
  });

  it('sends the material to the association first: the letter, the deadline, the answer', async () => {
    const page = await officer.agent.get(`/foreningar/${association.id}`);
    const finding = /name="(findingIds\.[0-9a-f-]{36})"/.exec(page.text)![1]!;
    expect(textOf(page.text)).toContain('Föreningen upplät sina lokaler åt en våldsbejakande grupp.');

    const early = await post(officer, `/foreningar/${association.id}/kommunicering`, {
      [finding]: 'ja',
      sentOn: '2026-11-26',
      replyBy: '2026-11-25',
    });
    expect(early.status).toBe(400);
    expect(textOf(early.text)).toContain('Fel: Sista svarsdag kan inte vara före den dag brevet skickas.');
    expect(early.text).toMatch(/<details open>\s*<summary>Skicka uppgifterna till föreningen/);

    const sent = await post(officer, `/foreningar/${association.id}/kommunicering`, {
      [finding]: 'ja',
      replyBy: '2026-12-10',
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(/^\/kommuniceringar\/[0-9a-f-]{36}\?klart=kommunicering-sparad$/);
    const communication = sent.headers.location!.split('?')[0]!;
    const shown = textOf((await officer.agent.get(sent.headers.location!)).text);
    expect(shown).toContain('Kommuniceringsbrevet är skrivet och sparat.');
    expect(shown).toMatch(/Diarienummer HÄ 2026\/\d+ Ärende Indragning av stöd till Gryningsförbundet/);
    expect(shown).toContain('Sista svarsdag 2026-12-10');
    expect(shown).toContain('Status: Väntar på svar');
    expect(shown).toContain('Om inget svar kommer kan du registrera det från och med 2026-12-11.');
    const letter = await officer.agent.get(`${communication}/brev`);
    expect(letter.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(letter.text).toContain('Vi behöver ert svar senast den 10 december 2026.');

    const tooSoon = await post(officer, `${communication}/inget-svar`);
    expect(tooSoon.status).toBe(409);
    expect(textOf(tooSoon.text)).toContain('Sista svarsdag (2026-12-10) har inte passerat än.');
    const answered = await post(officer, `${communication}/svar`, {
      receivedOn: '2026-11-26',
      summary: 'Föreningen säger att gruppen hyrde lokalen i eget namn.',
    });
    expect(answered.status).toBe(303);
    const after = textOf((await officer.agent.get(answered.headers.location!)).text);
    expect(after).toContain('Föreningens svar är registrerat.');
    expect(after).toContain('Föreningens svar Föreningen säger att gruppen hyrde lokalen i eget namn.');
    expect(after).not.toContain('Registrera svaret');
  });

  it('proposes a withdrawal that takes effect only when the committee has decided it', async () => {
    const form = await officer.agent.get(`/foreningar/${association.id}`);
    const communicationId = /name="communicationId" value="([0-9a-f-]{36})"/.exec(form.text)![1]!;
    expect(textOf(form.text)).toContain('Skickad 2026-11-26, sista svarsdag 2026-12-10 – Svar har kommit');
    const res = await post(officer, `/foreningar/${association.id}/indragning`, {
      'criteria.VBE-1': 'ja',
      justification: 'Föreningen upplät sina lokaler åt en våldsbejakande grupp (polisanmälan K1-26).',
      communicationId,
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/beslut\/[0-9a-f-]{36}\?klart=stodbeslut-vantar$/);
    const decision = res.headers.location!.split('?')[0]!;
    const pending = textOf((await officer.agent.get(`/foreningar/${association.id}`)).text);
    expect(pending).toContain('Föreningens stöd: Aktivt stöd.');
    expect(pending).toMatch(/Det finns ett beslutsförslag om stödet: FK 2026\/\d{4} \(Indragning av stöd\)/);
    expect(pending).not.toContain('Föreslå att stödet dras in');

    // The delegation order reserves withdrawals to the committee: the coordinator finds it in the
    // same queue as application decisions and records the committee's decision.
    expect(textOf((await coordinator.agent.get('/arbetsko')).text)).toMatch(
      /Väntar på mitt beslut .*Gryningsförbundet Indragning av stöd Stödet dras in/,
    );
    await post(coordinator, `${decision}/namnd`, {
      'committee.meetingOn': '2026-11-26',
      'committee.paragraph': '§ 45',
    }).expect(303);
    const after = textOf((await officer.agent.get(`/foreningar/${association.id}`)).text);
    expect(after).toContain('Föreningens stöd: Stödet indraget.');
    expect(after).toMatch(
      /HÄ 2026\/\d+ FK 2026\/\d{4} Stödet dras in Beslutat VBE-1 Test case_officer, 2026-11-26 10:00 Nämnden vid sammanträdet 2026-11-26, § 45/,
    );
    const decided = textOf((await officer.agent.get(decision)).text);
    expect(decided).toMatch(
      /Kommunicering Skickad 2026-11-26, sista svarsdag 2026-12-10 – Svar har kommit \(2026-11-26\)/,
    );
    expect(after).toContain('Föreslå att stödet återupptas');
  });
});

describe('Mina påminnelser', () => {
  it('shows each role its own follow-up; booking staff are to cancel the bookings', async () => {
    const mine = textOf((await staff.agent.get('/paminnelser')).text);
    expect(mine).toContain(
      `Avboka föreningens kommande lokalbokningar Förening Gryningsförbundet ( ${association.orgNumber}) Klar senast 2026-11-26`,
    );
    expect(mine).not.toContain('Underrätta');
    const officers = textOf((await officer.agent.get('/paminnelser')).text);
    expect(officers).toMatch(
      /Skicka underrättelse om beslutet till föreningen .*Pröva återkrav av utbetalt föreningsbidrag .*Pröva om föreningen åter kan få stöd/,
    );
    expect(officers).not.toContain('Avboka');
  });

  it('completes a reminder only with a note, shown beside that reminder, once', async () => {
    const id = await reminderId('booking_staff', 'cancel_bookings');
    const blank = await post(staff, `/paminnelser/${id}/utford`, { note: '' });
    expect(blank.status).toBe(400);
    expect(blank.text).toMatch(new RegExp(`id="f-note-${id}-fel"`));
    expect(blank.text).toMatch(new RegExp(`id="f-note-${id}" name="note" rows="2" aria-invalid="true"`));
    expect(blank.text).toContain(`href="#f-note-${id}"`);
    expect(textOf(blank.text)).toContain('Fel: Fältet får inte vara tomt.');

    const ok = await post(staff, `/paminnelser/${id}/utford`, {
      note: 'Två bokningar i Medborgarhuset avbokade.',
    });
    expect(ok.status).toBe(303);
    const after = textOf((await staff.agent.get(ok.headers.location!)).text);
    expect(after).toContain('Påminnelsen är markerad som utförd.');
    expect(after).toContain('Inga påminnelser att göra.');
    const done = textOf((await staff.agent.get('/paminnelser?visa=utforda')).text);
    expect(done).toContain('Anteckning Två bokningar i Medborgarhuset avbokade.');
    const twice = await post(staff, `/paminnelser/${id}/utford`, { note: 'igen' });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain('Påminnelsen är redan markerad som utförd.');
    const event = await ctx.handle.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'reminder.completed')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe(ctx.userIds.booking_staff);
  });

  it('puts overdue reminders first, marked as late; nobody completes another role’s', async () => {
    // A week on (signed in again: the sessions have expired), the notification is late.
    ctx.clock.advanceDays(7);
    officer = await signIn(ctx, 'case_officer');
    staff = await signIn(ctx, 'booking_staff');
    const page = textOf((await officer.agent.get('/paminnelser')).text);
    expect(page).toMatch(/^.*Att göra Utförda .*? Försenad Skicka underrättelse om beslutet till föreningen/);
    expect(textOf((await officer.agent.get('/arbetsko')).text)).toContain(
      'Mina påminnelser Försenad Skicka underrättelse om beslutet till föreningen, Gryningsförbundet – senast 2026-12-01',
    );
    const other = await post(
      staff,
      `/paminnelser/${await reminderId('case_officer', 'notify_association')}/utford`,
      {
        note: 'x',
      },
    );
    expect(other.status).toBe(403);
  });
});

describe('referrals from the booking desk', () => {
  it('shows the coordinator the check, the grounds and the answer day, and takes an outcome and a note', async () => {
    await as(ctx, 'coordinator')
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
    ctx.clock.set('2026-12-09T09:00:00.000Z'); // a Wednesday: answers by Friday 11 December
    staff = await signIn(ctx, 'booking_staff'); // a new working day, a new session
    const day = '2026-12-20';
    const checks = [
      { name: association.name, orgNumber: association.orgNumber },
      { name: 'nordiska stalfronten', orgNumber: '' },
    ];
    const ids: string[] = [];
    for (const c of checks) {
      const res = await post(staff, '/lokalkontroll', { ...c, venue: 'Medborgarhuset, sal 2', date: day });
      ids.push(/Kontrollnummer: <strong class="mono">([^<]+)</.exec(res.text)![1]!);
    }

    coordinator = await signIn(ctx, 'coordinator');
    const page = await coordinator.agent.get('/hanvisningar');
    const text = textOf(page.text);
    expect(text).toContain(
      `Kontrollnummer ${ids[0]}: Gryningsförbundet Förening enligt kontrollen Gryningsförbundet ( ${association.orgNumber}) – registrerad förening Lokal och datum Medborgarhuset, sal 2, ${day} Kontrollerad av Test booking_staff, 2026-12-09 10:00 Besked senast 2026-12-11 Skäl`,
    );
    expect(text).toContain('Föreningens stöd är indraget genom ett beslut.');
    expect(text).toMatch(
      new RegExp(
        `Kontrollnummer ${ids[1]}: nordiska stalfronten .*Träff på bevakningslistan: Nordiska Stålfronten, likhet \\d+ %\\. Träffen bygger på namn\\.`,
      ),
    );
    expect(text).toContain(
      'Besked till bokningspersonalen (kontrollnummer ' +
        `${ids[1]}) Inget hinder: bokningen kan bekräftas Kan inte bekräftas`,
    );
    expect(text).not.toContain('Försenad');

    // The answer day passes: each open referral is marked, with the day it was due.
    ctx.clock.set('2026-12-14T08:00:00.000Z');
    [coordinator, staff] = await Promise.all([signIn(ctx, 'coordinator'), signIn(ctx, 'booking_staff')]);
    const late = textOf((await coordinator.agent.get('/hanvisningar')).text);
    expect(late).toContain(`Kontrollnummer ${ids[1]}: nordiska stalfronten Försenad`);
    expect(late).toContain('Besked senast 2026-12-11 – datumet har passerat');
    expect(late).not.toContain('påmint');
    // The sweep reminds the coordinators; the page says when.
    await runSweep({ db: ctx.handle.db, clock: ctx.clock, policy: defaultReminderPolicy });
    expect(textOf((await coordinator.agent.get('/hanvisningar')).text)).toContain(
      'Besked senast 2026-12-11 – datumet har passerat, påmint 2026-12-14 09:00',
    );

    const referral = (await as(ctx, 'coordinator').get('/api/referrals?status=open')).body.items.find(
      (r: { checkId: string }) => r.checkId === ids[1],
    ).id as string;
    const blank = await post(coordinator, `/hanvisningar/${referral}/avsluta`, { note: ' ' });
    expect(blank.status).toBe(400);
    const refused = textOf(blank.text);
    expect(refused).toContain(
      'Fel: Välj beskedet till bokningspersonalen: inget hinder eller kan inte bekräftas.',
    );
    expect(refused).toContain('Fel: Skriv en anteckning.');
    expect(blank.text).toContain(`href="#f-outcome-${referral}"`);
    const ok = await post(coordinator, `/hanvisningar/${referral}/avsluta`, {
      outcome: 'no_obstacle',
      note: 'Namnlikhet endast; bokningen kan genomföras.',
    });
    expect(ok.status).toBe(303);
    const after = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(after).toContain('Beskedet är lämnat. Bokningspersonalen ser det under sina kontroller.');
    expect(after).not.toContain(ids[1]);
    const resolved = textOf((await coordinator.agent.get('/hanvisningar?visa=avslutade')).text);
    expect(resolved).toContain(
      'Besked senast 2026-12-11 Besked Inget hinder Besvarad av Test coordinator, 2026-12-14 09:00 Anteckning Namnlikhet endast; bokningen kan genomföras.',
    );
    expect(resolved).not.toContain('Försenad');
    const twice = await post(coordinator, `/hanvisningar/${referral}/avsluta`, {
      outcome: 'not_cleared',
      note: 'igen',
    });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain('Hänvisningen är redan besvarad.');
    // The desk sees the answer on its page.
    const desk = textOf((await staff.agent.get('/lokalkontroll')).text);
    expect(desk).toContain(`${ids[1]} nordiska stalfronten Medborgarhuset, sal 2 ${day} Inget hinder`);
    expect(desk).toContain(
      `${ids[0]} Gryningsförbundet (${association.orgNumber}) Medborgarhuset, sal 2 ${day} Väntar på besked (senast 2026-12-11)`,
    );
  });

  it('never shows booking staff the grounds', async () => {
    expect((await staff.agent.get('/hanvisningar')).status).toBe(403);
  });
});

describe('restoring support', () => {
  it('is proposed with reasons and, once approved, closes the follow-up of the withdrawal', async () => {
    officer = await signIn(ctx, 'case_officer');
    coordinator = await signIn(ctx, 'coordinator');
    const res = await post(officer, `/foreningar/${association.id}/aterupptagande`, {
      justification: 'Föreningen har uteslutit de ansvariga och tagit avstånd skriftligt.',
    });
    expect(res.status).toBe(303);
    await post(coordinator, `${res.headers.location!.split('?')[0]}/godkann`, {
      noConflictOfInterest: 'ja',
    }).expect(303);
    const page = textOf((await officer.agent.get(`/foreningar/${association.id}`)).text);
    expect(page).toContain('Föreningens stöd: Aktivt stöd.');
    expect(page).toMatch(/Stödet återupptas Beslutat/);
    expect(textOf((await officer.agent.get('/paminnelser')).text)).toContain('Inga påminnelser att göra.');
  });
});
