import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  finding,
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';
import { textOf } from '../web/web-support';
import { communicatedApplication, communicatedWithdrawal } from '../support/communications';

// Letters as the service writes them when a decision becomes final: what the API stored and serves.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({
    COMMITTEE_NAME: 'Hägersten-Älvsjö stadsdelsnämnd',
    APPEAL_COURT: 'Förvaltningsrätten i Uppsala',
    CONTACT_DETAILS: 'Kontaktcenter, 018-727 00 00',
  });
});
afterAll(() => ctx.close());

async function application(findings: Record<string, unknown>[] = []) {
  const a = await registerAssociation(ctx);
  const app = await as(ctx, 'case_officer')
    .post('/api/applications')
    .send(grantApplication(a.id, { findings }));
  expect(app.status).toBe(201);
  return { association: a, applicationId: app.body.id as string, application: app.body };
}

async function screen(applicationId: string) {
  const s = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/screenings`);
  expect(s.status).toBe(201);
  return s.body as { id: string; recommendation: string };
}

async function letterText(decisionId: string) {
  const res = await as(ctx, 'investigator').get(`/api/decisions/${decisionId}/document`);
  expect(res.status).toBe(200);
  return { html: res.text, text: textOf(res.text) };
}

const secret = finding({
  description: 'Föreningen lät en våldsbejakande grupp hålla ett rekryteringsmöte i föreningens lokal.',
  source: 'Polisens underrättelse A-77/2026',
  secrecy: { provision: 'OSL 18 kap. 2 §' },
});
const unverified = finding({
  category: 'violence_coercion_threats',
  verified: false,
  description: 'En styrelseledamot ska ha hotat en besökare.',
  source: 'Anonymt tips',
});

describe('findings covered by secrecy', () => {
  it('are recorded with their provision and shown as such; without one a finding is not secret', async () => {
    const { applicationId, application: app } = await application([secret]);
    expect(app.findings[0].secrecy).toEqual({ provision: 'OSL 18 kap. 2 §' });
    const added = await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/findings`)
      .send(finding());
    expect(added.status).toBe(201);
    expect(added.body.secrecy).toBeNull();
    const got = await as(ctx, 'case_officer').get(`/api/applications/${applicationId}`);
    const bySource = Object.fromEntries(
      got.body.findings.map((f: { source: string; secrecy: unknown }) => [f.source, f.secrecy]),
    );
    expect(bySource).toEqual({
      'Polisens underrättelse A-77/2026': { provision: 'OSL 18 kap. 2 §' },
      'Polisanmälan K123456-26': null,
    });
  });

  it.each([
    ['a blank provision', { provision: '  ' }, 'body.secrecy.provision'],
    ['an over-long provision', { provision: 'x'.repeat(201) }, 'body.secrecy.provision'],
    ['an unknown field', { provision: 'OSL 18 kap. 2 §', reason: 'x' }, 'body.secrecy'],
  ])('refuses %s', async (_what, secrecy, path) => {
    const { applicationId } = await application();
    const res = await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/findings`)
      .send(finding({ secrecy }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe('the letter of a denial', () => {
  it('states the deciding ground with its facts, withholds the secret source, and names who decided and prepared it', async () => {
    const { applicationId } = await application([finding(), secret, unverified]);
    const s = await screen(applicationId);
    const communicationId = await communicatedApplication(ctx, applicationId);
    const d = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/decisions`).send({
      screeningId: s.id,
      outcome: 'denied',
      justification:
        'Er ordförande har uppmanat till våld och ni har upplåtit er lokal till en våldsbejakande grupp.',
      communicationId,
    });
    expect(d.status).toBe(201);
    expect(d.body.criteria).toEqual(expect.arrayContaining(['VBE-1', 'DEM-1']));
    await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);

    const { html, text } = await letterText(d.body.id);
    expect(text).toContain('Hägersten-Älvsjö stadsdelsnämnd avslår er ansökan om föreningsbidrag.');
    expect(d.body.caseNumber).toMatch(/^HÄ 2026\/\d+$/);
    expect(text).toContain(`Diarienummer ${d.body.caseNumber}`);
    expect(text).toContain(
      'Ni fick ta del av underlaget den 20 november 2026 och hade till den 4 december 2026 på er att svara.',
    );
    expect(text).toContain(
      'Ni svarade den 26 november 2026. Ert svar i korthet: Föreningen bestrider uppgifterna.',
    );
    expect(text).toContain('uppmuntrar eller möjliggör våldsbejakande extremism');
    expect(text).toContain('1 juni 2026: Föreningens ordförande uppmanade till våld');
    expect(text).toContain('Källa: Polisanmälan K123456-26.');
    expect(text).toContain('rekryteringsmöte i föreningens lokal.');
    expect(html).not.toContain('Polisens underrättelse');
    expect(text).toContain(
      'Uppgiften om källan omfattas av sekretess enligt OSL 18 kap. 2 §. Därför anger vi den inte.',
    );
    // The unverified report (DEM-1, refer) was met but did not decide the case.
    expect(text).not.toContain('hotat en besökare');
    expect(text).not.toContain('utövar våld, tvång eller hot');
    expect(text).toContain('Vi har också prövat de övriga villkoren för stöd utan att finna något hinder.');
    expect(text).toContain(
      'Test coordinator har fattat beslutet på delegation från Hägersten-Älvsjö stadsdelsnämnd enligt punkt 4.1.3',
    );
    expect(text).toContain('Test case_officer har varit föredragande.');
    expect(text).toContain('Skicka det till Förvaltningsrätten i Uppsala.');
    expect(text).toContain('kontakta Test case_officer via Kontaktcenter, 018-727 00 00.');
    expect(html.toLowerCase()).not.toMatch(/bevakningslist|rekommend|sha256:/);
  });

  it('refuses a justification that would print the watchlist or the recommendation in the letter', async () => {
    const { applicationId } = await application([finding()]);
    const s = await screen(applicationId);
    const communicationId = await communicatedApplication(ctx, applicationId);
    for (const justification of [
      'Föreningen har en träff på Bevakningslistan.',
      'Enligt rekommendationen avslås ansökan.',
    ]) {
      const res = await as(ctx, 'case_officer')
        .post(`/api/applications/${applicationId}/decisions`)
        .send({ screeningId: s.id, outcome: 'denied', justification, communicationId });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        {
          path: 'body.justification',
          code: 'letter_mentions_watchlist',
          message: expect.stringMatching(/watchlist/),
        },
      ]);
    }
  });
});

describe('the letter of an approval', () => {
  it('states amount, period, the conditions and the reservation; the conditions are on the decision', async () => {
    const { applicationId } = await application();
    const s = await screen(applicationId);
    const conditions = 'Bidraget får bara användas till verksamhet för barn och unga.';
    const d = await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/decisions`)
      .send({ screeningId: s.id, outcome: 'approved', conditions });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ status: 'final', conditions });
    const { html, text } = await letterText(d.body.id);
    expect(text).toContain('Ni får 25 000 kronor för perioden 1 januari 2027 – 31 december 2027.');
    expect(text).toContain(`Villkor för bidraget ${conditions}`);
    expect(text).toContain(
      'kan nämnden dra in bidraget. Nämnden kan då också kräva tillbaka pengar som redan har betalats ut (återkrav).',
    );
    expect(text).not.toContain('Underlaget och ert svar');
    expect(html).not.toContain('class="ground"');
    // The officer who approved at once both prepared and decided it.
    expect(text).toContain('Test case_officer har fattat beslutet på delegation');
  });

  it('does not print the reasons for granting against a referral (they may be about the screening)', async () => {
    const { applicationId } = await application([unverified]);
    const s = await screen(applicationId);
    expect(s.recommendation).toBe('refer');
    const justification =
      'Träffen på bevakningslistan gällde en annan förening; rekommendationen vägs därför inte in.';
    const d = await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/decisions`)
      .send({ screeningId: s.id, outcome: 'approved', justification });
    expect(d.body.status).toBe('pending_approval');
    await as(ctx, 'case_officer_2').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);
    const { html, text } = await letterText(d.body.id);
    expect(text).toContain('beviljar er ansökan om föreningsbidrag.');
    expect(html).not.toContain('Träffen');
    expect(html.toLowerCase()).not.toMatch(/bevakningslist|rekommend/);
  });

  it('only an approval takes conditions', async () => {
    const { applicationId } = await application([finding()]);
    const s = await screen(applicationId);
    const communicationId = await communicatedApplication(ctx, applicationId);
    const res = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/decisions`).send({
      screeningId: s.id,
      outcome: 'denied',
      justification: 'Er ordförande har uppmanat till våld.',
      communicationId,
      conditions: 'Villkor.',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((x: { path: string }) => x.path)).toEqual(['body.conditions']);
  });
});

describe('the letter of a withdrawal', () => {
  it('cites the criteria with the association’s documented conduct of their kind, and nothing else', async () => {
    const { association } = await application([
      finding(),
      finding({
        category: 'discrimination',
        description: 'Föreningen nekade en person medlemskap på grund av hennes religion.',
        source: 'DO:s beslut GRA 2025/12',
      }),
    ]);
    const communicationId = await communicatedWithdrawal(ctx, association.id);
    const w = await as(ctx, 'case_officer')
      .post(`/api/associations/${association.id}/withdrawals`)
      .send({
        justification: 'Er ordförande har uppmanat till våld vid ett av era möten.',
        criteria: ['VBE-1'],
        communicationId,
      });
    expect(w.status).toBe(201);
    await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
    const { text } = await letterText(w.body.decisionId);
    expect(text).toContain(
      'Hägersten-Älvsjö stadsdelsnämnd beslutar att dra in allt stöd från nämnden till er förening',
    );
    expect(text).toContain('uppmuntrar eller möjliggör våldsbejakande extremism');
    expect(text).toContain('1 juni 2026: Föreningens ordförande uppmanade till våld');
    expect(text).not.toContain('nekade en person medlemskap');
    expect(text).toContain('Vår bedömning Er ordförande har uppmanat till våld vid ett av era möten.');
    const decision = await as(ctx, 'investigator').get(`/api/decisions/${w.body.decisionId}`);
    expect(text).toContain(`diarienummer ${decision.body.caseNumber}`);
  });
});
