import { createHash } from 'node:crypto';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';
import { decodeEntities, signIn, textOf } from './web-support';

// Deciding through the pages: the decision form enforces the API's rules (in Swedish, field by
// field), a second officer approves from the work queue, and the letter is the stored bytes.
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
    expect(text).toContain('Godkänt av Behövdes inte');
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

describe('four eyes and the letter', () => {
  it('a denial waits in the second officer’s queue; the decider cannot approve it; the other can', async () => {
    const page = await deny(await screened('Stålbröderna'));
    const id = page.split('/').pop()!;
    const mine = textOf((await officer.agent.get(page)).text);
    expect(mine).toContain('Beslut om ansökan: Avslås Beslutsförslag');
    expect(mine).toContain('Du fattade beslutet. En annan handläggare eller samordnare måste godkänna det');
    expect(mine).toContain('Beslutsbrevet skrivs och sparas när beslutet fattas.');
    // The letter does not exist yet: a Swedish 409, not an empty page.
    const early = await officer.agent.get(`${page}/brev`);
    expect(early.status).toBe(409);
    expect(textOf(early.text)).toContain(
      'Beslutsbrevet skrivs när beslutet fattas. Det här är ännu ett beslutsförslag.',
    );

    // The decider posting an approval anyway: refused by the API's four-eyes rule, explained.
    const self = await post(officer, `${page}/godkann`);
    expect(self.status).toBe(403);
    expect(textOf(self.text)).toContain('Du fattade beslutet själv.');

    const ownQueue = textOf((await officer.agent.get('/arbetsko')).text);
    expect(ownQueue).toMatch(/Väntar på mitt godkännande Inga beslut väntar på ditt godkännande\./);
    expect(ownQueue).toMatch(
      /Mina beslut som väntar på någon annans godkännande FK 2026\/\d{4}: Avslås, Stålbröderna/,
    );
    const queue = await second.agent.get('/arbetsko');
    expect(textOf(queue.text)).toMatch(
      /Väntar på mitt godkännande .*FK 2026\/\d{4} Stålbröderna Beslut om ansökan Avslås Test case_officer/,
    );
    expect(queue.text).toContain(`href="/beslut/${id}"`);

    const ok = await post(second, `${page}/godkann`);
    expect(ok.status).toBe(303);
    const finalPage = await second.agent.get(ok.headers.location!);
    const text = textOf(finalPage.text);
    expect(text).toContain('Du har godkänt beslutsförslaget. Beslutet är fattat');
    expect(text).toMatch(/Godkänt av Test case_officer_2, 2026-11-26 10:00/);
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

    const twice = await post(coordinator, `${page}/godkann`);
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
    expect(textOf(blank.text)).toContain('Skäl att återlämna beslutet');
    expect(textOf(blank.text)).toContain('Fel: Ange ett skäl.');
    const ok = await post(coordinator, `${page}/aterlamna`, {
      reason: 'Kommuniceringen saknar datum för svar.',
    });
    expect(ok.status).toBe(303);
    const text = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(text).toContain('Beslutsförslaget är återlämnat med ditt skäl.');
    expect(text).toContain('Återlämnat med skälet: Kommuniceringen saknar datum för svar.');
    expect(text).toContain('Godkänt av Inte godkänt: beslutet återlämnades');
    expect(textOf((await officer.agent.get(`/granskningar/${screeningId}`)).text)).toContain('Fatta beslut');
  });

  it('a new decision on a decided application must say it replaces (ersätter) the final one; both remain', async () => {
    const { applicationId, screeningId } = await screened('Rättelseföreningen');
    const first = await deny({ applicationId, screeningId });
    await post(coordinator, `${first}/godkann`).expect(303);
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
    await post(second, `${named.headers.location!.split('?')[0]}/godkann`).expect(303);
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
