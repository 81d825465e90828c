import { as, createTestContext, type TestContext } from '../support/test-app';
import { grantApplication, registerAssociation } from '../support/fixtures';
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
  const ok = await as(ctx, 'coordinator').post(`/api/decisions/${w.body.decisionId}/approve`);
  expect(ok.status).toBe(200);
  return { association: a, decisionId: w.body.decisionId as string };
}

describe('withdrawal of support', () => {
  it('is a pending decision until a second officer approves it', async () => {
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
    expect((await as(ctx, 'case_officer').post(`/api/decisions/${w.body.decisionId}/approve`)).status).toBe(
      403,
    );
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

  it('a later decision restores support, also approved by a second officer and audited', async () => {
    const { association } = await withdrawn();
    const r = await as(ctx, 'case_officer')
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'Ny styrelse; föreningen har tagit avstånd och genomfört åtgärder.' });
    expect(r.status).toBe(201);
    await as(ctx, 'case_officer_2').post(`/api/decisions/${r.body.decisionId}/approve`).expect(200);
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
});
