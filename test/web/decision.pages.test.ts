import { createHash } from 'node:crypto';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';
import { decodeEntities, signIn, textOf } from './web-support';

// Deciding through the pages: the decision form enforces the API's rules (in Swedish, field by
// field), a delegat decides from the work queue (delegation order, jäv), a coordinator records the
// committee's decisions, and the letter is the stored bytes.
let ctx: TestContext;
let officer: Awaited<ReturnType<typeof signIn>>;
let second: Awaited<ReturnType<typeof signIn>>;
let coordinator: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  ctx = await createTestContext();
  [officer, second, coordinator] = await Promise.all([
    signIn(ctx, 'case_officer'),
    signIn(ctx, 'case_officer_2'),
    signIn(ctx, 'coordinator'),
  ]);
});
afterAll(() => ctx.close());

type Agent = typeof officer;
const post = (who: Agent, path: string, form: Record<string, string> = {}) =>
  who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...form });

async function screened(name: string, findings: unknown[] = [finding()]) {
  const a = await registerAssociation(ctx, { name });
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings }));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
  return { applicationId: app.body.id as string, screeningId: s.body.id as string };
}

const decisionCount = async (applicationId: string) =>
  (
    await ctx.handle.db
      .selectFrom('decisions')
      .select('id')
      .where('application_id', '=', applicationId)
      .execute()
  ).length;

/** A denial as the form sends it, naming the kommunicering of the case (sent and answered). */
const denial = async (applicationId: string) => ({
  outcome: 'denied',
  justification: 'Föreningens ordförande uppmanade till våld vid ett möte (VBE-1).',
  communicationId: await communicatedApplication(ctx, applicationId),
});

/** Decides as the officer through the form; returns the decision's page address. */
async function deny(s: { applicationId: string; screeningId: string }) {
  const res = await post(officer, `/granskningar/${s.screeningId}/beslut`, await denial(s.applicationId));
  expect(res.status).toBe(303);
  return res.headers.location!.split('?')[0]!;
}

/** The raw bytes a page or API address answers with. */
const bytesOf = (req: ReturnType<Agent['agent']['get']>) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('the decision form on a screening page', () => {
  it('tells the officer what each choice requires; readers who do not decide get no form', async () => {
    const { screeningId } = await screened('Gryningsligan');
    const text = textOf((await officer.agent.get(`/granskningar/${screeningId}`)).text);
    expect(text).toContain(
      'Bevilja ansökan – Kräver motivering, eftersom rekommendationen är ”Ej stödberättigad”. Beslutet gäller först när en annan handläggare eller samordnare har godkänt det.',
    );
    expect(text).toContain(
      'Avslå ansökan – Kräver motivering, och att föreningen först har fått ta del av uppgifterna och kunnat svara (kommunicering) eller ett undantag från det.',
    );
    expect(text).toContain(
      'Ingen kommunicering är skickad i ärendet. Skicka uppgifterna till föreningen från ansökans sida innan du avslår, eller ange ett undantag.',
    );
    const investigator = await signIn(ctx, 'investigator');
    const read = await investigator.agent.get(`/granskningar/${screeningId}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('/beslut" novalidate');
  });

  it('refuses a denial without communication and reasons, in Swedish beside each field, keeping the choice', async () => {
    const { applicationId, screeningId } = await screened('Mörkrets Vänner');
    const res = await post(officer, `/granskningar/${screeningId}/beslut`, { outcome: 'denied' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<title>Fel: Granskning av Mörkrets Vänner/);
    const text = textOf(res.text);
    expect(text).toContain('Något behöver rättas');
    expect(text).toContain(
      'Motivering De skäl som bestämt utgången, med hänvisning till kriterierna. Vid avslag står den i beslutsbrevet som nämndens bedömning: skriv till föreningen och nämn inte bevakningslistan eller rekommendationen. Fel: Motivera avslaget. Ett avslag ska innehålla de skäl som bestämt utgången (förvaltningslagen 32 §).',
    );
    expect(text).toContain(
      'Fel: Välj kommuniceringen som beslutet grundas på, eller ange ett undantag och varför. Ett beslut som går föreningen emot kräver att föreningen först har fått ta del av underlaget och kunnat yttra sig (förvaltningslagen 25 §).',
    );
    expect(res.text).toMatch(/id="f-outcome-denied" name="outcome" value="denied" checked/);
    expect(res.text).toMatch(/name="justification"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('href="#f-communicationId"');
    expect(text).not.toMatch(/\b(required|must|invalid|expected)\b/i);
    expect(await decisionCount(applicationId)).toBe(0);

    // The kommunicering is chosen, but the association may still answer: refused; what was typed stays.
    const unanswered = await communicatedApplication(ctx, applicationId, { answer: false });
    const page = await officer.agent.get(`/granskningar/${screeningId}`);
    expect(textOf(page.text)).toContain('Skickad 2026-11-20, sista svarsdag 2026-12-04 – Väntar på svar');
    const body = { ...(await denial(applicationId)), communicationId: unanswered };
    const early = await post(officer, `/granskningar/${screeningId}/beslut`, body);
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain(
      'Föreningen får svara till och med 2026-12-04 och inget svar är registrerat. Vänta tills svarstiden har gått ut, eller registrera svaret först.',
    );
    expect(decodeEntities(early.text)).toContain(`${body.justification}</textarea>`);
    expect(early.text).toContain(
      `id="f-communicationId-${unanswered}" name="communicationId" value="${unanswered}" checked`,
    );

    // An exception to kommunicering needs its reason, beside the field, with the exception part open.
    const { communicationId: _c, ...withoutCommunication } = body;
    const noReason = await post(officer, `/granskningar/${screeningId}/beslut`, {
      ...withoutCommunication,
      'communicationExemption.ground': 'cannot_be_postponed',
    });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain(
      'Varför undantaget gäller i det här ärendet Fel: Fältet får inte vara tomt.',
    );
    expect(noReason.text).toMatch(/<details open>\s*<summary>Besluta utan kommunicering/);
    const none = await post(officer, `/granskningar/${screeningId}/beslut`, {});
    expect(textOf(none.text)).toContain('Ditt beslut Fel: Välj ett av alternativen.');
    expect(await decisionCount(applicationId)).toBe(0);
  });

  it('asks for reasons when approving what the rules found ineligible', async () => {
    const { screeningId } = await screened('Avvikarna');
    const res = await post(officer, `/granskningar/${screeningId}/beslut`, { outcome: 'approved' });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain(
      'Motivera beslutet. Att bevilja när rekommendationen är ”Ej stödberättigad” kräver en skriftlig motivering.',
    );
  });

  it('approves an eligible application at once, final, with its letter', async () => {
    const { screeningId } = await screened('Syjuntan Tråden', []);
    const res = await post(officer, `/granskningar/${screeningId}/beslut`, { outcome: 'approved' });
    expect(res.headers.location).toMatch(/^\/beslut\/[0-9a-f-]{36}\?klart=beslut-slutligt$/);
    const text = textOf((await officer.agent.get(res.headers.location!)).text);
    expect(text).toContain('Beslutet är fattat. Beslutsbrevet är skrivet och sparat.');
    expect(text).toContain('Beslut om ansökan: Beviljas Beslutat');
    // Final at once: the preparing case officer decided it as delegat.
    expect(text).toMatch(/Föredragande Test case_officer, 2026-11-26 10:00/);
    expect(text).toMatch(
      /Beslutat av Test case_officer, 2026-11-26 10:00, delegationsordningen punkt 4\.1\.1/,
    );
  });

  it('an approval’s conditions go into its letter', async () => {
    const { screeningId } = await screened('Bokcirkeln Sidan', []);
    const res = await post(officer, `/granskningar/${screeningId}/beslut`, {
      outcome: 'approved',
      conditions: 'Bidraget ska redovisas senast den 31 mars 2028.',
    });
    expect(res.status).toBe(303);
    const letter = await officer.agent.get(`${res.headers.location!.split('?')[0]}/brev`);
    expect(textOf(letter.text)).toContain(
      'Villkor för bidraget Bidraget ska redovisas senast den 31 mars 2028.',
    );
  });
});

describe('the delegat and the letter', () => {
  it('a denial waits in the delegat’s queue; neither the preparer nor an officer without delegation can decide it; the delegat does, confirming no jäv', async () => {
    const page = await deny(await screened('Stålbröderna'));
    const id = page.split('/').pop()!;
    const mine = textOf((await officer.agent.get(page)).text);
    expect(mine).toContain('Beslut om ansökan: Avslås Beslutsförslag');
    expect(mine).toContain(
      'Delegationsordningen: Avslå ansökan om föreningsbidrag. Beslutet fattas av: Samordnare mot våldsbejakande extremism (punkt 4.1.3).',
    );
    expect(mine).toContain(
      'Du är föredragande i ärendet. Beslutet ska fattas av en annan person som har delegation (fyra ögon).',
    );
    expect(mine).toContain('Beslutsbrevet skrivs och sparas när beslutet fattas.');
    // The letter does not exist yet: a Swedish 409, not an empty page.
    const early = await officer.agent.get(`${page}/brev`);
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain(
      'Beslutsbrevet skrivs när beslutet fattas. Det här är ännu ett beslutsförslag.',
    );

    // The preparer posting a decision anyway: refused by the API's four-eyes rule, explained.
    const self = await post(officer, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(self.status).toBe(403);
    expect(textOf(self.text)).toContain(
      'Du är föredragande i ärendet. En annan person som har delegation måste fatta beslutet.',
    );
    // Another case officer: the order delegates denials to coordinators only.
    expect(textOf((await second.agent.get(page)).text)).toContain(
      'Du har inte delegation att fatta det här beslutet.',
    );
    const undelegated = await post(second, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(undelegated.status).toBe(403);
    expect(textOf(undelegated.text)).toContain(
      'Du har inte delegation för den här sortens beslut enligt delegationsordningen.',
    );

    const ownQueue = textOf((await officer.agent.get('/arbetsko')).text);
    expect(ownQueue).toMatch(/Väntar på mitt beslut Inga beslutsförslag väntar på ditt beslut\./);
    expect(ownQueue).toMatch(/Mina beslutsförslag som väntar på beslut FK 2026\/\d{4}: Avslås, Stålbröderna/);
    expect(textOf((await second.agent.get('/arbetsko')).text)).toMatch(
      /Väntar på mitt beslut Inga beslutsförslag väntar på ditt beslut\./,
    );
    const queue = await coordinator.agent.get('/arbetsko');
    expect(textOf(queue.text)).toMatch(
      /Väntar på mitt beslut .*FK 2026\/\d{4} Stålbröderna Beslut om ansökan Avslås Test case_officer/,
    );
    expect(queue.text).toContain(`href="/beslut/${id}"`);

    const form = textOf((await coordinator.agent.get(page)).text);
    expect(form).toContain('Du beslutar med stöd av delegationsordningen, punkt 4.1.3.');
    expect(form).toContain('Jag är inte jävig');
    const unconfirmed = await post(coordinator, `${page}/godkann`);
    expect(unconfirmed.status).toBe(400);
    expect(textOf(unconfirmed.text)).toContain('Bekräfta att du inte är jävig genom att kryssa i rutan.');

    const ok = await post(coordinator, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(ok.status).toBe(303);
    const finalPage = await coordinator.agent.get(ok.headers.location!);
    const text = textOf(finalPage.text);
    expect(text).toContain('Du har fattat beslutet. Beslutsbrevet är skrivet och sparat.');
    expect(text).toMatch(/Föredragande Test case_officer, 2026-11-26 10:00/);
    expect(text).toMatch(
      /Beslutat av Test coordinator, 2026-11-26 10:00, delegationsordningen punkt 4\.1\.3/,
    );
    const shown = /id="brev-sha256">([0-9a-f]{64})</.exec(finalPage.text)![1]!;

    // The letter page serves exactly the stored bytes, with the API's own headers.
    const letter = await bytesOf(second.agent.get(`${page}/brev`));
    const api = await bytesOf(as(ctx, 'investigator').get(`/api/decisions/${id}/document`));
    expect(letter.status).toBe(200);
    expect(Buffer.compare(letter.body as Buffer, api.body as Buffer)).toBe(0);
    expect(
      createHash('sha256')
        .update(letter.body as Buffer)
        .digest('hex'),
    ).toBe(shown);
    expect(letter.headers['x-document-sha256']).toBe(shown);
    expect(letter.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(letter.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect((letter.body as Buffer).toString('utf8')).toContain('Hur ni överklagar');

    const booking = await signIn(ctx, 'booking_staff');
    expect((await booking.agent.get(`${page}/brev`)).status).toBe(403);
    expect((await officer.agent.get('/beslut/inte-ett-id/brev')).status).toBe(404);

    const twice = await post(coordinator, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain(
      'Beslutsförslaget väntar inte längre på godkännande. Status nu: beslutat.',
    );
  });

  it('returns a decision only with a reason; a returned decision frees the application', async () => {
    const { applicationId, screeningId } = await screened('Återvändarna');
    const page = await deny({ applicationId, screeningId });
    const blank = await post(coordinator, `${page}/aterlamna`, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.text)).toContain('Skäl att återlämna beslutsförslaget');
    expect(textOf(blank.text)).toContain('Fel: Ange ett skäl.');
    const ok = await post(coordinator, `${page}/aterlamna`, {
      reason: 'Kommuniceringen saknar datum för svar.',
    });
    expect(ok.status).toBe(303);
    const text = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(text).toContain('Beslutsförslaget är återlämnat med ditt skäl.');
    expect(text).toContain('Återlämnat med skälet: Kommuniceringen saknar datum för svar.');
    expect(text).toContain('Beslutat av Ingen: beslutsförslaget återlämnades');
    expect(textOf((await officer.agent.get(`/granskningar/${screeningId}`)).text)).toContain('Fatta beslut');
  });

  it('a new decision on a decided application must say it replaces (ersätter) the final one; both remain', async () => {
    const { applicationId, screeningId } = await screened('Rättelseföreningen');
    const first = await deny({ applicationId, screeningId });
    await post(coordinator, `${first}/godkann`, { noConflictOfInterest: 'ja' }).expect(303);
    const screening = await officer.agent.get(`/granskningar/${screeningId}`);
    const reference = /Gällande beslut: <a href="[^"]+">(FK [^<]+)</.exec(screening.text)![1]!;
    expect(textOf(screening.text)).toContain(`Beslutet ersätter beslut ${reference}`);

    const unnamed = await post(officer, `/granskningar/${screeningId}/beslut`, await denial(applicationId));
    expect(unnamed.status).toBe(409);
    expect(textOf(unnamed.text)).toContain(
      'Ansökan har redan ett beslut. Ett nytt beslut måste ange att det ersätter det beslutet.',
    );
    const firstId = first.split('/').pop()!;
    const named = await post(officer, `/granskningar/${screeningId}/beslut`, {
      ...(await denial(applicationId)),
      justification: 'Rättelse: beslutet grundades på fel uppgift.',
      supersedesDecisionId: firstId,
    });
    expect(named.status).toBe(303);
    await post(coordinator, `${named.headers.location!.split('?')[0]}/godkann`, {
      noConflictOfInterest: 'ja',
    }).expect(303);
    expect(textOf((await officer.agent.get(first)).text)).toMatch(
      /Beslutet har ersatts av beslut FK 2026\/\d{4}\. Båda finns kvar\./,
    );
    expect(await decisionCount(applicationId)).toBe(2);
    const app = textOf((await officer.agent.get(`/ansokningar/${applicationId}`)).text);
    // Both remain (same instant under the test clock, so in either order).
    expect(app).toMatch(/FK 2026\/\d{4} Avslås Beslutat/);
    expect(app).toMatch(/FK 2026\/\d{4} Avslås Ersatt av ett senare beslut/);
  });

  it('offers no form on an older screening: the decision is made on the latest', async () => {
    const { applicationId, screeningId } = await screened('Omgranskarna');
    const newer = await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/screenings`)
      .expect(201);
    const old = await officer.agent.get(`/granskningar/${screeningId}`);
    expect(textOf(old.text)).toContain(
      'Ansökan har granskats på nytt. Beslut fattas på den senaste granskningen.',
    );
    expect(old.text).toContain(`href="/granskningar/${newer.body.id}"`);
    expect(old.text).not.toContain('Fatta beslut');
  });
});

describe('jäv and the committee', () => {
  it('refuses, in Swedish, a delegat who created a watchlist entry among the hits; another delegat decides', async () => {
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        category: 'supports_violent_extremism',
        subjectKind: 'organisation',
        name: 'Järnnätverket Söder',
        reason: 'supports_violent_extremism',
        source: 'Dom B 999-25',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const page = await deny(await screened('Järnnätverket Söder', []));
    const jav = await post(coordinator, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(jav.status).toBe(409);
    expect(textOf(jav.text)).toContain(
      'Du är jävig: du har själv lagt upp en post i bevakningslistan som gav träff i ärendet. En annan delegat måste fatta beslutet.',
    );
    const other = await signIn(ctx, 'coordinator_2');
    const ok = await post(other, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(ok.status).toBe(303);
  });

  it('a withdrawal is the committee’s: a coordinator records the meeting date and §, refused in Swedish when wrong', async () => {
    const a = await registerAssociation(ctx, { name: 'Nattvargarna' });
    const w = await as(ctx, 'case_officer')
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'Upplåter lokaler åt en våldsbejakande grupp.',
        criteria: ['VBE-1'],
        communicationExemption: {
          ground: 'obviously_unnecessary',
          justification: 'Föreningen har redan yttrat sig i ärendet.',
        },
      })
      .expect(201);
    const page = `/beslut/${w.body.decisionId}`;
    const seen = textOf((await coordinator.agent.get(page)).text);
    expect(seen).toContain(
      'Delegationsordningen: Dra in allt stöd till en förening. Beslutet fattas av nämnden.',
    );
    expect(seen).toContain('Registrera nämndens beslut');
    expect(seen).not.toContain('Jag är inte jävig');
    expect(textOf((await second.agent.get(page)).text)).toContain(
      'En samordnare registrerar nämndens beslut med sammanträdesdatum och paragraf.',
    );
    // A delegat's approval is refused: the order keeps this for the committee.
    const asDelegat = await post(coordinator, `${page}/godkann`, { noConflictOfInterest: 'ja' });
    expect(asDelegat.status).toBe(403);
    expect(textOf(asDelegat.text)).toContain('Delegationsordningen förbehåller nämnden det här beslutet.');

    const noParagraph = await post(coordinator, `${page}/namnd`, {
      'committee.meetingOn': '2026-11-26',
      'committee.paragraph': 'paragraf fyrtiofem',
    });
    expect(noParagraph.status).toBe(400);
    expect(textOf(noParagraph.text)).toContain('Fel: Ange paragrafen i protokollet, till exempel § 45.');
    expect(noParagraph.text).toContain('value="paragraf fyrtiofem"');
    const future = await post(coordinator, `${page}/namnd`, {
      'committee.meetingOn': '2026-12-10',
      'committee.paragraph': '§ 112',
    });
    expect(future.status).toBe(400);
    expect(textOf(future.text)).toContain('Fel: Datumet får inte ligga i framtiden.');

    const ok = await post(coordinator, `${page}/namnd`, {
      'committee.meetingOn': '2026-11-26',
      'committee.paragraph': '§ 112',
    });
    expect(ok.status).toBe(303);
    const text = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(text).toContain('Nämndens beslut är registrerat med sammanträdesdatum och paragraf.');
    expect(text).toMatch(
      /Beslutat av Nämnden vid sammanträdet 2026-11-26, § 112 \(registrerat av Test coordinator/,
    );
    expect((await as(ctx, 'case_officer').get(`/api/associations/${a.id}`)).body.supportStatus).toBe(
      'withdrawn',
    );
  });
});
