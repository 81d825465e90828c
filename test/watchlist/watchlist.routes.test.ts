import { WatchlistIndexCache } from '../../src/watchlist/watchlist.index-cache';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const entry = (extra: Record<string, unknown> = {}) => ({
  subjectKind: 'organisation',
  name: 'Nordiska Stålfronten',
  aliases: ['NSF'],
  reason: 'supports_violent_extremism',
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
  ])('refuses %s', async (_what, extra, path) => {
    const res = await as(ctx, 'coordinator').post('/api/watchlist').send(entry(extra));
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('imports CSV, reporting each bad line by number and importing the rest', async () => {
    const csv = [
      'subject_kind,name,aliases,org_number,reason,source,review_by',
      'organisation,Röda Vargarna,RV|Vargarna,,supports_violent_extremism,tips,2027-03-01',
      'organisation,Trasig Rad,,802000-0000,supports_violent_extremism,tips,2027-03-01',
      'person,Sven Svensson,,,counteracts_democracy,dom B 123-26,2027-03-01',
      'grupp,Okänd,,,x,y,2027-03-01',
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
});
