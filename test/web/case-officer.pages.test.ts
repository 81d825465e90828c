import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { registerAssociation } from '../support/fixtures';
import { decodeEntities, signIn, textOf } from './web-support';

let ctx: TestContext;
let officer: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  ctx = await createTestContext();
  officer = await signIn(ctx, 'case_officer');
});
afterAll(() => ctx.close());

const post = (path: string, form: Record<string, string>) =>
  officer.agent
    .post(path)
    .type('form')
    .send({ _csrf: officer.csrf, ...form });

/** The value attribute of the input named `name`. */
const valueOf = (html: string, name: string) =>
  decodeEntities(new RegExp(`name="${name.replace(/\./g, '\\.')}" value="([^"]*)"`).exec(html)?.[1] ?? '');

const grantForm = (extra: Record<string, string> = {}) => ({
  kind: 'grant',
  'grant.program': 'Verksamhetsbidrag',
  'grant.amountSek': '25 000',
  'grant.periodFrom': '2027-01-01',
  'grant.periodTo': '2027-12-31',
  'statutes.adoptedAtAnnualMeeting': 'ja',
  'statutes.electedBoard': 'ja',
  'statutes.auditor': 'ja',
  'statutes.openMembership': 'ja',
  'statutes.nonDiscriminationClause': 'ja',
  'declaration.signed': 'ja',
  'declaration.signedBy': 'Anna Ek, ordförande',
  'declaration.signedOn': '2026-11-01',
  ...extra,
});

describe('registering an association', () => {
  it('re-renders with Swedish messages beside the fields, keeping what was typed', async () => {
    const res = await post('/foreningar/ny', {
      orgNumber: '802000-0000',
      name: '   ',
      aliases: 'IFK\nKamraterna',
      'representatives.1.name': 'Bo Berg', // row 2 filled, role forgotten; row 1 left blank
    });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toContain('Något behöver rättas');
    expect(text).toContain('Ogiltigt organisationsnummer: kontrollsiffran stämmer inte.');
    expect(text).toContain('Fältet får inte vara tomt.');
    expect(res.text).toMatch(/<title>Fel: Registrera förening/);
    expect(valueOf(res.text, 'orgNumber')).toBe('802000-0000');
    expect(valueOf(res.text, 'representatives.1.name')).toBe('Bo Berg');
    expect(res.text).toContain('IFK\nKamraterna</textarea>');
    // The error is on the row the person filled in (row 2), with the field marked invalid.
    expect(res.text).toMatch(/id="f-representatives\.1\.role-fel"/);
    expect(res.text).toMatch(
      /name="representatives\.1\.role" value="" aria-describedby="f-representatives\.1\.role-fel" aria-invalid="true"/,
    );
    expect(text).not.toMatch(/\b(must|invalid|expected|required)\b/i);
  });

  it('registers through the same service as the API (audited), shows names as text, and refuses a duplicate', async () => {
    const name = 'Kamraterna <script>alert(1)</script>';
    const res = await post('/foreningar/ny', {
      orgNumber: orgNumber(501).replace('-', ''),
      name,
      registeredOn: '2015-03-01',
    });
    expect(res.status).toBe(303);
    const page = await officer.agent.get(res.headers.location!);
    expect(page.text).toContain('Kamraterna &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
    expect(textOf(page.text)).toContain('Föreningen är registrerad.');
    const event = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['actor', 'action'])
      .where('action', '=', 'association.registered')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.actor).toBe(ctx.userIds.case_officer);
    const again = await post('/foreningar/ny', { orgNumber: orgNumber(501), name: 'Kopia' });
    expect(again.status).toBe(400);
    expect(textOf(again.text)).toContain(
      `En förening med organisationsnummer ${orgNumber(501)} är redan registrerad.`,
    );
  });
});

describe('an application', () => {
  it('re-renders the form with Swedish errors for every problem, including an unknown association', async () => {
    const res = await post(
      '/ansokningar/ny',
      grantForm({ orgNumber: orgNumber(999), 'grant.amountSek': 'många' }),
    );
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toMatch(
      /Något behöver rättas Ingen förening med det organisationsnumret är registrerad\. Ange ett tal\./,
    );
    expect(valueOf(res.text, 'grant.amountSek')).toBe('många');
    expect(res.text).toMatch(/name="statutes\.auditor" value="ja" checked/);
    // Rules across fields are checked once the fields themselves are valid, as by the API.
    const a = await registerAssociation(ctx);
    const period = await post(
      '/ansokningar/ny',
      grantForm({ associationId: a.id, 'grant.periodTo': '2026-12-31' }),
    );
    expect(textOf(period.text)).toContain('Periodens slut får inte vara före dess början.');
  });

  it('asks which kind of application it is', async () => {
    const a = await registerAssociation(ctx);
    const res = await post('/ansokningar/ny', grantForm({ associationId: a.id, kind: '' }));
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Välj ett av alternativen.');
  });

  it('takes a premises application, reading the times as Stockholm time', async () => {
    const a = await registerAssociation(ctx);
    const res = await post('/ansokningar/ny', {
      ...grantForm({ associationId: a.id, kind: 'premises' }),
      'premises.venue': 'Folkets hus, sal B',
      'premises.from': '2027-07-01T18:00',
      'premises.to': '2027-07-01T21:00',
    });
    expect(res.status).toBe(303);
    const id = /\/ansokningar\/([0-9a-f-]{36})/.exec(res.headers.location!)![1]!;
    const row = await ctx.handle.db
      .selectFrom('applications')
      .select(['kind', 'premises', 'grant'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.kind).toBe('premises');
    expect(row.grant).toBeNull();
    expect(new Date(row.premises!.from).toISOString()).toBe('2027-07-01T16:00:00.000Z');
    const page = await officer.agent.get(`/ansokningar/${id}`);
    expect(textOf(page.text)).toContain('Folkets hus, sal B, 2027-07-01 18:00–2027-07-01 21:00');
  });

  it('records a finding (errors in Swedish first), screens, and shows the reasons per criterion', async () => {
    const a = await registerAssociation(ctx, { name: 'Gryningsligan' });
    const created = await post('/ansokningar/ny', grantForm({ associationId: a.id }));
    expect(created.status).toBe(303);
    const appPath = created.headers.location!.split('?')[0]!;

    const finding = {
      category: 'supports_violent_extremism',
      description: 'Ordföranden uppmanade till våld vid ett möte.',
      source: 'Polisanmälan K123456-26',
      occurredOn: '2027-06-01',
      actingForAssociation: 'ja',
    };
    const bad = await post(`${appPath}/uppgifter`, finding);
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Är uppgiften verifierad? Fel: Välj ja eller nej.');
    expect(bad.text).toMatch(/<details open>/);
    expect(valueOf(bad.text, 'source')).toBe('Polisanmälan K123456-26');
    expect(bad.text).toMatch(/value="ja" checked/); // "acting for the association: yes" kept
    const future = await post(`${appPath}/uppgifter`, { ...finding, verified: 'ja' });
    expect(textOf(future.text)).toContain('Datum då det inträffade Fel: Datumet får inte ligga i framtiden.');

    const ok = await post(`${appPath}/uppgifter`, { ...finding, occurredOn: '2026-06-01', verified: 'ja' });
    expect(ok.status).toBe(303);
    const withFinding = await officer.agent.get(appPath);
    expect(textOf(withFinding.text)).toContain('Polisanmälan K123456-26');

    const screened = await post(`${appPath}/granska`, {});
    expect(screened.status).toBe(303);
    expect(screened.headers.location).toMatch(/^\/granskningar\/[0-9a-f-]{36}\?klart=granskad$/);
    const page = await officer.agent.get(screened.headers.location!);
    const text = textOf(page.text);
    expect(text).toContain('Rekommendation: Ej stödberättigad');
    expect(text).toMatch(/Kriterium VBE-1 Hinder finns leder till Ej stödberättigad/);
    expect(text).toMatch(/Kriterium DEM-1 Inget hinder/);
    expect(text).toMatch(/Kriterium FORM-4 Krav uppfyllt/);
    expect(text).toContain('Rättslig grund:');
    expect(text).toContain('Inga träffar på bevakningslistan.');

    const queue = textOf((await officer.agent.get('/arbetsko')).text);
    expect(queue).toMatch(/Granskade – väntar på beslut .*Gryningsligan/);
  });

  it('marks a finding as a lawful single-sex activity, only for discrimination or gender equality', async () => {
    const a = await registerAssociation(ctx, { name: 'Flickornas simklubb' });
    const created = await post('/ansokningar/ny', grantForm({ associationId: a.id }));
    const appPath = created.headers.location!.split('?')[0]!;
    const girlsOnly = {
      category: 'gender_equality_violation',
      description: 'Simträning där bara flickor får delta.',
      source: 'Föreningens verksamhetsberättelse 2025',
      occurredOn: '2026-02-01',
      verified: 'ja',
      actingForAssociation: 'ja',
      lawfulSingleSexActivity: 'ja',
    };
    const wrong = await post(`${appPath}/uppgifter`, { ...girlsOnly, category: 'violence_coercion_threats' });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.text)).toContain(
      'Fel: Bara en uppgift om diskriminering eller om jämställdhet mellan kvinnor och män kan gälla en tillåten verksamhet för ett kön.',
    );
    expect(wrong.text).toMatch(/name="lawfulSingleSexActivity" value="ja" checked/);

    expect((await post(`${appPath}/uppgifter`, girlsOnly)).status).toBe(303);
    const page = textOf((await officer.agent.get(appPath)).text);
    expect(page).toContain(
      'Motverkar jämställdhet mellan kvinnor och män – tillåten verksamhet för ett kön (diskrimineringslagen 2 kap. 12 §)',
    );
    const api = await as(ctx, 'case_officer').get(`/api/applications/${appPath.split('/').pop()}`);
    expect(api.body.findings[0].lawfulSingleSexActivity).toBe(true);
  });

  it('records a finding whose source is covered by secrecy, with the provision', async () => {
    const a = await registerAssociation(ctx, { name: 'Skymningsklubben' });
    const created = await post('/ansokningar/ny', grantForm({ associationId: a.id }));
    const appPath = created.headers.location!.split('?')[0]!;
    const ok = await post(`${appPath}/uppgifter`, {
      category: 'supports_violent_extremism',
      description: 'Föreningen upplät sin lokal till en våldsbejakande grupp.',
      source: 'Polisens underrättelse A-1/2026',
      'secrecy.provision': 'OSL 18 kap. 2 §',
      occurredOn: '2026-06-01',
      verified: 'ja',
      actingForAssociation: 'ja',
    });
    expect(ok.status).toBe(303);
    expect(textOf((await officer.agent.get(appPath)).text)).toContain(
      'Polisens underrättelse A-1/2026 Sekretess: OSL 18 kap. 2 §',
    );
    const api = await as(ctx, 'case_officer').get(`/api/applications/${appPath.split('/').pop()}`);
    expect(api.body.findings[0].secrecy).toEqual({ provision: 'OSL 18 kap. 2 §' });
  });
});
