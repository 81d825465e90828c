import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { recordCommitteeDecision, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await as(ctx, 'coordinator')
    .post('/api/watchlist')
    .send({
      subjectKind: 'organisation',
      name: 'Nordiska Stålfronten',
      aliases: ['NSF'],
      orgNumber: orgNumber(4242),
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säpo',
      reviewBy: '2027-06-30',
    })
    .expect(201);
});
afterAll(() => ctx.close());

const check = (body: Record<string, unknown>, who: 'booking_staff' | 'coordinator' = 'booking_staff') =>
  as(ctx, who)
    .post('/api/premises-checks')
    .send({ venue: 'Medborgarhuset, sal 2', date: '2026-12-12', ...body });

describe('premises check', () => {
  it('answers clear for an association in good standing, and nothing else', async () => {
    const a = await registerAssociation(ctx, { name: 'Södermalms Schackklubb' });
    const res = await check({ name: 'Södermalms Schackklubb', orgNumber: a.orgNumber });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      checkId: expect.stringMatching(/^PK-[0-9A-Z]{5}-[0-9A-Z]{5}$/),
      result: 'clear',
      message: 'Inget hinder. Bokningen kan bekräftas.',
    });
  });

  it('answers refer on a watchlist name variant with only a check number and a date: no entry, score, criterion or reason', async () => {
    // Thursday 26 November 2026: two working days on is Monday 30 November.
    const res = await check({ name: 'nordiska stalfronten' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['answerBy', 'checkId', 'message', 'result']);
    expect(res.body.result).toBe('refer');
    expect(res.body.answerBy).toBe('2026-11-30');
    expect(res.body.message).toBe(
      `Bokningen behöver stämmas av innan den bekräftas. Kontrollnummer: ${res.body.checkId}. Du får besked senast 2026-11-30.`,
    );
    const whole = JSON.stringify(res.body) + JSON.stringify(res.headers);
    const entries = (await as(ctx, 'investigator').get('/api/watchlist')).body.items as { id: string }[];
    for (const e of entries) expect(whole).not.toContain(e.id);
    expect(whole).not.toMatch(/Stålfronten|score|watchlist|bevakning|VBE|supports_violent|Säpo/i);
  });

  it('refers on the organisationsnummer in any format, whatever the name', async () => {
    for (const org of [orgNumber(4242), orgNumber(4242).replace('-', ''), `16${orgNumber(4242)}`]) {
      expect((await check({ name: 'Helt Vanlig Förening', orgNumber: org })).body.result).toBe('refer');
    }
  });

  it('refers an association whose support was withdrawn', async () => {
    const a = await registerAssociation(ctx, { name: 'Idrottsföreningen Kvarnen' });
    expect((await check({ name: 'Idrottsföreningen Kvarnen' })).body.result).toBe('clear');
    const w = await as(ctx, 'case_officer')
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'Upplåter lokaler åt våldsbejakande grupp.',
        criteria: ['VBE-1'],
        communicationId: await communicatedWithdrawal(ctx, a.id),
      });
    // Withdrawal is the committee's (the shipped delegation order): recorded by a coordinator.
    await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
    expect((await check({ name: 'idrottsföreningen kvarnen' })).body.result).toBe('refer');
    expect((await check({ name: 'Annat namn', orgNumber: a.orgNumber })).body.result).toBe('refer');
  });

  it('refers when a registered association’s representative is on the watchlist, without saying so', async () => {
    const a = await registerAssociation(ctx, {
      name: 'Kulturföreningen Ljuset',
      representatives: [{ name: 'Bengt Karlsson', role: 'ordförande', personalNumber: '811218-9876' }],
    });
    await as(ctx, 'coordinator').post('/api/watchlist').send({
      subjectKind: 'person',
      name: 'Bengt Karlsson',
      personalNumber: '811218-9876',
      category: 'violence_coercion_threats',
      reason: 'violence_coercion_threats',
      source: 'Dom B 1-26',
      reviewBy: '2027-06-30',
    });
    const res = await check({ name: 'Kulturföreningen Ljuset', orgNumber: a.orgNumber });
    expect(res.body.result).toBe('refer');
    expect(JSON.stringify(res.body)).not.toMatch(/Bengt|Karlsson|person/i);
  });

  it('opens a referral for the coordinator with the grounds and the answer day; answered once with an outcome and a note', async () => {
    const res = await check({ name: 'NSF' });
    expect(res.body.result).toBe('refer');
    const list = await as(ctx, 'coordinator').get('/api/referrals?status=open&limit=500');
    const referral = list.body.items.find((r: { checkId: string }) => r.checkId === res.body.checkId);
    expect(referral).toMatchObject({
      status: 'open',
      answerBy: '2026-11-30',
      overdue: false,
      escalatedAt: null,
      outcome: null,
      check: {
        name: 'NSF',
        venue: 'Medborgarhuset, sal 2',
        date: '2026-12-12',
        checkedBy: ctx.userIds.booking_staff,
      },
      grounds: [
        expect.objectContaining({
          kind: 'watchlist',
          matchedName: expect.any(String),
          score: expect.any(Number),
        }),
      ],
    });
    const done = await as(ctx, 'coordinator')
      .post(`/api/referrals/${referral.id}/resolve`)
      .send({ outcome: 'not_cleared', note: 'Kontrollerat: samma organisation. Bokningen nekas.' });
    expect(done.body).toMatchObject({
      status: 'resolved',
      outcome: 'not_cleared',
      resolvedBy: ctx.userIds.coordinator,
    });
    expect(
      (
        await as(ctx, 'coordinator')
          .post(`/api/referrals/${referral.id}/resolve`)
          .send({ outcome: 'no_obstacle', note: 'igen' })
      ).status,
    ).toBe(409);
    expect((await as(ctx, 'coordinator').post(`/api/referrals/${referral.id}/resolve`).send({})).status).toBe(
      400,
    );
  });

  it('stores and audits every check', async () => {
    const res = await check({ name: 'Vanliga Vänner' });
    const rows = await ctx.handle.db
      .selectFrom('premises_checks')
      .selectAll()
      .where('id', '=', res.body.checkId)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${res.body.checkId}`);
    expect(events.body.items[0]).toMatchObject({
      action: 'premises.checked',
      actor: ctx.userIds.booking_staff,
      details: { result: 'clear' },
    });
  });

  it('booking staff cannot read referrals, decisions, screenings, the watchlist or the register', async () => {
    for (const path of [
      '/api/referrals',
      '/api/decisions',
      '/api/screenings',
      '/api/watchlist',
      '/api/associations',
      '/api/audit/events',
    ]) {
      expect({ path, status: (await as(ctx, 'booking_staff').get(path)).status }).toEqual({
        path,
        status: 403,
      });
    }
  });

  it('refuses a bad org number or missing venue with 400', async () => {
    expect((await check({ name: 'X', orgNumber: '123' })).status).toBe(400);
    expect((await check({ name: 'X', venue: '' })).status).toBe(400);
    expect((await check({ name: 'X', date: '2026-13-01' })).status).toBe(400);
  });
});
