import { createHash } from 'node:crypto';
import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  finding,
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';
import { textOf } from '../web/web-support';

// Kommunicering (förvaltningslagen 25 §) as its own step: a letter with the material and a deadline,
// stored as sent, the answer or its absence recorded once, and no adverse decision while the
// association may still answer — unless the decision states one of the law's exceptions.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
afterEach(() => ctx.clock.set('2026-11-26T09:00:00.000Z'));

const officer = () => as(ctx, 'case_officer');

/** An application with a documented finding, screened: the engine recommends a denial. */
async function screenedWithFinding(extra: Record<string, unknown> = {}) {
  const a = await registerAssociation(ctx);
  const app = await officer()
    .post('/api/applications')
    .send(grantApplication(a.id, { findings: [finding(extra)] }));
  const s = await officer().post(`/api/applications/${app.body.id}/screenings`);
  return {
    association: a,
    application: app.body as { id: string; caseNumber: string; findings: { id: string }[] },
    screening: s.body as { id: string },
  };
}

const send = (body: Record<string, unknown>) => officer().post('/api/communications').send(body);

const deny = (applicationId: string, screeningId: string, extra: Record<string, unknown>) =>
  officer()
    .post(`/api/applications/${applicationId}/decisions`)
    .send({
      screeningId,
      outcome: 'denied',
      justification: 'Ordföranden uppmanade till våld vid föreningens möte.',
      ...extra,
    });

async function letterOf(id: string) {
  return as(ctx, 'investigator')
    .get(`/api/communications/${id}/document`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

describe('kommunicering of an application', () => {
  it('sends the letter once: stored with its hash, served byte for byte, in the case of the application', async () => {
    const { application } = await screenedWithFinding();
    const res = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      caseNumber: application.caseNumber,
      caseKind: 'application',
      applicationId: application.id,
      sentOn: '2026-11-26',
      replyBy: '2026-12-10',
      status: 'awaiting_reply',
      documentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const doc = await letterOf(res.body.id);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(doc.headers['x-document-sha256']).toBe(res.body.documentSha256);
    const bytes = doc.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(res.body.documentSha256);

    const letter = bytes.toString('utf8');
    expect(letter).toContain(`Diarienummer</dt><dd>${application.caseNumber}`);
    expect(letter).toContain('Stockholms stad');
    expect(letter).toContain('överväger att avslå föreningens ansökan om föreningsbidrag');
    expect(letter).toContain('Föreningens ordförande uppmanade till våld mot meningsmotståndare');
    expect(letter).toContain('Polisanmälan K123456-26');
    expect(letter).toContain('1 juni 2026');
    expect(letter).toContain('Vi behöver ert svar senast den 10 december 2026.');
    expect(letter).toContain('Svara med brev eller e-post');
    expect(letter).toContain('25 § förvaltningslagen (2017:900)');
    expect(letter).toContain('kontakta handläggaren Test case_officer');

    for (const who of ['coordinator', 'investigator', 'case_officer_2'] as const) {
      const got = await as(ctx, who).get(`/api/communications/${res.body.id}`);
      expect(got.status).toBe(200);
      expect(got.body.documentSha256).toBe(res.body.documentSha256);
    }
    expect((await as(ctx, 'booking_staff').get(`/api/communications/${res.body.id}`)).status).toBe(403);
    const listed = await as(ctx, 'coordinator').get(`/api/communications?applicationId=${application.id}`);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);

    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${res.body.id}`);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['communication.sent']);
  });

  it.each([
    ['a deadline before the day it is sent', { sentOn: '2026-11-20', replyBy: '2026-11-19' }, 'body.replyBy'],
    ['a deadline more than three months away', { replyBy: '2027-02-27' }, 'body.replyBy'],
    ['a sending day in the future', { sentOn: '2026-11-27', replyBy: '2026-12-10' }, 'body.sentOn'],
    ['neither an application nor an association', { applicationId: undefined }, 'body.applicationId'],
  ])('refuses %s', async (_what, extra, path) => {
    const { application } = await screenedWithFinding();
    const res = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
      ...extra,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('may rest on the case’s documents alone, with a deadline on the day it is sent (the association was told in person)', async () => {
    const association = await registerAssociation(ctx);
    const res = await send({ associationId: association.id, findingIds: [], replyBy: '2026-11-26' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ sentOn: '2026-11-26', replyBy: '2026-11-26', status: 'awaiting_reply' });
    const letter = await as(ctx, 'case_officer').get(`/api/communications/${res.body.id}/document`);
    expect(textOf(letter.text)).toContain('Underlaget är handlingarna i ärendet.');
    const reply = await as(ctx, 'case_officer')
      .post(`/api/communications/${res.body.id}/reply`)
      .send({ receivedOn: '2026-11-26', summary: 'Föreningen har inget att tillägga.' });
    expect(reply.status).toBe(200);
  });

  it('takes a deadline of exactly three months, and refuses a finding of another application', async () => {
    const { application } = await screenedWithFinding();
    const other = await screenedWithFinding();
    const ok = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2027-02-26',
    });
    expect(ok.status).toBe(201);
    const foreign = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id, other.application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([
      {
        path: 'body.findingIds.1',
        code: 'finding_not_of_application',
        message: 'not a finding of this application',
      },
    ]);
  });

  it('no denial while the association may still answer; once the answer is recorded, the denial names it', async () => {
    const { application, screening } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    const early = await deny(application.id, screening.id, { communicationId: c.body.id });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/may answer the communication until 2026-12-10/);

    const reply = await officer().post(`/api/communications/${c.body.id}/reply`).send({
      receivedOn: '2026-11-26',
      summary: 'Föreningen menar att ordföranden talade som privatperson.',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: 'replied',
      replyReceivedOn: '2026-11-26',
      replySummary: 'Föreningen menar att ordföranden talade som privatperson.',
      replyRecordedBy: ctx.userIds.case_officer,
    });
    const twice = await officer()
      .post(`/api/communications/${c.body.id}/reply`)
      .send({ receivedOn: '2026-11-26', summary: 'Igen.' });
    expect(twice.status).toBe(409);

    const d = await deny(application.id, screening.id, { communicationId: c.body.id });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({
      caseNumber: application.caseNumber,
      communicationId: c.body.id,
      communicationExemption: null,
      status: 'pending_approval',
    });
    expect(d.body).not.toHaveProperty('communicatedOn');
    // The letter tells the kommunicering: when the material was sent and by when to answer.
    await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);
    const letter = await as(ctx, 'investigator').get(`/api/decisions/${d.body.id}/document`);
    expect(letter.text).toContain('Ni fick ta del av underlaget den 26 november 2026 och hade till den');
  });

  it('without an answer: "no reply" only after the deadline, and a denial may then follow', async () => {
    const { application, screening } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      sentOn: '2026-11-20',
      replyBy: '2026-12-04',
    });
    expect(c.body.sentOn).toBe('2026-11-20');
    const tooEarly = await officer().post(`/api/communications/${c.body.id}/reply`).send({ noReply: true });
    expect(tooEarly.status).toBe(409);
    ctx.clock.set('2026-12-04T20:00:00Z'); // the last day to answer, in Sweden
    expect(
      (await officer().post(`/api/communications/${c.body.id}/reply`).send({ noReply: true })).status,
    ).toBe(409);
    expect((await deny(application.id, screening.id, { communicationId: c.body.id })).status).toBe(409);

    ctx.clock.set('2026-12-05T08:00:00Z');
    const none = await officer().post(`/api/communications/${c.body.id}/reply`).send({ noReply: true });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ status: 'no_reply', replyReceivedOn: null, replySummary: null });
    expect((await deny(application.id, screening.id, { communicationId: c.body.id })).status).toBe(201);
  });

  it('a deadline that has passed unanswered is enough, even before "no reply" is recorded', async () => {
    const { application, screening } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-01',
    });
    ctx.clock.set('2026-12-02T08:00:00Z');
    expect((await deny(application.id, screening.id, { communicationId: c.body.id })).status).toBe(201);
  });

  it('refuses an answer dated before the letter or in the future', async () => {
    const { application } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      sentOn: '2026-11-20',
      replyBy: '2026-12-04',
    });
    for (const receivedOn of ['2026-11-19', '2026-11-27']) {
      const res = await officer()
        .post(`/api/communications/${c.body.id}/reply`)
        .send({ receivedOn, summary: 'Svar.' });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('body.receivedOn');
    }
    const neither = await officer().post(`/api/communications/${c.body.id}/reply`).send({ noReply: false });
    expect(neither.status).toBe(400);
  });

  it('the database refuses to change a sent letter or delete a communication', async () => {
    const { application } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    const db = ctx.handle.db;
    await expect(
      db
        .updateTable('communications')
        .set({ document_html: '<p>annat</p>' })
        .where('id', '=', c.body.id)
        .execute(),
    ).rejects.toThrow(/never changed/);
    await expect(
      db.updateTable('communications').set({ reply_by: '2026-11-27' }).where('id', '=', c.body.id).execute(),
    ).rejects.toThrow(/never changed/);
    await expect(db.deleteFrom('communications').where('id', '=', c.body.id).execute()).rejects.toThrow(
      /never deleted/,
    );
  });
});

describe('exceptions to kommunicering (förvaltningslagen 25 §)', () => {
  it('a denial may state one of the law’s exceptions with a reason; it is stored on the decision', async () => {
    const { application, screening } = await screenedWithFinding();
    const exemption = {
      ground: 'harder_to_carry_out',
      justification: 'Bidraget betalas ut i morgon; en underrättelse nu skulle göra beslutet verkningslöst.',
    };
    const d = await deny(application.id, screening.id, { communicationExemption: exemption });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ communicationId: null, communicationExemption: exemption });
    const got = await as(ctx, 'investigator').get(`/api/decisions/${d.body.id}`);
    expect(got.body.communicationExemption).toEqual(exemption);
  });

  it.each([
    ['an exception not in the law', { communicationExemption: { ground: 'convenient', justification: 'x' } }],
    [
      'an exception without a reason',
      { communicationExemption: { ground: 'cannot_be_postponed', justification: ' ' } },
    ],
  ])('refuses %s', async (_what, extra) => {
    const { application, screening } = await screenedWithFinding();
    const res = await deny(application.id, screening.id, extra);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toMatch(/^body\.communicationExemption/);
  });

  it('refuses both a communication and an exception, and an exception on an approval', async () => {
    const { application, screening } = await screenedWithFinding();
    const c = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    const both = await deny(application.id, screening.id, {
      communicationId: c.body.id,
      communicationExemption: { ground: 'cannot_be_postponed', justification: 'Brådskande.' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.details.map((d: { path: string }) => d.path)).toContain(
      'body.communicationExemption',
    );
    const approval = await officer()
      .post(`/api/applications/${application.id}/decisions`)
      .send({
        screeningId: screening.id,
        outcome: 'approved',
        justification: 'Särskilda skäl: föreningen har tagit avstånd.',
        communicationExemption: { ground: 'obviously_unnecessary', justification: 'Beviljas.' },
      });
    expect(approval.status).toBe(400);
    expect(approval.body.error.details[0].path).toBe('body.communicationExemption');
  });

  it('the old communicatedOn is gone from the API', async () => {
    const { application, screening } = await screenedWithFinding();
    const res = await deny(application.id, screening.id, { communicatedOn: '2026-11-20' });
    expect(res.status).toBe(400);
  });
});

describe('kommunicering before a withdrawal', () => {
  it('opens the association’s withdrawal case; a second letter and the withdrawal join the same case', async () => {
    const { association, application } = await screenedWithFinding();
    const first = await send({
      associationId: association.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ caseKind: 'withdrawal', applicationId: null });
    expect(first.body.caseNumber).toMatch(/^HÄ 2026\/\d+$/);
    expect(first.body.caseNumber).not.toBe(application.caseNumber);
    const letter = await as(ctx, 'investigator').get(`/api/communications/${first.body.id}/document`);
    expect(letter.text).toContain('överväger att dra in allt stöd');

    const second = await send({
      associationId: association.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-14',
    });
    expect(second.body.caseNumber).toBe(first.body.caseNumber);

    const withdraw = (extra: Record<string, unknown>) =>
      officer()
        .post(`/api/associations/${association.id}/withdrawals`)
        .send({ justification: 'Uppmaning till våld vid föreningens möte.', criteria: ['VBE-1'], ...extra });
    expect((await withdraw({ communicationId: first.body.id })).status).toBe(409);
    const onApplicationCase = await send({
      applicationId: application.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    const wrongCase = await withdraw({ communicationId: onApplicationCase.body.id });
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.body.error.details).toEqual([
      {
        path: 'body.communicationId',
        code: 'communication_not_of_case',
        message: 'not a communication of this case',
      },
    ]);

    await officer()
      .post(`/api/communications/${first.body.id}/reply`)
      .send({ receivedOn: '2026-11-26', summary: 'Föreningen har uteslutit ordföranden.' })
      .expect(200);
    const w = await withdraw({ communicationId: first.body.id });
    expect(w.status).toBe(201);
    expect(w.body.caseNumber).toBe(first.body.caseNumber);
    const decision = await as(ctx, 'investigator').get(`/api/decisions/${w.body.decisionId}`);
    expect(decision.body).toMatchObject({
      caseNumber: first.body.caseNumber,
      communicationId: first.body.id,
    });

    // Once final, support is withdrawn: no new kommunicering about withdrawing it; a restoration
    // (in the association's favour, no kommunicering) continues the same case.
    await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
    const after = await send({
      associationId: association.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    expect(after.status).toBe(409);
    const restore = await officer()
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'Ny styrelse som har tagit avstånd.' });
    expect(restore.status).toBe(201);
    expect(restore.body.caseNumber).toBe(first.body.caseNumber);
    const withDate = await officer()
      .post(`/api/associations/${association.id}/restorations`)
      .send({ justification: 'x', communicatedOn: '2026-11-20' });
    expect(withDate.status).toBe(400);
  });

  it('takes the registry system’s number for a new withdrawal case, once', async () => {
    const { association, application } = await screenedWithFinding();
    const given = `HÄ 2026/W-${association.id.slice(0, 8)}`;
    const c = await send({
      associationId: association.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
      caseNumber: given,
    });
    expect(c.status).toBe(201);
    expect(c.body.caseNumber).toBe(given);
    const other = await send({
      associationId: association.id,
      findingIds: [application.findings[0]!.id],
      replyBy: '2026-12-10',
      caseNumber: 'HÄ 2026/ANNAT',
    });
    expect(other.status).toBe(409);
    const elsewhere = await screenedWithFinding();
    const taken = await send({
      associationId: elsewhere.association.id,
      findingIds: [elsewhere.application.findings[0]!.id],
      replyBy: '2026-12-10',
      caseNumber: given,
    });
    expect(taken.status).toBe(409);
  });

  it('refuses secrecy as an exception: secret material is described without its source instead', async () => {
    const a = await registerAssociation(ctx);
    const w = await officer()
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'Föreningen upplåter lokaler åt en våldsbejakande grupp.',
        criteria: ['VBE-1'],
        communicationExemption: { ground: 'secrecy', justification: 'Förundersökningssekretess.' },
      });
    expect(w.status).toBe(400);
    expect(w.body.error.details.map((d: { path: string }) => d.path)).toContain(
      'body.communicationExemption.ground',
    );
  });

  it('a withdrawal may state an exception instead, and opens its case itself', async () => {
    const a = await registerAssociation(ctx);
    const w = await officer()
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'Föreningen upplåter lokaler åt en våldsbejakande grupp.',
        criteria: ['VBE-1'],
        communicationExemption: {
          ground: 'harder_to_carry_out',
          justification: 'Gruppen har bokat föreningens lokal för ett möte nästa vecka.',
        },
        caseNumber: `KS-${a.id}`,
      });
    expect(w.status).toBe(201);
    expect(w.body.caseNumber).toBe(`KS-${a.id}`);
    const events = await as(ctx, 'investigator').get('/api/audit/events?limit=5');
    expect(events.body.items.map((e: { action: string }) => e.action)).toContain('case.opened');
  });

  it('refuses findings that are not the association’s', async () => {
    const { association } = await screenedWithFinding();
    const other = await screenedWithFinding();
    const res = await send({
      associationId: association.id,
      findingIds: [other.application.findings[0]!.id],
      replyBy: '2026-12-10',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({
      path: 'body.findingIds.0',
      code: 'finding_not_of_association',
      message: 'not a finding of the association’s applications',
    });
  });
});
