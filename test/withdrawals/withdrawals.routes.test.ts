import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const withdrawal = {
  justification: 'Föreningen har vid upprepade tillfällen upplåtit sina lokaler åt en våldsbejakande grupp.',
  criteria: ['VBE-1'],
};

/** A withdrawal proposal after kommunicering with the association (answer recorded). */
const propose = async (associationId: string) =>
  as(ctx, 'case_officer')
    .post(`/api/associations/${associationId}/withdrawals`)
    .send({ ...withdrawal, communicationId: await communicatedWithdrawal(ctx, associationId) });

async function withdrawn() {
  const a = await registerAssociation(ctx);
  const w = await propose(a.id);
  expect(w.status).toBe(201);
  const ok = await recordCommitteeDecision(ctx, w.body.decisionId);
  expect(ok.status).toBe(200);
  return { association: a, decisionId: w.body.decisionId as string };
}

describe('withdrawal of support', () => {
  it('is a pending decision until the committee decides it: no delegat may', async () => {
    const a = await registerAssociation(ctx);
    const w = await propose(a.id);
    expect(w.status).toBe(201);
    expect(w.body).toEqual({
      decisionId: expect.any(String),
      status: 'pending_approval',
      reference: expect.any(String),
      caseNumber: expect.stringMatching(/^HÄ 2026\/\d+$/),
    });
    expect((await as(ctx, 'case_officer').get(`/api/associations/${a.id}`)).body.supportStatus).toBe(
      'active',
    );
    // The shipped order reserves withdrawals to the committee (KL 6 kap. 38 §).
    for (const who of ['case_officer', 'case_officer_2', 'coordinator'] as const) {
      const res = await as(ctx, who).post(`/api/decisions/${w.body.decisionId}/approve`).send(noConflict);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/reserves this decision to the committee/);
    }
    const second = await propose(a.id);
    expect(second.status).toBe(409);
  });

  it.each([
    ['an unknown criterion', { criteria: ['OPINION-1'] }, 'body.criteria.0'],
    ['no criterion', { criteria: [] }, 'body.criteria'],
    ['no kommunicering and no exception to it', {}, 'body.communicationId'],
    ['no justification', { justification: ' ' }, 'body.justification'],
    [
      'a justification the letter cannot print',
      { justification: 'Föreningen har en träff på bevakningslistan.' },
      'body.justification',
    ],
  ])('refuses %s', async (_what, extra, path) => {
    const a = await registerAssociation(ctx);
    const res = await as(ctx, 'case_officer')
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({ ...withdrawal, ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('when final: support withdrawn, follow-up reminders created, a letter from its own template', async () => {
    const { association, decisionId } = await withdrawn();
    expect(
      (await as(ctx, 'case_officer').get(`/api/associations/${association.id}`)).body.supportStatus,
    ).toBe('withdrawn');

    const reminders = await as(ctx, 'investigator').get(`/api/reminders?limit=500`);
    const mine = reminders.body.items.filter((r: { decisionId: string }) => r.decisionId === decisionId);
    const byKind = Object.fromEntries(
      mine.map((r: { kind: string; assigneeRole: string; dueOn: string }) => [
        r.kind,
        [r.assigneeRole, r.dueOn],
      ]),
    );
    expect(byKind).toEqual({
      cancel_bookings: ['booking_staff', '2026-11-26'],
      notify_association: ['case_officer', expect.stringMatching(/^2026-12-0\d$/)],
      recover_grant: ['case_officer', '2026-12-26'],
      reassess: ['case_officer', '2027-11-26'],
      annual_follow_up: ['coordinator', '2027-11-26'],
    });

    const letter = await as(ctx, 'investigator').get(`/api/decisions/${decisionId}/document`);
    expect(letter.text).toContain('Beslut om indraget stöd');
    expect(letter.text).toContain('beslutar att dra in allt stöd från nämnden till er förening');
    expect(letter.text).toContain(
      '<dt>Regel</dt><dd>Föreningen, eller någon som företräder den inom ramen för verksamheten, uppmuntrar eller möjliggör våldsbejakande extremism.</dd>',
    );
    expect(letter.text).toContain('Vår bedömning');
    expect(letter.text).toContain('Ni fick ta del av underlaget den 20 november 2026 och hade till den');
    expect(letter.text).toContain('laglighetsprövning');

    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${association.id}`);
    expect(events.body.items[0]).toMatchObject({
      action: 'association.support_status_changed',
      details: { supportStatus: 'withdrawn', decisionId },
    });
  });

  it('later grant screenings of a withdrawn association recommend at least refer', async () => {
    const { association } = await withdrawn();
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(association.id));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    expect(s.body.recommendation).toBe('refer');
    expect(s.body.reasons.map((r: { code: string }) => r.code)).toContain('SUP-1');
  });

  it('a later decision restores support, decided by a delegat (coordinator) and audited', async () => {
    const { association } = await withdrawn();
    const r = await as(ctx, 'case_officer')
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'Ny styrelse; föreningen har tagit avstånd och genomfört åtgärder.' });
    expect(r.status).toBe(201);
    // The order delegates restorations to coordinators: a case officer holds no delegation for them.
    const undelegated = await as(ctx, 'case_officer_2')
      .post(`/api/decisions/${r.body.decisionId}/approve`)
      .send(noConflict);
    expect(undelegated.status).toBe(403);
    const decided = await as(ctx, 'coordinator')
      .post(`/api/decisions/${r.body.decisionId}/approve`)
      .send(noConflict);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      delegationKind: 'restoration',
      decidedBy: ctx.userIds.coordinator,
      delegationPoint: '4.3.1',
      committee: null,
    });
    expect(
      (await as(ctx, 'case_officer').get(`/api/associations/${association.id}`)).body.supportStatus,
    ).toBe('active');
    const letter = await as(ctx, 'investigator').get(`/api/decisions/${r.body.decisionId}/document`);
    expect(letter.text).toContain('Beslut om återupptaget stöd');
    // The withdrawal's follow-up has no object any more: closed, with a note naming the decision.
    const open = await as(ctx, 'investigator').get(
      `/api/reminders?status=open&associationId=${association.id}`,
    );
    expect(open.body.items).toEqual([]);
    const done = await as(ctx, 'investigator').get(
      `/api/reminders?status=done&associationId=${association.id}`,
    );
    expect(done.body.items).toHaveLength(5);
    expect(done.body.items[0].note).toBe(`Avslutad: stödet återupptogs genom beslut ${r.body.reference}.`);
    const restoreActive = await as(ctx, 'case_officer')
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'x' });
    expect(restoreActive.status).toBe(409);
  });

  it('shows investigators every withdrawal with its follow-up and whether each step was done on time', async () => {
    const { decisionId } = await withdrawn();
    const cancel = (
      await as(ctx, 'booking_staff').get('/api/reminders?status=open&limit=500')
    ).body.items.find(
      (r: { decisionId: string; kind: string }) =>
        r.decisionId === decisionId && r.kind === 'cancel_bookings',
    );
    await as(ctx, 'booking_staff')
      .post(`/api/reminders/${cancel.id}/complete`)
      .send({ note: 'Två bokningar avbokade.' })
      .expect(200);
    ctx.clock.set('2026-12-20T10:00:00Z'); // notify_association is overdue by now, recover_grant not yet due
    try {
      const res = await as(ctx, 'investigator').get('/api/withdrawals?limit=500');
      expect(res.status).toBe(200);
      const w = res.body.items.find((x: { decisionId: string }) => x.decisionId === decisionId);
      const byKind = Object.fromEntries(
        w.followUps.map((f: { kind: string; onTime: boolean | null }) => [f.kind, f.onTime]),
      );
      expect(byKind).toEqual({
        cancel_bookings: true,
        notify_association: false,
        recover_grant: null,
        reassess: null,
        annual_follow_up: null,
      });
      expect(w.summary).toEqual({ total: 5, done: 1, doneOnTime: 1, overdue: 1 });
      expect((await as(ctx, 'case_officer').get('/api/withdrawals')).status).toBe(403);
    } finally {
      ctx.clock.set('2026-11-26T09:00:00.000Z');
    }
  });

  it('pages through every withdrawal one at a time, newest first, none skipped or repeated', async () => {
    for (let i = 0; i < 3; i++) await withdrawn();
    const all = (await as(ctx, 'investigator').get('/api/withdrawals?limit=500')).body.items.map(
      (w: { decisionId: string }) => w.decisionId,
    );
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await as(ctx, 'investigator').get(
        `/api/withdrawals?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(res.status).toBe(200);
      paged.push(...res.body.items.map((w: { decisionId: string }) => w.decisionId));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor && paged.length <= all.length);
    expect(paged).toEqual(all);
  });
  it('the committee’s decision is recorded by a coordinator with meeting date and §, and the letter says so', async () => {
    const a = await registerAssociation(ctx);
    const w = await propose(a.id);
    const path = `/api/decisions/${w.body.decisionId}/approve`;
    const record = (who: 'coordinator' | 'case_officer_2', committee: Record<string, unknown>) =>
      as(ctx, who).post(path).send({ committee });

    const byCaseOfficer = await record('case_officer_2', { meetingOn: '2026-11-26', paragraph: '§ 45' });
    expect(byCaseOfficer.status).toBe(403);
    expect(byCaseOfficer.body.error.message).toMatch(/Only a coordinator/);
    const future = await record('coordinator', { meetingOn: '2026-11-27', paragraph: '§ 45' });
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([
      expect.objectContaining({
        path: 'body.committee.meetingOn',
        code: 'date_in_future',
        message: 'must not be in the future',
      }),
    ]);
    const beforeProposal = await record('coordinator', { meetingOn: '2026-11-25', paragraph: '§ 45' });
    expect(beforeProposal.status).toBe(400);
    const noParagraph = await record('coordinator', { meetingOn: '2026-11-26', paragraph: '45' });
    expect(noParagraph.status).toBe(400);
    expect(noParagraph.body.error.details[0].path).toBe('body.committee.paragraph');
    expect((await as(ctx, 'case_officer').get(`/api/associations/${a.id}`)).body.supportStatus).toBe(
      'active',
    );

    // The recording coordinator may also confirm no jäv (as outside clients send it): the committee decided.
    const ok = await as(ctx, 'coordinator')
      .post(path)
      .send({ ...noConflict, committee: { meetingOn: '2026-11-26', paragraph: '§45' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'final',
      delegationKind: 'withdrawal',
      preparedBy: ctx.userIds.case_officer,
      decidedBy: null,
      delegationPoint: null,
      committee: { meetingOn: '2026-11-26', paragraph: '§ 45', recordedBy: ctx.userIds.coordinator },
    });
    expect((await as(ctx, 'case_officer').get(`/api/associations/${a.id}`)).body.supportStatus).toBe(
      'withdrawn',
    );
    const letter = await as(ctx, 'investigator').get(`/api/decisions/${w.body.decisionId}/document`);
    expect(letter.text).toContain(
      'Hägersten-Älvsjö stadsdelsnämnd fattade beslutet vid sitt sammanträde den 26 november 2026, § 45.',
    );
    expect(letter.text).toContain('Test case_officer har varit föredragande.');
    expect(letter.text).not.toContain('delegationsordning');
  });

  it('a committee body is refused for a decision a delegat takes', async () => {
    const { association } = await withdrawn();
    const r = await as(ctx, 'case_officer')
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'Ny styrelse.' });
    const res = await recordCommitteeDecision(ctx, r.body.decisionId);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/does not reserve this decision to the committee/);
  });

  it('jäv applies to a restoration: the coordinator who created a watchlist entry among the hits may not decide it', async () => {
    const a = await registerAssociation(ctx, { name: 'Stålklubben Nordväst' });
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        category: 'supports_violent_extremism',
        subjectKind: 'organisation',
        name: 'Stålklubben Nordväst',
        reason: 'supports_violent_extremism',
        source: 'Polisens lägesbild 2026',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    expect(s.body.watchlist.hits.length).toBeGreaterThan(0);
    const w = await propose(a.id);
    await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
    const r = await as(ctx, 'case_officer')
      .post(`/api/associations/${a.id}/restorations`)
      .send({ justification: 'Föreningen har bytt styrelse och tagit avstånd.' });
    const path = `/api/decisions/${r.body.decisionId}/approve`;
    const jav = await as(ctx, 'coordinator').post(path).send(noConflict);
    expect(jav.status).toBe(409);
    expect(jav.body.error.message).toMatch(/jäv.*watchlist entry/);
    const ok = await as(ctx, 'coordinator_2').post(path).send(noConflict);
    expect(ok.status).toBe(200);
    expect(ok.body.decidedBy).toBe(ctx.userIds.coordinator_2);
  });
});
