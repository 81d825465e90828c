import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { AppError } from '../../src/http/errors';
import { importListFile } from '../../src/watchlist/sources/sources.import';
import { svError } from '../../src/web/web.validation.sv';
import { pageErrorText } from '../support/page-error';
import { as, createTestContext, type TestContext } from '../support/test-app';

// The EU and UN sanctions lists as watchlist sources (issue 13 point 4), with small files written
// by hand in the official schemas (test/fixtures/sanctions/README.md says which).
const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/sanctions', name));

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function upload(source: string, body: Buffer | string, who: 'coordinator' | 'investigator' = 'coordinator') {
  return as(ctx, who)
    .post(`/api/watchlist/sources/${source}/import`)
    .set('Content-Type', 'application/xml')
    .send(typeof body === 'string' ? Buffer.from(body) : body);
}

async function listEntries(source: string) {
  const rows = await ctx.handle.db
    .selectFrom('watchlist_entries')
    .selectAll()
    .where('list_source', '=', source as 'eu' | 'un')
    .orderBy('list_reference')
    .orderBy('created_at')
    .execute();
  return rows;
}

const search = (q: string) => as(ctx, 'coordinator').get(`/api/watchlist/search?q=${encodeURIComponent(q)}`);

describe('importing the EU consolidated list', () => {
  it('adds every listed entity with its names, identifiers, regulation and listing date', async () => {
    const res = await upload('eu', fixture('eu-1.xml'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'eu',
      publishedOn: '2026-11-20',
      added: 3,
      updated: 0,
      retired: 0,
    });

    const rows = await listEntries('eu');
    expect(rows.map((r) => [r.list_reference, r.subject_kind, r.name, r.status])).toEqual([
      ['9001', 'organisation', 'Brigade Twelve Liberation Front', 'active'],
      ['9002', 'person', 'Ivan Petrovich Testov', 'active'],
      ['9003', 'organisation', 'Northgate Security Services Ltd', 'active'],
    ]);
    const [front, person, northgate] = rows;
    // Valid while listed: no review date.
    expect(rows.every((r) => r.review_by === null)).toBe(true);
    expect(front!.aliases).toEqual(['B12LF', 'Front de libération de la Brigade Douze']);
    expect(front!.category).toBe('supports_violent_extremism');
    expect(northgate!.category).toBe('rights_violation');
    expect(front!.listing).toMatchObject({
      reference: '9001',
      euReferenceNumber: 'EU.9001.01',
      listedOn: '2019-07-15',
      programmes: ['TERR'],
      regulations: [{ title: '2019/1337 (OJ L209)', programme: 'TERR', publishedOn: '2019-07-16' }],
      identifiers: [{ type: 'Registration Number', number: 'REG-445566', issuedBy: 'Test Registry' }],
    });
    // Strong names first, the weak spelling last; the Cyrillic spelling kept too.
    expect(person!.aliases).toEqual(['Иван Петрович Тестов', 'Vanya Testov']);
    expect(person!.listing!.names[0]).toMatchObject({
      firstName: 'Ivan',
      lastName: 'Testov',
      title: 'General',
    });
    // No designation date in the file: the first regulation's publication date is the listing date.
    expect(northgate!.listing!.listedOn).toBe('2020-12-07');
    // Provenance: the import that set the entry, with the file's date and SHA-256.
    const imp = await ctx.handle.db
      .selectFrom('watchlist_source_imports')
      .selectAll()
      .where('id', '=', front!.list_import_id!)
      .executeTakeFirstOrThrow();
    expect(imp).toMatchObject({ source: 'eu', published_on: '2026-11-20', listed: 3, status: 'completed' });
    expect(imp.file_sha256).toMatch(/^[0-9a-f]{64}$/);

    // Searchable at once, by any spelling.
    const hit = await search('Brigade Twelve Liberation Front');
    expect(hit.body.hits[0]).toMatchObject({ entryId: front!.id });
    expect((await search('Иван Петрович Тестов')).body.hits[0]).toMatchObject({ entryId: person!.id });
  });

  it('shows the entry with its listing through the API', async () => {
    const [front] = await listEntries('eu');
    const res = await as(ctx, 'investigator').get(`/api/watchlist/${front!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      reviewBy: null,
      listSource: 'eu',
      listing: { euReferenceNumber: 'EU.9001.01', importId: front!.list_import_id },
    });
  });

  it('a newer file replaces the list: adds, updates, retires (audited) and leaves the rest alone', async () => {
    const before = await listEntries('eu');
    const res = await upload('eu', fixture('eu-2.xml'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'eu',
      publishedOn: '2026-11-27',
      added: 1,
      updated: 1,
      retired: 1,
    });

    const after = await listEntries('eu');
    const byRef = (rows: typeof after, ref: string) => rows.find((r) => r.list_reference === ref)!;
    // Unchanged: not touched at all.
    expect(byRef(after, '9001').version).toBe(byRef(before, '9001').version);
    expect(byRef(after, '9001').list_import_id).toBe(byRef(before, '9001').list_import_id);
    // Changed: the same entry, updated, with the new alias searchable.
    expect(byRef(after, '9002').id).toBe(byRef(before, '9002').id);
    expect(byRef(after, '9002').aliases).toContain('Ivan Testoff');
    expect(byRef(after, '9002').list_import_id).toBe(res.body.importId);
    expect((await search('Ivan Testoff')).body.hits[0]).toMatchObject({ entryId: byRef(after, '9002').id });
    // No longer listed: retired with the reason, and no longer found.
    const gone = byRef(after, '9003');
    expect(gone).toMatchObject({ status: 'retired' });
    expect(gone.status_reason).toMatch(/Inte längre med i EU:s konsoliderade sanktionsförteckning/);
    expect((await search('Northgate Security Services')).body.hits).toEqual([]);
    // New.
    expect(byRef(after, '9004')).toMatchObject({
      status: 'active',
      name: 'Al-Testiyya Charitable Foundation',
    });
    expect(byRef(after, '9004').category).toBe('supports_violent_extremism');

    const retirements = await as(ctx, 'investigator').get(
      `/api/audit/events?entityType=watchlist_entry&entityId=${gone.id}`,
    );
    expect(retirements.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'watchlist.entry_retired',
          actor: ctx.userIds.coordinator,
          details: expect.objectContaining({
            source: 'eu',
            listReference: '9003',
            importId: res.body.importId,
          }),
        }),
      ]),
    );
  });

  it('importing the same file again changes nothing', async () => {
    const before = await listEntries('eu');
    const res = await upload('eu', fixture('eu-2.xml'));
    expect(res.body).toMatchObject({ added: 0, updated: 0, retired: 0 });
    expect((await listEntries('eu')).map((r) => r.version)).toEqual(before.map((r) => r.version));
  });

  // Instances sharing a PostgreSQL server (README, "Deploying") must not import one list at once: two
  // imports would each retire what the other adds. The other instance is played by a session holding
  // the source's lock; the embedded database is one process, so there the case cannot arise.
  (process.env.DATABASE_URL ? it : it.skip)(
    'refuses an import while another instance imports the same list, and takes the next one',
    async () => {
      await ctx.handle.db.connection().execute(async (other) => {
        const key = sql`hashtext('fk_watchlist_source_import'), hashtext('eu')`;
        await sql`select pg_advisory_lock(${key})`.execute(other);
        try {
          const res = await upload('eu', fixture('eu-2.xml'));
          expect(res.status).toBe(409);
          expect(res.body.error.code).toBe('conflict');
          // The other list is not held up.
          expect((await upload('un', '<not-a-list/>')).status).toBe(400);
        } finally {
          await sql`select pg_advisory_unlock(${key})`.execute(other);
        }
      });
      expect((await upload('eu', fixture('eu-2.xml'))).status).toBe(200);
    },
  );

  it('refuses an older file than the one imported (it would bring back removed listings)', async () => {
    const res = await upload('eu', fixture('eu-1.xml'));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect((await listEntries('eu')).find((r) => r.list_reference === '9003')!.status).toBe('retired');
    // The coordinator is told why, with both publication dates.
    const refused = await importListFile(
      ctx.deps,
      ctx.userIds.coordinator,
      'eu',
      Readable.from([fixture('eu-1.xml')]),
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(svError(refused as AppError)).toMatch(
      /^Filen publicerades \d{4}-\d{2}-\d{2}\. Den lista som redan är importerad publicerades senare, \d{4}-\d{2}-\d{2}\. /,
    );
  });

  it('a coordinator cannot retire a listed entry by hand: the list decides', async () => {
    const [front] = await listEntries('eu');
    const res = await as(ctx, 'coordinator').delete(`/api/watchlist/${front!.id}`).send({ reason: 'x' });
    expect(res.status).toBe(409);
    expect(
      await pageErrorText(ctx, 'coordinator', 'DELETE /api/watchlist/:id', {
        params: { id: front!.id },
        body: { reason: 'x' },
      }),
    ).toMatch(/^Posten kommer från EU:s sanktionslista och finns kvar så länge listan tar upp den\./);
  });
});

describe('importing the UN consolidated list', () => {
  it('adds individuals and entities with aliases, documents, regime and listing date', async () => {
    const res = await upload('un', fixture('un-1.xml'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      source: 'un',
      publishedOn: '2026-11-26',
      added: 2,
      updated: 0,
      retired: 0,
    });
    const [person, entity] = await listEntries('un');
    expect(person).toMatchObject({
      subject_kind: 'person',
      name: 'ABDUL TESTAR AL-EXAMPLI',
      category: 'supports_violent_extremism',
      review_by: null,
    });
    expect(person!.aliases).toEqual(['عبد تستار', 'Abu Testar', 'Abdul Testar al-Exampli al-Jadid']);
    expect(person!.listing).toMatchObject({
      reference: '7700001',
      unReferenceNumber: 'QDi.901',
      listedOn: '2015-09-23',
      programmes: ['Al-Qaida'],
      identifiers: [{ type: 'Passport', number: 'T1234567', country: 'Testland' }],
      remark: 'Test entry. Financier of a listed group.',
    });
    expect(person!.listing!.regulations[0]!.title).toMatch(/881\/2002/);
    expect(entity).toMatchObject({ subject_kind: 'organisation', name: 'OCEAN TEST SHIPPING COMPANY' });
    expect(entity!.aliases).toEqual(['OTSC']);
    expect(entity!.category).toBe('rights_violation');
    expect(entity!.listing!.regulations[0]!.title).toMatch(/2017\/1509/);
  });

  it('lists both sources with their last import, publication date and counts', async () => {
    const res = await as(ctx, 'investigator').get('/api/watchlist/sources');
    expect(res.status).toBe(200);
    expect(res.body.sources).toEqual([
      expect.objectContaining({
        source: 'eu',
        publishedOn: '2026-11-27',
        activeEntries: 3,
        retiredEntries: 1,
        lastImport: expect.objectContaining({
          status: 'completed',
          added: 0,
          updated: 0,
          retired: 0,
          listed: 3,
        }),
      }),
      expect.objectContaining({
        source: 'un',
        publishedOn: '2026-11-26',
        activeEntries: 2,
        retiredEntries: 0,
        lastImport: expect.objectContaining({ added: 2, importedBy: ctx.userIds.coordinator }),
      }),
    ]);
  });
});

describe('refusing what is not a valid list', () => {
  const sane = async () => (await listEntries('un')).filter((r) => r.status === 'active').length;

  it.each([
    ['not well-formed', '<CONSOLIDATED_LIST dateGenerated="2026-11-28T00:00:00Z"><INDIVIDUALS><INDIVIDUAL>'],
    [
      'a DTD',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><CONSOLIDATED_LIST dateGenerated="2026-11-28T00:00:00Z"/>',
    ],
    [
      'an entity reference',
      '<CONSOLIDATED_LIST dateGenerated="2026-11-28T00:00:00Z">&xxe;</CONSOLIDATED_LIST>',
    ],
    ['the other list', fixture('eu-1.xml').toString()],
    ['no date', '<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>'],
    // A date to come would retire today's listings and refuse every genuine file until then.
    [
      'a publication date to come',
      fixture('un-1.xml')
        .toString()
        .replace(/dateGenerated="[^"]*"/, 'dateGenerated="2099-01-01T00:00:00Z"'),
    ],
    // An empty list would retire every listing.
    [
      'no entities',
      '<CONSOLIDATED_LIST dateGenerated="2026-11-26T13:00:00Z"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>',
    ],
  ])('%s → 400 in the contract’s shape, nothing changed', async (_what, body) => {
    const before = await sane();
    const res = await upload('un', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body' }] });
    expect(typeof res.body.error.details[0].message).toBe('string');
    expect(await sane()).toBe(before);
  });

  it('an entity missing half way through → 400 and nothing written (the file is checked in full first)', async () => {
    const text = fixture('un-1.xml').toString().replace('<DATAID>7700002</DATAID>', '');
    const res = await upload('un', text);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/no DATAID/);
  });

  it('bounds every field: an overlong name is refused', async () => {
    const long = 'A'.repeat(10_001);
    const text = fixture('un-1.xml')
      .toString()
      .replace('<ALIAS_NAME>Abu Testar</ALIAS_NAME>', `<ALIAS_NAME>${long}</ALIAS_NAME>`);
    const res = await upload('un', text);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/longer than 10000 characters/);
  });

  it('bounds nesting', async () => {
    const deep = '<a>'.repeat(40) + '</a>'.repeat(40);
    const res = await upload(
      'un',
      `<CONSOLIDATED_LIST dateGenerated="2026-11-28T00:00:00Z">${deep}</CONSOLIDATED_LIST>`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/nested deeper/);
  });

  it('an unknown source is 400, another content type 415', async () => {
    expect((await upload('us', fixture('un-1.xml'))).status).toBe(400);
    const res = await as(ctx, 'coordinator')
      .post('/api/watchlist/sources/un/import')
      .set('Content-Type', 'text/plain')
      .send('x');
    expect(res.status).toBe(415);
  });
});

describe('roles', () => {
  it('only a coordinator imports; investigators read the sources; others neither', async () => {
    expect((await upload('eu', fixture('eu-2.xml'), 'investigator')).status).toBe(403);
    for (const who of ['case_officer', 'booking_staff', 'admin'] as const) {
      expect(
        (
          await as(ctx, who)
            .post('/api/watchlist/sources/eu/import')
            .set('Content-Type', 'application/xml')
            .send('<x/>')
        ).status,
      ).toBe(403);
      expect((await as(ctx, who).get('/api/watchlist/sources')).status).toBe(403);
    }
  });
});
