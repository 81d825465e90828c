import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { signIn, textOf } from '../web/web-support';

// Registerutdrag: everything held about one person — watchlist entries, roles in associations,
// findings that name them, booking checks and referrals, screenings they were a hit in — as JSON and
// as a Swedish document, by personnummer or by name; nothing about anyone else; every request audited.

let ctx: TestContext;
let associationId: string;
let entryId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const a = await registerAssociation(ctx, {
    name: 'Föreningen Ljuset',
    representatives: [
      { name: 'Karl Svensson', role: 'ordförande', personalNumber: '19800101-0001' },
      { name: 'Eva Berg', role: 'kassör' },
    ],
  });
  associationId = a.id;
  const entry = await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      category: 'violence_coercion_threats',
      subjectKind: 'person',
      name: 'Karl Svensson',
      aliases: ['Kalle Svensson'],
      personalNumber: '198001010001',
      reason: 'violence_coercion_threats',
      source: 'Dom B 12-25',
      reviewBy: '2027-06-01',
    });
  entryId = entry.body.id;
  await as(ctx, 'coordinator').post('/api/watchlist').send({
    category: 'violence_coercion_threats',
    subjectKind: 'person',
    name: 'Eva Berg',
    reason: 'violence_coercion_threats',
    source: 'Annan källa',
    reviewBy: '2027-06-01',
  });
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
  await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/findings`)
    .send(finding({ description: 'Kalle Svensson hotade en besökare vid föreningens möte.' }));
  await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/findings`)
    .send(finding({ description: 'Styrelsen uppmanade till våld.' }));
  // Another person's matter that holds his alias inside a longer word: not his data.
  await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/findings`)
    .send(finding({ description: 'Kalle Svenssonska stiftelsen delade ut hotfulla flygblad.' }));
  await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  await as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name: 'Karl Svensson', venue: 'Sal 3', date: '2027-01-10' });
  // The association's check refers because of its chairman's entry.
  const referred = await as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name: 'Föreningen Ljuset', venue: 'Sal 4', date: '2027-01-11' });
  expect(referred.body.result).toBe('refer');
});
afterAll(() => ctx.close());

const extract = (query: string, who: 'coordinator' | 'admin' = 'coordinator') =>
  as(ctx, who).get(`/api/register-extract?${query}`);

it('gathers everything held about the person by personnummer, in any format, and nothing else', async () => {
  const res = await extract('personalNumber=800101-0001');
  expect(res.status).toBe(200);
  const body = res.body;
  expect(body.subject).toEqual({ personalNumber: '19800101-0001', name: null });
  expect(body.watchlistEntries).toEqual([
    expect.objectContaining({
      id: entryId,
      name: 'Karl Svensson',
      personalNumber: '19800101-0001',
      source: 'Dom B 12-25',
    }),
  ]);
  expect(body.representativeRoles).toEqual([
    {
      associationId,
      associationName: 'Föreningen Ljuset',
      orgNumber: expect.any(String),
      name: 'Karl Svensson',
      role: 'ordförande',
    },
  ]);
  // The finding names him by his other name; the one about the board does not name him.
  expect(body.findings.map((f: { description: string }) => f.description)).toEqual([
    'Kalle Svensson hotade en besökare vid föreningens möte.',
  ]);
  const byVenue = (a: { venue: string }, b: { venue: string }) => a.venue.localeCompare(b.venue);
  expect([...body.premisesChecks].sort(byVenue)).toEqual([
    expect.objectContaining({ name: 'Karl Svensson', venue: 'Sal 3', result: 'clear', referral: null }),
    expect.objectContaining({
      name: 'Föreningen Ljuset',
      venue: 'Sal 4',
      result: 'refer',
      referral: expect.objectContaining({ status: 'open' }),
    }),
  ]);
  expect(body.screeningHits).toEqual([
    expect.objectContaining({ entryId, associationName: 'Föreningen Ljuset' }),
  ]);
  expect(JSON.stringify(body)).not.toContain('Eva Berg');

  const same = await extract('personalNumber=198001010001', 'admin');
  expect(same.body.watchlistEntries).toHaveLength(1);
});

it('finds the person by name, case and all, and as an alias', async () => {
  const byName = await extract('name=karl%20svensson');
  expect(byName.body.watchlistEntries.map((e: { id: string }) => e.id)).toEqual([entryId]);
  expect(byName.body.representativeRoles).toHaveLength(1);
  const byAlias = await extract('name=Kalle%20Svensson');
  expect(byAlias.body.watchlistEntries.map((e: { id: string }) => e.id)).toEqual([entryId]);
});

it('writes a document in Swedish for the person', async () => {
  const doc = await extract('personalNumber=19800101-0001').set('Accept', 'text/html');
  expect(doc.status).toBe(200);
  expect(doc.headers['content-type']).toContain('text/html');
  const text = textOf(doc.text);
  expect(text).toContain('Registerutdrag');
  expect(text).toContain('Utdrag enligt artikel 15 i dataskyddsförordningen');
  expect(text).toContain('Bevakningslistan');
  expect(text).toContain('Karl Svensson');
  expect(text).toContain('Uppdrag i föreningar Förening Organisationsnummer Uppdrag Föreningen Ljuset');
  expect(text).toContain('Kalle Svensson hotade en besökare');
  expect(text).toContain(
    'En post på bevakningslistan sparas i 3 månader efter att den har avregistrerats eller löpt ut.',
  );
  expect(text).toContain('Integritetsskyddsmyndigheten');
  const nobody = await extract('name=Ingen%20Alls&format=html');
  expect(textOf(nobody.text)).toContain('Vi har inga uppgifter om dig i Föreningskontroll.');
});

it('audits every request with whom it was about and what was found', async () => {
  const res = await extract('personalNumber=19800101-0001');
  const events = (await as(ctx, 'investigator').get(`/api/audit/events?entityId=${res.body.id}`)).body.items;
  expect(events).toEqual([
    expect.objectContaining({
      action: 'register_extract.requested',
      actor: ctx.userIds.coordinator,
      details: expect.objectContaining({
        subject: { personalNumber: '19800101-0001', name: null },
        watchlistEntryIds: [entryId],
        associationIds: [associationId],
      }),
    }),
  ]);
});

it.each([
  ['neither', '', 'query.personalNumber'],
  ['both', 'personalNumber=19800101-0001&name=Karl', 'query.personalNumber'],
  ['a personnummer that fails its check digit', 'personalNumber=19800101-0002', 'query.personalNumber'],
  ['an empty name', 'name=%20', 'query.name'],
])('refuses %s with 400', async (_what, query, path) => {
  const res = await extract(query);
  expect(res.status).toBe(400);
  expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
});

it('gives coordinators the page and the document, posted so the personnummer stays out of the address', async () => {
  const coordinator = await signIn(ctx, 'coordinator');
  const form = await coordinator.agent.get('/registerutdrag');
  expect(form.status).toBe(200);
  const res = await coordinator.agent
    .post('/registerutdrag')
    .type('form')
    .send({ _csrf: coordinator.csrf, personalNumber: '19800101-0001', name: '' });
  expect(res.status).toBe(200);
  const text = textOf(res.text);
  expect(text).toContain('Det finns 6 uppgifter om personen.');
  expect(text).toContain('pröva om någon uppgift omfattas av sekretess');
  const doc = await coordinator.agent
    .post('/registerutdrag/dokument')
    .type('form')
    .send({ _csrf: coordinator.csrf, personalNumber: '19800101-0001', name: '' });
  expect(textOf(doc.text)).toContain('Utdrag enligt artikel 15 i dataskyddsförordningen');
  const wrong = await coordinator.agent
    .post('/registerutdrag')
    .type('form')
    .send({ _csrf: coordinator.csrf, personalNumber: '', name: '' });
  expect(wrong.status).toBe(400);
  expect(textOf(wrong.text)).toContain('Något behöver rättas');
  const officer = await signIn(ctx, 'case_officer');
  expect((await officer.agent.get('/registerutdrag')).status).toBe(403);
});
