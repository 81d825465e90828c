import { createHash } from 'node:crypto';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';

// Cases through the pages: the diarienummer on intake and on every page of the case, the handling
// officer and handing a case over, kommunicering from the application page with its stored letter,
// the decision form choosing it, need-to-know for watchlist hits, and the queue of one's own cases.
let ctx: TestContext;
let officer: Awaited<ReturnType<typeof signIn>>;
let second: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  ctx = await createTestContext();
  [officer, second] = await Promise.all([signIn(ctx, 'case_officer'), signIn(ctx, 'case_officer_2')]);
});
afterAll(() => ctx.close());

type Agent = typeof officer;
const post = (who: Agent, path: string, form: Record<string, string> = {}) =>
  who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...form });

async function applied(name: string, extra: Record<string, unknown> = { findings: [finding()] }) {
  const a = await registerAssociation(ctx, { name });
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id, extra));
  return app.body as { id: string; caseNumber: string; findings: { id: string }[] };
}

describe('diarienummer and handling officer', () => {
  it('takes the registry’s number at intake, shows it on the application, and refuses it twice', async () => {
    const a = await registerAssociation(ctx, { name: 'Diarieföreningen' });
    const form = {
      associationId: a.id,
      caseNumber: 'HÄ 2026/4711',
      kind: 'grant',
      'grant.program': 'Verksamhetsbidrag',
      'grant.amountSek': '10 000',
      'grant.periodFrom': '2027-01-01',
      'grant.periodTo': '2027-12-31',
      'declaration.signed': 'ja',
      'declaration.signedBy': 'Anna Ek',
      'declaration.signedOn': '2026-11-01',
    };
    const res = await post(officer, '/ansokningar/ny', form);
    expect(res.status).toBe(303);
    const page = textOf((await officer.agent.get(res.headers.location!)).text);
    expect(page).toContain('Diarienummer HÄ 2026/4711 Handläggare Test case_officer');
    const again = await post(officer, '/ansokningar/ny', form);
    expect(again.status).toBe(409);
    expect(textOf(again.text)).toContain('Diarienumret HÄ 2026/4711 används redan.');
  });

  it('hands the case to another officer from the application page, only to an active case officer', async () => {
    const app = await applied('Överlämnarna');
    const page = await officer.agent.get(`/ansokningar/${app.id}`);
    expect(page.text).toContain(`<option value="${ctx.userIds.case_officer_2}">Test case_officer_2</option>`);
    expect(page.text).not.toContain(`<option value="${ctx.userIds.coordinator}">`);
    const none = await post(officer, `/ansokningar/${app.id}/handlaggare`, { userId: '' });
    expect(none.status).toBe(400);
    expect(none.text).toMatch(/<details open>\s*<summary>Lämna ärendet till en annan handläggare/);
    const moved = await post(officer, `/ansokningar/${app.id}/handlaggare`, {
      userId: ctx.userIds.case_officer_2,
    });
    expect(moved.status).toBe(303);
    const after = textOf((await officer.agent.get(moved.headers.location!)).text);
    expect(after).toContain('Ärendet har fått en ny handläggare.');
    expect(after).toContain(`Diarienummer ${app.caseNumber} Handläggare Test case_officer_2`);
  });

  it('the work queue shows a case officer their own cases with their numbers, and everyone’s on request', async () => {
    const mine = await applied('Köföreningen Egen');
    const theirs = await applied('Köföreningen Annans');
    await as(ctx, 'coordinator')
      .post(`/api/applications/${theirs.id}/assign`)
      .send({ userId: ctx.userIds.case_officer_2 })
      .expect(200);
    const queue = textOf((await officer.agent.get('/arbetsko')).text);
    expect(queue).toContain('Ansökningarna nedan är dina ärenden.');
    expect(queue).toContain(`${mine.caseNumber} Köföreningen Egen`);
    expect(queue).not.toContain('Köföreningen Annans');
    const all = textOf((await officer.agent.get('/arbetsko?alla=ja')).text);
    expect(all).toContain(`${theirs.caseNumber} Köföreningen Annans`);
    expect(all).toMatch(/Köföreningen Annans \S+ Föreningsbidrag Test case_officer_2/);
    expect(textOf((await second.agent.get('/arbetsko')).text)).toContain(
      `${theirs.caseNumber} Köföreningen Annans`,
    );
  });
});

describe('kommunicering from the application page', () => {
  it('sends the chosen findings with a deadline; the letter is stored; the denial then names it', async () => {
    const app = await applied('Brevföreningen');
    const page = await officer.agent.get(`/ansokningar/${app.id}`);
    expect(textOf(page.text)).toContain('Kommunicering Innan ett beslut som går föreningen emot');
    expect(textOf(page.text)).toContain('Ingen kommunicering är skickad i ärendet.');

    const none = await post(officer, `/ansokningar/${app.id}/kommunicering`, { replyBy: '2026-11-20' });
    expect(none.status).toBe(400);
    expect(textOf(none.text)).toContain('Fel: Sista svarsdag kan inte vara före den dag brevet skickas.');
    expect(none.text).toMatch(/<details open>\s*<summary>Skicka uppgifterna till föreningen/);

    const sent = await post(officer, `/ansokningar/${app.id}/kommunicering`, {
      [`findingIds.${app.findings[0]!.id}`]: 'ja',
      replyBy: '2026-12-10',
    });
    expect(sent.status).toBe(303);
    const commPage = sent.headers.location!.split('?')[0]!;
    const shown = await officer.agent.get(sent.headers.location!);
    const sha = /id="brev-sha256">([0-9a-f]{64})</.exec(shown.text)![1]!;
    expect(textOf(shown.text)).toContain(
      `Diarienummer ${app.caseNumber} Ärende Föreningsbidrag från Brevföreningen`,
    );
    expect(textOf(shown.text)).toContain('Polisanmälan K123456-26');
    const letter = await officer.agent
      .get(`${commPage}/brev`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(
      createHash('sha256')
        .update(letter.body as Buffer)
        .digest('hex'),
    ).toBe(sha);
    expect(letter.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect((letter.body as Buffer).toString('utf8')).toContain(app.caseNumber);

    const listed = textOf((await officer.agent.get(`/ansokningar/${app.id}`)).text);
    expect(listed).toContain(
      'Skickad Sista svarsdag Status Uppgifter 2026-11-26 2026-12-10 Väntar på svar 1',
    );

    // The answer comes; the decision form offers the communication, and the denial rests on it.
    const future = await post(officer, `${commPage}/svar`, { receivedOn: '2026-11-27', summary: 'Svar.' });
    expect(future.status).toBe(400);
    expect(textOf(future.text)).toContain('Datum då svaret kom in Fel: Datumet får inte ligga i framtiden.');
    await post(officer, `${commPage}/svar`, {
      receivedOn: '2026-11-26',
      summary: 'Föreningen bestrider uppgiften.',
    }).expect(303);
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.id}/screenings`).expect(201);
    const form = await officer.agent.get(`/granskningar/${s.body.id}`);
    const communicationId = commPage.split('/').pop()!;
    expect(form.text).toContain(`name="communicationId" value="${communicationId}"`);
    expect(textOf(form.text)).toContain('Skickad 2026-11-26, sista svarsdag 2026-12-10 – Svar har kommit');
    const denied = await post(officer, `/granskningar/${s.body.id}/beslut`, {
      outcome: 'denied',
      justification: 'Uppmaning till våld vid föreningens möte.',
      communicationId,
    });
    expect(denied.status).toBe(303);
    const decision = textOf((await officer.agent.get(denied.headers.location!)).text);
    expect(decision).toMatch(
      new RegExp(`Diarienummer ${app.caseNumber.replace('/', '\\/')} Beslutsnummer FK 2026\\/\\d{4}`),
    );
    expect(decision).toContain(
      'Kommunicering Skickad 2026-11-26, sista svarsdag 2026-12-10 – Svar har kommit (2026-11-26)',
    );
  });

  it('a denial may state an exception instead; the decision page says which and why', async () => {
    const app = await applied('Undantagsföreningen');
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.id}/screenings`).expect(201);
    const res = await post(officer, `/granskningar/${s.body.id}/beslut`, {
      outcome: 'denied',
      justification: 'Uppmaning till våld vid föreningens möte.',
      'communicationExemption.ground': 'harder_to_carry_out',
      'communicationExemption.justification': 'Bidraget betalas ut i morgon.',
    });
    expect(res.status).toBe(303);
    expect(textOf((await officer.agent.get(res.headers.location!)).text)).toContain(
      'Kommunicering Undantag: Det kan befaras att det annars skulle bli avsevärt svårare att genomföra beslutet. Bidraget betalas ut i morgon.',
    );
  });
});

describe('need-to-know on the screening page', () => {
  it('shows the hits to the handling officer and says to others that they are withheld', async () => {
    const a = await registerAssociation(ctx, { name: 'Järnkorset ideell förening' });
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        category: 'supports_violent_extremism',
        subjectKind: 'organisation',
        name: 'Järnkorset',
        reason: 'supports_violent_extremism',
        source: 'Säpo',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
    const own = textOf((await officer.agent.get(`/granskningar/${s.body.id}`)).text);
    expect(own).toContain('Träffar på bevakningslistan');
    expect(own).toMatch(/Järnkorset .*Järnkorset ideell förening Föreningen/);
    const other = await second.agent.get(`/granskningar/${s.body.id}`);
    const text = textOf(other.text);
    expect(text).toContain(
      'Träffarna på bevakningslistan visas bara för ärendets handläggare och för den som ska besluta i ärendet.',
    );
    expect(text).toContain('Rekommendation: Särskild prövning');
    expect(other.text).not.toContain(s.body.watchlist.hits[0].entryId);
    expect(text).not.toMatch(/Järnkorset(?! ideell förening)/);
  });
});
