import { createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { addEntryDirect, WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';
import { decodeEntities, signIn, textOf } from './web-support';

let ctx: TestContext;
let coordinator: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await signIn(ctx, 'coordinator');
});
afterAll(() => ctx.close());

const post = (path: string, form: Record<string, string>) =>
  coordinator.agent
    .post(path)
    .type('form')
    .send({ _csrf: coordinator.csrf, ...form });

const HEADER = WATCHLIST_CSV_HEADER;

/** Follows an import's redirect to its job page and reads it until the import is done. */
async function importPage(res: { status: number; headers: Record<string, string> }): Promise<string> {
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/bevakningslista\/import\/[0-9a-f-]{36}$/);
  for (;;) {
    const page = await coordinator.agent.get(res.headers.location!);
    expect(page.status).toBe(200);
    const text = textOf(decodeEntities(page.text));
    if (!text.includes('Importen pågår')) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const auditActions = async (action: string) =>
  ctx.handle.db
    .selectFrom('audit_events')
    .select(['actor', 'details'])
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .execute();

describe('the watchlist pages', () => {
  it('refuses an entry whose review date is too far ahead, in Swedish, keeping the values', async () => {
    const res = await post('/bevakningslista/ny', {
      subjectKind: 'organisation',
      name: 'Röda Vargarna',
      aliases: 'RV',
      orgNumber: '',
      category: 'violence_coercion_threats',
      reason: 'Uppmanar till våld',
      source: 'Dom B 123-26',
      reviewBy: '2028-01-01',
    });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain(
      'Ses över senast Högst ett år fram. En post som inte ses över går ut. Fel: Datumet för översyn får ligga högst ett år framåt.',
    );
    expect(res.text).toContain('name="name" value="Röda Vargarna"');
    expect(res.text).toMatch(/value="organisation" checked/);
    expect(res.text).toMatch(/value="violence_coercion_threats" selected/);
  });

  it('asks for the conduct category of a new entry and shows it in Swedish', async () => {
    const entry = {
      subjectKind: 'organisation',
      name: 'Gryningsbröderna',
      aliases: '',
      orgNumber: '',
      reason: 'Hot mot en journalist vid ett möte 2026-03-02',
      source: 'Polisanmälan K123-26',
      reviewBy: '2027-03-01',
    };
    const none = await post('/bevakningslista/ny', { ...entry, category: '' });
    expect(none.status).toBe(400);
    expect(textOf(none.text)).toContain(
      'Kategori Vilket slags dokumenterat agerande posten bygger på. Åsikter räcker aldrig. Fel: Välj ett av alternativen.',
    );
    const ok = await post('/bevakningslista/ny', { ...entry, category: 'violence_coercion_threats' });
    expect(ok.status).toBe(303);
    const page = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(page).toContain('Kategori Våld, tvång eller hot');
  });

  it('shows an entry from before categories were required as having none', async () => {
    const id = await addEntryDirect(ctx.handle.db, '2027-05-01', { name: 'Äldre Posten', category: null });
    const page = textOf((await coordinator.agent.get(`/bevakningslista/${id}`)).text);
    expect(page).toContain('Kategori Ej angiven (posten lades till innan kategori krävdes)');
  });

  it('imports pasted CSV, listing each rejected line by number in Swedish', async () => {
    const csv = [
      HEADER,
      'organisation,Röda Vargarna,RV|Vargarna,,supports_violent_extremism,hot,tips,2027-03-01',
      'organisation,Trasig Rad,,802000-0000,supports_violent_extremism,hot,tips,2027-03-01',
      'person,Sven Svensson,,,counteracts_democracy,valfusk,dom B 123-26,2027-03-01',
      'grupp,Okänd,,,discrimination,x,y,2027-03-01',
      'organisation,Åsiktsgruppen,,,opinions,x,y,2027-03-01',
    ].join('\n');
    const text = await importPage(await post('/bevakningslista/import', { csv }));
    expect(text).toContain('Läge Klar');
    expect(text).toContain('2 poster importerades.');
    expect(text).toContain('3 rader avvisades; de andra raderna påverkades inte.');
    expect(text).toContain('Rad 3 Organisationsnumret (org_number): kontrollsiffran stämmer inte.');
    expect(text).toContain('Rad 5 Typen (subject_kind) ska vara ”organisation” eller ”person”.');
    expect(text).toContain('Rad 6 Kategorin (category) ska vara en av koderna violence_coercion_threats,');
    expect(
      (await auditActions('watchlist.entry_imported')).every((e) => e.actor === ctx.userIds.coordinator),
    ).toBe(true);
  });

  it('imports an uploaded file (multipart) and asks for one when nothing is sent', async () => {
    const file = Buffer.from(
      `${HEADER}\norganisation,Uppladdade Förbundet,,${orgNumber(88)},supports_violent_extremism,hot,tips,2027-03-01\n`,
    );
    const res = await coordinator.agent
      .post('/bevakningslista/import')
      .field('_csrf', coordinator.csrf)
      .attach('file', file, { filename: 'lista.csv', contentType: 'text/csv' });
    const text = await importPage(res);
    expect(text).toContain('Fil lista.csv');
    expect(text).toContain('1 post importerades från lista.csv. Inga rader avvisades.');
    const empty = await coordinator.agent
      .post('/bevakningslista/import')
      .field('_csrf', coordinator.csrf)
      .field('csv', '');
    expect(empty.status).toBe(400);
    expect(textOf(empty.text)).toContain('Välj en fil eller klistra in raderna.');
  });

  it('searches with a Swedish explanation of each hit, audited as a watchlist read', async () => {
    const res = await coordinator.agent.get('/bevakningslista?q=roda+vargarna');
    expect(res.status).toBe(200);
    const text = textOf(decodeEntities(res.text));
    expect(text).toContain('Röda Vargarna');
    expect(text).toContain('Namnet liknar ”Röda Vargarna” till 100 %.');
    expect(text).toContain('å, ä, ö och accenter likställda');
    const [search] = await auditActions('watchlist.searched');
    expect(search).toMatchObject({ actor: ctx.userIds.coordinator, details: { q: 'roda vargarna' } });
    const byNumber = textOf(
      (await coordinator.agent.get(`/bevakningslista?orgNumber=${orgNumber(88)}`)).text,
    );
    expect(byNumber).toContain('Organisationsnumret stämmer exakt.');
  });

  it('retires an entry only with a reason; the retired entry stays readable without the form', async () => {
    const hit = await coordinator.agent.get('/bevakningslista?q=Sven+Svensson');
    const id = /href="\/bevakningslista\/([0-9a-f-]{36})"/.exec(hit.text)![1]!;
    const noReason = await post(`/bevakningslista/${id}/avregistrera`, { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(textOf(noReason.text)).toContain('Ange ett skäl.');
    const ok = await post(`/bevakningslista/${id}/avregistrera`, { reason: 'Felaktig uppgift' });
    expect(ok.status).toBe(303);
    const page = textOf((await coordinator.agent.get(ok.headers.location!)).text);
    expect(page).toContain('Posten är avregistrerad.');
    expect(page).toContain('Avregistrerad – Felaktig uppgift');
    expect(page).not.toContain('Skäl till avregistreringen');
    const twice = await post(`/bevakningslista/${id}/avregistrera`, { reason: 'igen' });
    expect(twice.status).toBe(409);
    expect(textOf(twice.text)).toContain('Posten är redan avregistrerad.');
  });

  it('lets investigators search and read but not change the list', async () => {
    const investigator = await signIn(ctx, 'investigator');
    const page = await investigator.agent.get('/bevakningslista?q=Vargarna');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('href="/bevakningslista/ny"');
    expect(page.text).not.toContain('href="/bevakningslista/import"');
    expect((await investigator.agent.get('/bevakningslista/ny')).status).toBe(403);
    expect((await investigator.agent.get('/bevakningslista/import')).status).toBe(403);
  });
});
