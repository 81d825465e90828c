import { sql } from 'kysely';
import { WatchlistIndexCache } from '../../src/watchlist/watchlist.index-cache';
import { IMPORT_BATCH } from '../../src/watchlist/watchlist.import';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { addEntryDirect, WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const entry = (extra: Record<string, unknown> = {}) => ({
  subjectKind: 'organisation',
  name: 'Nordiska Stålfronten',
  aliases: ['NSF'],
  category: 'supports_violent_extremism',
  reason: 'Uppmanar till våld på sina möten',
  source: 'Säpo årsrapport 2026',
  reviewBy: '2027-06-30',
  ...extra,
});

const search = (q: string) => as(ctx, 'coordinator').get(`/api/watchlist/search?q=${encodeURIComponent(q)}`);

describe('watchlist entries', () => {
  it('a coordinator adds an entry and finds it by a variant of its name, with an explanation', async () => {
    const created = await as(ctx, 'coordinator').post('/api/watchlist').send(entry());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Nordiska Stålfronten',
      status: 'active',
      reviewBy: '2027-06-30',
    });
    const res = await search('nordiska stalfronten');
    expect(res.status).toBe(200);
    expect(res.body.hits[0]).toMatchObject({ entryId: created.body.id, matchedName: 'Nordiska Stålfronten' });
    expect(res.body.hits[0].score).toBeGreaterThan(0.8);
    expect(res.body.hits[0].score).toBeLessThanOrEqual(1);
    expect(res.body.hits[0].explanation.summary).toEqual(expect.any(String));
    expect(res.body.hits[0].explanation.pairs.length).toBeGreaterThan(0);
  });

  it('finds an entry by organisationsnummer in any format with score 1', async () => {
    const org = orgNumber(77);
    const created = await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send(entry({ name: 'Helt Annat Namn', aliases: [], orgNumber: org }));
    for (const variant of [org, org.replace('-', ''), `16${org}`]) {
      const res = await as(ctx, 'investigator').get(`/api/watchlist/search?orgNumber=${variant}`);
      expect(res.body.hits[0]).toMatchObject({ entryId: created.body.id, score: 1 });
    }
  });

  it.each([
    ['a review date more than a year ahead', { reviewBy: '2028-01-01' }, 'body.reviewBy'],
    ['a review date in the past', { reviewBy: '2026-01-01' }, 'body.reviewBy'],
    ['an invalid org number', { orgNumber: '802000-0000' }, 'body.orgNumber'],
    ['a personnummer on an organisation', { personalNumber: '811218-9876' }, 'body.personalNumber'],
    ['no reason', { reason: '' }, 'body.reason'],
    ['no category', { category: undefined }, 'body.category'],
    ['a category for an opinion', { category: 'extreme_opinions' }, 'body.category'],
    ['a name over 300 characters', { name: 'x'.repeat(301) }, 'body.name'],
    ['an alias over 300 characters', { aliases: ['x'.repeat(301)] }, 'body.aliases.0'],
    ['more than 50 aliases', { aliases: Array.from({ length: 51 }, (_, i) => `Alias ${i}`) }, 'body.aliases'],
    ['a source over 1000 characters', { source: 'x'.repeat(1001) }, 'body.source'],
  ])('refuses %s', async (_what, extra, path) => {
    const res = await as(ctx, 'coordinator').post('/api/watchlist').send(entry(extra));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('imports CSV, reporting each bad line by number and importing the rest', async () => {
    const csv = [
      WATCHLIST_CSV_HEADER,
      'organisation,Röda Vargarna,RV|Vargarna,,supports_violent_extremism,hot mot politiker,tips,2027-03-01',
      'organisation,Trasig Rad,,802000-0000,supports_violent_extremism,hot,tips,2027-03-01',
      'person,Sven Svensson,,,counteracts_democracy,valfusk,dom B 123-26,2027-03-01',
      'grupp,Okänd,,,discrimination,x,y,2027-03-01',
    ].join('\n');
    const res = await as(ctx, 'coordinator')
      .post('/api/watchlist/import')
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 5]);
    expect(res.body.rejected[0].error).toMatch(/org_number/);
    expect((await search('Röda Vargarna')).body.hits).toHaveLength(1);
    // The import is a job too, readable afterwards with the same counts.
    const job = await as(ctx, 'investigator').get(`/api/watchlist/imports/${res.body.importId}`);
    expect(job.body).toMatchObject({
      status: 'completed',
      totalLines: 5,
      processedLines: 5,
      imported: 2,
      rejectedCount: 2,
      rejected: res.body.rejected,
    });
    const entry = await as(ctx, 'investigator').get(
      `/api/watchlist/${(await search('Sven Svensson')).body.hits[0].entryId}`,
    );
    expect(entry.body).toMatchObject({
      category: 'counteracts_democracy',
      reason: 'valfusk',
      source: 'dom B 123-26',
    });
  });

  it('refuses an import sent as JSON with a clear message', async () => {
    const res = await as(ctx, 'coordinator').post('/api/watchlist/import').send({ csv: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/text\/csv/);
  });

  it('retires an entry with a reason: kept, but no longer matching', async () => {
    const created = await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send(entry({ name: 'Gryningsligan', aliases: [] }));
    expect((await search('Gryningsligan')).body.hits).toHaveLength(1);
    const noReason = await as(ctx, 'coordinator').delete(`/api/watchlist/${created.body.id}`).send({});
    expect(noReason.status).toBe(400);
    const retired = await as(ctx, 'coordinator')
      .delete(`/api/watchlist/${created.body.id}`)
      .send({ reason: 'Felaktig uppgift' });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ status: 'retired', statusReason: 'Felaktig uppgift' });
    expect((await search('Gryningsligan')).body.hits).toHaveLength(0);
    const kept = await as(ctx, 'investigator').get(`/api/watchlist/${created.body.id}`);
    expect(kept.body.status).toBe('retired');
    const twice = await as(ctx, 'coordinator')
      .delete(`/api/watchlist/${created.body.id}`)
      .send({ reason: 'igen' });
    expect(twice.status).toBe(409);
  });

  it('stops matching the day after its review date even before the sweep expires it', async () => {
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send(entry({ name: 'Kortlivade Kollektivet', aliases: [], reviewBy: '2026-12-01' }));
    expect((await search('Kortlivade Kollektivet')).body.hits).toHaveLength(1);
    ctx.clock.set('2026-12-02T08:00:00Z');
    try {
      expect((await search('Kortlivade Kollektivet')).body.hits).toHaveLength(0);
    } finally {
      ctx.clock.set('2026-11-26T09:00:00.000Z');
    }
  });

  it('keeps the list from case officers and booking staff, and audits every search', async () => {
    expect((await as(ctx, 'case_officer').get('/api/watchlist/search?q=x')).status).toBe(403);
    expect((await as(ctx, 'booking_staff').get('/api/watchlist')).status).toBe(403);
    expect((await as(ctx, 'case_officer').post('/api/watchlist').send(entry())).status).toBe(403);
    await as(ctx, 'investigator').get('/api/watchlist/search?q=Vargarna');
    const events = await as(ctx, 'investigator').get(
      `/api/audit/events?actor=${ctx.userIds.investigator}&entityType=watchlist_entry`,
    );
    expect(events.body.items[0]).toMatchObject({ action: 'watchlist.searched', details: { q: 'Vargarna' } });
  });

  it('keeps a second instance on the same database current through the version counter', async () => {
    const other = new WatchlistIndexCache(ctx.handle.db);
    await other.refresh();
    const before = other.size;
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send(entry({ name: 'Sent Tillagda Förbundet', aliases: [] }));
    await other.refresh();
    expect(other.size).toBe(before + 1);
    expect(other.search({ name: 'Sent Tillagda Förbundet' }, '2026-11-26')).toHaveLength(1);
  });

  it('does not let entries past their review date hide a live one from the limit (issue 13 point 5)', async () => {
    // Five entries whose review date passed (not yet swept) match "Skuggfronten" exactly; the live
    // one matches less well, so it ranks below all five.
    for (let i = 0; i < 5; i++) await addEntryDirect(ctx.handle.db, '2026-11-01', { name: 'Skuggfronten' });
    const live = await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send(entry({ name: 'Skuggfronten ideell förening', aliases: [] }))
      .expect(201);
    const res = await as(ctx, 'coordinator').get('/api/watchlist/search?q=Skuggfronten&limit=3');
    expect(res.body.hits.map((h: { entryId: string }) => h.entryId)).toEqual([live.body.id]);
    // The booking desk's check looks at three hits: it must still refer.
    const check = await as(ctx, 'booking_staff')
      .post('/api/premises-checks')
      .send({ name: 'Skuggfronten', venue: 'Medborgarhuset', date: '2026-12-12' });
    expect(check.body.result).toBe('refer');
  });

  it('shows an entry from before categories were required with none, and still matches it', async () => {
    const id = await addEntryDirect(ctx.handle.db, '2027-05-01', {
      name: 'Gamla Garantiligan',
      category: null,
    });
    expect((await as(ctx, 'investigator').get(`/api/watchlist/${id}`)).body.category).toBeNull();
    expect((await search('Gamla Garantiligan')).body.hits[0].entryId).toBe(id);
  });
});

describe('imports as jobs', () => {
  const lines = (n: number, from = 0) =>
    Array.from(
      { length: n },
      (_, i) => `organisation,Importgruppen ${from + i} Nord,,,discrimination,x,tips,2027-03-01`,
    );
  const waitFor = async (id: string) => {
    for (;;) {
      const job = await as(ctx, 'coordinator').get(`/api/watchlist/imports/${id}`);
      if (job.body.status !== 'running') return job.body;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('starts a large import and answers at once; the job shows progress, then the result', async () => {
    const csv = [WATCHLIST_CSV_HEADER, ...lines(450), 'organisation,,,,discrimination,x,y,2027-03-01'].join(
      '\n',
    );
    const started = await as(ctx, 'coordinator')
      .post('/api/watchlist/imports?filename=lista.csv')
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: 'running',
      filename: 'lista.csv',
      totalLines: 452,
      imported: 0,
    });
    const done = await waitFor(started.body.id);
    expect(done).toMatchObject({
      status: 'completed',
      processedLines: 452,
      imported: 450,
      rejectedCount: 1,
      rejected: [{ line: 452, error: 'name is empty' }],
    });
    expect((await search('Importgruppen 449 Nord')).body.hits).toHaveLength(1);
  });

  it('writes a large import in several transactions, each its own watchlist version', async () => {
    const version = async () =>
      (await ctx.handle.db.selectFrom('watchlist_state').select('version').executeTakeFirstOrThrow()).version;
    const before = Number(await version());
    const res = await as(ctx, 'coordinator')
      .post('/api/watchlist/import')
      .set('Content-Type', 'text/csv')
      .send([WATCHLIST_CSV_HEADER, ...lines(450, 1000)].join('\n'))
      .expect(201);
    expect(res.body).toMatchObject({ imported: 450, rejected: [] });
    // A batch at a time, each its own transaction and watchlist version.
    expect(Number(await version()) - before).toBe(Math.ceil(450 / IMPORT_BATCH));
    const audited = await ctx.handle.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('action', '=', 'watchlist.entry_imported')
      .where(sql`details->>'importId'`, '=', res.body.importId)
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(450);
  });

  it('lets coordinators and investigators read a job, nobody else start or read one', async () => {
    const csv = [WATCHLIST_CSV_HEADER, ...lines(1, 5000)].join('\n');
    for (const who of ['investigator', 'case_officer', 'booking_staff'] as const) {
      const res = await as(ctx, who).post('/api/watchlist/imports').set('Content-Type', 'text/csv').send(csv);
      expect(res.status).toBe(403);
    }
    const started = await as(ctx, 'coordinator')
      .post('/api/watchlist/imports')
      .set('Content-Type', 'text/csv')
      .send(csv);
    await waitFor(started.body.id);
    expect((await as(ctx, 'investigator').get(`/api/watchlist/imports/${started.body.id}`)).status).toBe(200);
    expect((await as(ctx, 'case_officer').get(`/api/watchlist/imports/${started.body.id}`)).status).toBe(403);
  });
});
