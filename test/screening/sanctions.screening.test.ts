import { readFileSync } from 'node:fs';
import path from 'node:path';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { grantApplication, noConflict, registerAssociation } from '../support/fixtures';

// SANK-1 (rule set 2026.3, from 2027-01-01): a hit on an entry of the EU or UN sanctions list refers
// under its own criterion with the asset-freeze regulation named for the coordinator, booking staff
// still only learn "refer", and an approval waits for the coordinator's recorded clearance.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const eu = readFileSync(path.join(__dirname, '../fixtures/sanctions/eu-1.xml'));
  const res = await as(ctx, 'coordinator')
    .post('/api/watchlist/sources/eu/import')
    .set('Content-Type', 'application/xml')
    .send(eu);
  expect(res.status).toBe(200);
  // Rule set 2026.3 takes effect on 2027-01-01.
  ctx.clock.set('2027-01-11T09:00:00.000Z');
});
afterAll(() => ctx.close());

async function screenApplication(associationExtra: Record<string, unknown>) {
  const a = await registerAssociation(ctx, associationExtra);
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
  expect(app.status).toBe(201);
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  expect(s.status).toBe(201);
  return { association: a, applicationId: app.body.id as string, screening: s.body };
}

const listed = (reference: string) =>
  ctx.handle.db
    .selectFrom('watchlist_entries')
    .select(['id'])
    .where('list_source', '=', 'eu')
    .where('list_reference', '=', reference)
    .executeTakeFirstOrThrow();

describe('a hit on a sanctions-list entry', () => {
  it('refers under SANK-1 in rule set 2026.3, with the EU regulation of the listing named', async () => {
    const { screening } = await screenApplication({ name: 'Brigade Twelve Liberation Front' });
    const front = await listed('9001');
    expect(screening.ruleSet.version).toBe('2026.3');
    expect(screening.recommendation).toBe('refer');
    const sank = screening.checks.find((c: { ruleId: string }) => c.ruleId === 'SANK-1');
    expect(sank).toMatchObject({ code: 'SANK-1', status: 'met', outcome: 'refer' });
    expect(sank.legalBasis).toMatch(/2580\/2001/);
    expect(sank.legalBasis).toMatch(/881\/2002/);
    const reason = screening.reasons.find((r: { code: string }) => r.code === 'SANK-1');
    expect(reason.watchlistEntryIds).toEqual([front.id]);
    // The hit names the regulation and programme of this listing.
    const hit = screening.watchlist.hits.find((h: { entryId: string }) => h.entryId === front.id);
    expect(hit.sanctions).toEqual({
      list: 'eu',
      reference: 'EU.9001.01',
      programmes: ['TERR'],
      regulations: ['2019/1337 (OJ L209)'],
    });
  });

  it('refers for a representative on the list too', async () => {
    const { screening } = await screenApplication({
      name: 'Föreningen Gröna Gårdar',
      representatives: [{ name: 'Ivan Petrovich Testov', role: 'ordförande' }],
    });
    const person = await listed('9002');
    const reason = screening.reasons.find((r: { code: string }) => r.code === 'SANK-1');
    expect(reason).toBeDefined();
    expect(reason.watchlistEntryIds).toEqual([person.id]);
  });

  it('an association on no list gets no SANK-1', async () => {
    const { screening } = await screenApplication({ name: 'Hägerstens Schacksällskap' });
    expect(screening.checks.find((c: { ruleId: string }) => c.ruleId === 'SANK-1').status).toBe('not_met');
    expect(screening.recommendation).toBe('eligible');
  });

  it('booking staff get refer and nothing else', async () => {
    const res = await as(ctx, 'booking_staff')
      .post('/api/premises-checks')
      .send({ venue: 'Medborgarhuset, sal 2', date: '2027-02-12', name: 'Brigade Twelve Liberation Front' });
    expect(res.status).toBe(201);
    expect(res.body.result).toBe('refer');
    expect(Object.keys(res.body).sort()).toEqual(['answerBy', 'checkId', 'message', 'result']);
    expect(JSON.stringify(res.body)).not.toMatch(/SANK|sanktion|2019\/1337|EU\.9001/i);
  });
});

describe('approving an application with a SANK-1 hit', () => {
  it('is refused until the coordinator records that the hit is a false positive, then allowed', async () => {
    const { applicationId, screening } = await screenApplication({ name: 'Brigade Twelve Liberation Front' });
    const front = await listed('9001');
    const prepared = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/decisions`).send({
      screeningId: screening.id,
      outcome: 'approved',
      justification: 'Föreningen är en idrottsförening i Hägersten utan koppling till den listade gruppen.',
    });
    expect(prepared.status).toBe(201);
    expect(prepared.body.status).toBe('pending_approval');
    const approve = () =>
      as(ctx, 'case_officer_2').post(`/api/decisions/${prepared.body.id}/approve`).send(noConflict);

    const refused = await approve();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'sanctions_hit_not_cleared',
      details: [{ path: `watchlist.hits.${front.id}` }],
    });
    const status = await as(ctx, 'investigator').get(`/api/decisions/${prepared.body.id}`);
    expect(status.body.status).toBe('pending_approval');

    const clear = (
      who: 'coordinator' | 'case_officer',
      entryId: string,
      note = 'Annan organisation: registrerad i Sverige 2015, styrelsen känd.',
    ) => as(ctx, who).post(`/api/screenings/${screening.id}/hits/${entryId}/clearance`).send({ note });
    // Only the coordinator judges the hit; only hits SANK-1 relied on can be cleared; a note is needed.
    expect((await clear('case_officer', front.id)).status).toBe(403);
    const other = await listed('9003');
    expect((await clear('coordinator', other.id)).status).toBe(400);
    expect((await clear('coordinator', front.id, ' ')).status).toBe(400);

    const cleared = await clear('coordinator', front.id);
    expect(cleared.status).toBe(201);
    expect(cleared.body).toMatchObject({
      screeningId: screening.id,
      applicationId,
      entryId: front.id,
      clearedBy: ctx.userIds.coordinator,
    });
    expect((await clear('coordinator', front.id)).status).toBe(409);
    const audit = await as(ctx, 'investigator').get(
      `/api/audit/events?entityType=screening&entityId=${screening.id}`,
    );
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'screening.sanctions_hit_cleared',
          actor: ctx.userIds.coordinator,
          details: expect.objectContaining({
            entryId: front.id,
            note: expect.stringMatching(/Annan organisation/),
          }),
        }),
      ]),
    );
    const hits = await as(ctx, 'investigator').get(`/api/screenings/${screening.id}/sanctions-hits`);
    expect(hits.body).toMatchObject({ entryIds: [front.id], uncleared: [] });

    const approved = await approve();
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('final');
  });
});
