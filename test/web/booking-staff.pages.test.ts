import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';

let ctx: TestContext;
let staff: Awaited<ReturnType<typeof signIn>>;
let entryId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  staff = await signIn(ctx, 'booking_staff');
  const entry = await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: ['NSF'],
      orgNumber: orgNumber(4242),
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säkerhetspolisens årsbok',
      reviewBy: '2027-06-30',
    })
    .expect(201);
  entryId = entry.body.id;
});
afterAll(() => ctx.close());

const check = (form: Record<string, string>) =>
  staff.agent
    .post('/lokalkontroll')
    .type('form')
    .send({ _csrf: staff.csrf, venue: 'Medborgarhuset, sal 2', date: '2026-12-12', ...form });

describe("booking staff's premises check", () => {
  it('is their page beside their reminders, with today as the date', async () => {
    const nav = /<nav[\s\S]*?<\/nav>/.exec((await staff.agent.get('/')).text)![0];
    expect([...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/lokalkontroll',
      '/paminnelser',
    ]);
    const form = await staff.agent.get('/lokalkontroll');
    expect(form.text).toContain('name="date" value="2026-11-26"');
  });

  it('answers "Klart" for an association in good standing', async () => {
    const a = await registerAssociation(ctx, { name: 'Södermalms Schackklubb' });
    const res = await check({ name: 'Södermalms Schackklubb', orgNumber: a.orgNumber });
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(res.text).toMatch(/<title>Klart – Lokalkontroll/);
    expect(text).toMatch(
      /Klart Klart\. Inget hinder mot att upplåta lokalen har hittats\. Kontrollens id: PK-/,
    );
    expect(text).toContain('Kontrollen gällde Södermalms Schackklubb');
  });

  it('answers "Kontakta samordnaren" with the id to quote, and nothing about why', async () => {
    const res = await check({ name: 'nordiska stalfronten' });
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    const id = /Ärende-id: (PK-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(text)?.[1];
    expect(id).toBeDefined();
    expect(text).toContain(`ange ärende-id ${id}`);
    // The whole page: no entry, score, criterion, reason or source.
    expect(res.text).not.toContain(entryId);
    expect(res.text).not.toMatch(/Stålfronten|NSF|Säkerhetspolisen|supports_violent|VBE|bevakningslist|%/i);
  });

  it('re-renders the form in Swedish when something is missing or wrong', async () => {
    const res = await check({ name: '', orgNumber: '802000-0000', date: '' });
    expect(res.status).toBe(400);
    const text = textOf(res.text);
    expect(text).toContain('Ogiltigt organisationsnummer: kontrollsiffran stämmer inte.');
    expect(text).toContain('Ange ett datum som ÅÅÅÅ-MM-DD.');
    expect(res.text).toContain('name="venue" value="Medborgarhuset, sal 2"');
  });
});
