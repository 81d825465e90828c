import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';

// Every application is a case with a diarienummer and a handling officer; watchlist hits show to a
// case officer only in the cases they handle or have before them to decide.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const officer = (who: 'case_officer' | 'case_officer_2' = 'case_officer') => as(ctx, who);

async function apply(extra: Record<string, unknown> = {}, associationExtra: Record<string, unknown> = {}) {
  const a = await registerAssociation(ctx, associationExtra);
  return officer().post('/api/applications').send(grantApplication(a.id, extra));
}

const seqOf = (caseNumber: string) => Number(/^HÄ 2026\/(\d+)$/.exec(caseNumber)![1]);

describe('diarienummer', () => {
  it('is assigned from the format, in order, when the registry system gives none', async () => {
    const first = await apply();
    const second = await apply();
    expect(first.status).toBe(201);
    expect(first.body.caseNumber).toMatch(/^HÄ 2026\/\d+$/);
    expect(seqOf(second.body.caseNumber)).toBe(seqOf(first.body.caseNumber) + 1);
    const got = await as(ctx, 'investigator').get(`/api/applications/${first.body.id}`);
    expect(got.body.caseNumber).toBe(first.body.caseNumber);
  });

  it('takes the number the registry system gave; the same number twice is a conflict', async () => {
    const given = await apply({ caseNumber: ' KFN 2026/00417 ' });
    expect(given.status).toBe(201);
    expect(given.body.caseNumber).toBe('KFN 2026/00417');
    const again = await apply({ caseNumber: 'KFN 2026/00417' });
    expect(again.status).toBe(409);
    const listed = await as(ctx, 'coordinator').get('/api/applications?caseNumber=KFN%202026%2F00417');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([given.body.id]);
  });

  it('skips a number of the format that the registry system already gave', async () => {
    const before = await apply();
    const next = `HÄ 2026/${seqOf(before.body.caseNumber) + 1}`;
    expect((await apply({ caseNumber: next })).status).toBe(201);
    const after = await apply();
    expect(after.body.caseNumber).toBe(`HÄ 2026/${seqOf(before.body.caseNumber) + 2}`);
  });

  it.each([
    ['an empty number', ''],
    ['a control character', 'HÄ\u00002026/1'],
    ['a number longer than 50 characters', 'x'.repeat(51)],
  ])('refuses %s', async (_what, caseNumber) => {
    const res = await apply({ caseNumber });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.caseNumber');
  });

  it('is on the decision made in the case', async () => {
    const app = await apply();
    const s = await officer().post(`/api/applications/${app.body.id}/screenings`);
    const d = await officer()
      .post(`/api/applications/${app.body.id}/decisions`)
      .send({ screeningId: s.body.id, outcome: 'approved' });
    expect(d.body.caseNumber).toBe(app.body.caseNumber);
    const byNumber = await as(ctx, 'investigator').get(
      `/api/decisions?caseNumber=${encodeURIComponent(app.body.caseNumber)}`,
    );
    expect(byNumber.body.items.map((x: { id: string }) => x.id)).toEqual([d.body.id]);
  });
});

describe('handling officer', () => {
  it('is the officer who took the application in, until a case officer or coordinator reassigns it', async () => {
    const app = await apply();
    expect(app.body.assignedTo).toBe(ctx.userIds.case_officer);
    const mine = await officer().get('/api/applications?assignedTo=me&limit=500');
    expect(mine.body.items.map((a: { id: string }) => a.id)).toContain(app.body.id);
    const theirs = await officer('case_officer_2').get('/api/applications?assignedTo=me&limit=500');
    expect(theirs.body.items.map((a: { id: string }) => a.id)).not.toContain(app.body.id);

    const moved = await as(ctx, 'coordinator')
      .post(`/api/applications/${app.body.id}/assign`)
      .send({ userId: ctx.userIds.case_officer_2 });
    expect(moved.status).toBe(200);
    expect(moved.body.assignedTo).toBe(ctx.userIds.case_officer_2);
    const nowTheirs = await officer('case_officer_2').get('/api/applications?assignedTo=me&limit=500');
    expect(nowTheirs.body.items.map((a: { id: string }) => a.id)).toContain(app.body.id);

    const events = await as(ctx, 'investigator').get('/api/audit/events?limit=3');
    expect(events.body.items[0]).toMatchObject({
      action: 'case.assigned',
      actor: ctx.userIds.coordinator,
      details: {
        caseNumber: app.body.caseNumber,
        from: ctx.userIds.case_officer,
        to: ctx.userIds.case_officer_2,
      },
    });
    const back = await officer('case_officer_2')
      .post(`/api/applications/${app.body.id}/assign`)
      .send({ userId: ctx.userIds.case_officer });
    expect(back.body.assignedTo).toBe(ctx.userIds.case_officer);
  });

  it.each([
    ['a coordinator', () => ctx.userIds.coordinator],
    ['nobody known', () => '00000000-0000-4000-8000-000000000000'],
  ])('cannot be %s', async (_what, userId) => {
    const app = await apply();
    const res = await officer().post(`/api/applications/${app.body.id}/assign`).send({ userId: userId() });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.userId', code: 'case_officer_required', message: 'must be an active case officer' },
    ]);
  });

  it('lists cases by handling officer, kind and whether they are still open', async () => {
    const a = await registerAssociation(ctx);
    await officer('case_officer_2')
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'Upplåter lokaler åt en våldsbejakande grupp.',
        criteria: ['VBE-1'],
        communicationExemption: { ground: 'cannot_be_postponed', justification: 'Evenemanget är i morgon.' },
      })
      .expect(201);
    const open = await officer('case_officer_2').get('/api/cases?assignedTo=me&kind=withdrawal&open=true');
    expect(open.body.items).toEqual([
      expect.objectContaining({
        kind: 'withdrawal',
        associationId: a.id,
        assignedTo: ctx.userIds.case_officer_2,
      }),
    ]);
    const closed = await officer('case_officer_2').get('/api/cases?assignedTo=me&kind=withdrawal&open=false');
    expect(closed.body.items).toEqual([]);
  });
});

describe('need-to-know: watchlist hits', () => {
  async function screenedWithHit(name: string) {
    const a = await registerAssociation(ctx, { name: `${name} ideell förening` });
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        category: 'supports_violent_extremism',
        subjectKind: 'organisation',
        name,
        reason: 'supports_violent_extremism',
        source: 'Säpo',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const app = await officer()
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: [finding()] }));
    const s = await officer().post(`/api/applications/${app.body.id}/screenings`);
    return { applicationId: app.body.id as string, screening: s.body };
  }

  const hitsReadBy = async (userId: string) =>
    (await as(ctx, 'investigator').get(`/api/audit/events?actor=${userId}&limit=500`)).body.items.filter(
      (e: { action: string }) => e.action === 'watchlist.hits_read',
    ).length;

  it('shows the hits to the handling officer, not to another case officer, until it is put before them', async () => {
    const { applicationId, screening } = await screenedWithHit('Stålbröderna');
    expect(screening.watchlist).toMatchObject({ hitsWithheld: false });
    expect(screening.watchlist.hits[0].matchedName).toBe('Stålbröderna');

    const before = await hitsReadBy(ctx.userIds.case_officer_2);
    const other = await officer('case_officer_2').get(`/api/screenings/${screening.id}`);
    expect(other.status).toBe(200);
    expect(other.body.recommendation).toBe(screening.recommendation);
    expect(other.body.watchlist).toMatchObject({ hits: [], hitsWithheld: true });
    expect(other.body.facts.watchlist.hits).toEqual([]);
    expect(JSON.stringify(other.body)).not.toContain('Stålbröderna');
    expect(JSON.stringify(other.body)).not.toContain(screening.watchlist.hits[0].entryId);
    const listed = await officer('case_officer_2').get(`/api/screenings?applicationId=${applicationId}`);
    expect(listed.body.items[0].watchlist).toMatchObject({ hits: [], hitsWithheld: true });
    expect(await hitsReadBy(ctx.userIds.case_officer_2)).toBe(before);

    for (const who of ['coordinator', 'investigator'] as const) {
      const got = await as(ctx, who).get(`/api/screenings/${screening.id}`);
      expect(got.body.watchlist.hits).toHaveLength(1);
    }

    // Put before them to decide: a denial awaiting approval by another officer than its maker.
    await officer()
      .post(`/api/applications/${applicationId}/decisions`)
      .send({
        screeningId: screening.id,
        outcome: 'denied',
        justification: 'Uppmaning till våld.',
        communicationId: await communicatedApplication(ctx, applicationId),
      })
      .expect(201);
    const deciding = await officer('case_officer_2').get(`/api/screenings/${screening.id}`);
    expect(deciding.body.watchlist.hits).toHaveLength(1);
    expect(deciding.body.watchlist.hitsWithheld).toBe(false);
    expect(await hitsReadBy(ctx.userIds.case_officer_2)).toBe(before + 1);
  });

  it('follows the case when it is reassigned', async () => {
    const { applicationId, screening } = await screenedWithHit('Kopparligan');
    await as(ctx, 'coordinator')
      .post(`/api/applications/${applicationId}/assign`)
      .send({ userId: ctx.userIds.case_officer_2 })
      .expect(200);
    expect(
      (await officer('case_officer_2').get(`/api/screenings/${screening.id}`)).body.watchlist.hits,
    ).toHaveLength(1);
    const former = await officer().get(`/api/screenings/${screening.id}`);
    expect(former.body.watchlist).toMatchObject({ hits: [], hitsWithheld: true });
    // Screening again as the former officer: the answer has no hits for them either.
    const again = await officer().post(`/api/applications/${applicationId}/screenings`);
    expect(again.body.watchlist).toMatchObject({ hits: [], hitsWithheld: true });
    expect(again.body.recommendation).toBe(screening.recommendation);
  });
});
