import { createHash } from 'node:crypto';
import request from 'supertest';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, noConflict, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function screened(extra: Record<string, unknown> = {}, associationExtra: Record<string, unknown> = {}) {
  const a = await registerAssociation(ctx, associationExtra);
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id, extra));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  return { association: a, applicationId: app.body.id as string, screening: s.body };
}

const decide = (
  applicationId: string,
  body: Record<string, unknown>,
  who: 'case_officer' | 'case_officer_2' = 'case_officer',
) => as(ctx, who).post(`/api/applications/${applicationId}/decisions`).send(body);

/** The letter's raw bytes, as served. */
async function letterBytes(decisionId: string) {
  const res = await as(ctx, 'investigator')
    .get(`/api/decisions/${decisionId}/document`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  return { res, bytes: res.body as Buffer };
}

const justification = 'Föreningens ordförande har uppmanat till våld vid föreningens möte.';

/** A denial after kommunicering: the application's findings sent, the association's answer recorded. */
const deny = async (applicationId: string) => ({
  outcome: 'denied',
  justification,
  communicationId: await communicatedApplication(ctx, applicationId),
});

describe('decisions', () => {
  it('approving an eligible screening is final at once, with a stored letter whose hash matches the served bytes', async () => {
    const { applicationId, screening } = await screened();
    const res = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    expect(res.status).toBe(201);
    // The v1 contract: final at once. The case officer who prepared it decided it, as delegat under
    // the order's point for approvals on the recommendation.
    expect(res.body).toMatchObject({
      status: 'final',
      outcome: 'approved',
      recommendation: 'eligible',
      preparedBy: ctx.userIds.case_officer,
      decidedBy: ctx.userIds.case_officer,
      delegationKind: 'grant_approval_with_recommendation',
      delegationPoint: '4.1.1',
      committee: null,
    });
    expect(res.body.reference).toMatch(/^FK 2026\/\d{4}$/);
    const { res: doc, bytes } = await letterBytes(res.body.id);
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toBe('text/html; charset=utf-8');
    const got = await as(ctx, 'investigator').get(`/api/decisions/${res.body.id}`);
    expect(got.body.documentSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.toString('utf8')).toContain('beviljar er ansökan om föreningsbidrag');
    expect((await as(ctx, 'case_officer').get(`/api/applications/${applicationId}`)).body.status).toBe(
      'decided',
    );
  });

  it.each([
    ['no kommunicering', async () => ({ outcome: 'denied', justification: 'Skäl.' }), 'body.communicationId'],
    [
      'no justification',
      async (applicationId: string) => ({ ...(await deny(applicationId)), justification: undefined }),
      'body.justification',
    ],
    [
      'the kommunicering of another case',
      async () => deny((await screened({ findings: [finding()] })).applicationId),
      'body.communicationId',
    ],
  ])('a denial with %s is refused with 400', async (_what, body, path) => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const res = await decide(applicationId, { screeningId: screening.id, ...(await body(applicationId)) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('a denial waits for a delegat: the preparer gets 403, a case officer without delegation 403, a coordinator decides', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const d = await decide(applicationId, { screeningId: screening.id, ...(await deny(applicationId)) });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ status: 'pending_approval', documentSha256: null, criteria: ['VBE-1'] });
    expect((await as(ctx, 'investigator').get(`/api/decisions/${d.body.id}/document`)).status).toBe(409);

    const approve = (who: 'case_officer' | 'case_officer_2' | 'coordinator' | 'booking_staff') =>
      as(ctx, who).post(`/api/decisions/${d.body.id}/approve`).send(noConflict);
    const self = await approve('case_officer');
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/another person than the one who prepared it/);
    // The shipped order delegates denials to coordinators only.
    const undelegated = await approve('case_officer_2');
    expect(undelegated.status).toBe(403);
    expect(undelegated.body.error.message).toMatch(/no delegation/);
    expect((await approve('booking_staff')).status).toBe(403);

    const ok = await approve('coordinator');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'final',
      preparedBy: ctx.userIds.case_officer,
      decidedBy: ctx.userIds.coordinator,
      delegationKind: 'grant_denial',
      delegationPoint: '4.1.3',
      committee: null,
      documentSha256: expect.any(String),
    });
    expect(ok.body.decidedAt).toEqual(expect.any(String));
    const letter = (await letterBytes(d.body.id)).bytes.toString('utf8');
    expect(letter).toContain('avslår er ansökan om föreningsbidrag');
    expect(letter).toContain('Polisanmälan K123456-26');
    // The officer who proposed prepared it (föredragande); the coordinator decided as delegat.
    expect(letter).toContain('<p>Test case_officer har varit föredragande.</p>');
    expect(letter).toContain(
      '<p>Test coordinator har fattat beslutet på delegation från Hägersten-Älvsjö stadsdelsnämnd enligt punkt 4.1.3 i nämndens delegationsordning.</p>',
    );
    expect(letter).toContain('laglighetsprövning');
    expect(letter).toContain('Ni fick ta del av underlaget den 20 november 2026 och hade till den');
    const again = await as(ctx, 'coordinator_2').post(`/api/decisions/${d.body.id}/approve`).send(noConflict);
    expect(again.status).toBe(409);
  });

  it('two simultaneous approvals: exactly one wins', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const d = await decide(applicationId, { screeningId: screening.id, ...(await deny(applicationId)) });
    const [a, b] = await Promise.all([
      as(ctx, 'coordinator_2').post(`/api/decisions/${d.body.id}/approve`).send(noConflict),
      as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${d.body.id}`);
    const actions = events.body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((x: string) => x === 'decision.approved')).toHaveLength(1);
    expect(actions.filter((x: string) => x === 'decision.finalised')).toHaveLength(1);
  });

  it('an outcome departing from the recommendation needs a justification and a second officer', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    expect(screening.recommendation).toBe('ineligible');
    const bare = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.details[0].path).toBe('body.justification');
    const justified = await decide(applicationId, {
      screeningId: screening.id,
      outcome: 'approved',
      justification: 'Föreningen har bytt styrelse och tagit avstånd; särskilda skäl föreligger.',
    });
    expect(justified.body).toMatchObject({ status: 'pending_approval', departsFromRecommendation: true });
  });

  it('a correction supersedes the earlier decision and both remain', async () => {
    const { applicationId, screening } = await screened();
    const first = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    const dup = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    expect(dup.status).toBe(409);
    // Conduct comes to light after the approval: recorded, screened again, put before the association.
    await as(ctx, 'case_officer')
      .post(`/api/applications/${applicationId}/findings`)
      .send(finding())
      .expect(201);
    const again = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/screenings`);
    const correction = await decide(applicationId, {
      screeningId: again.body.id,
      ...(await deny(applicationId)),
      supersedesDecisionId: first.body.id,
    });
    expect(correction.status).toBe(201);
    expect(correction.body).toMatchObject({
      status: 'pending_approval',
      supersedesId: first.body.id,
      departsFromRecommendation: false,
    });
    // Until approved, the first decision stands.
    expect((await as(ctx, 'investigator').get(`/api/decisions/${first.body.id}`)).body.status).toBe('final');
    await as(ctx, 'coordinator')
      .post(`/api/decisions/${correction.body.id}/approve`)
      .send(noConflict)
      .expect(200);
    const old = await as(ctx, 'investigator').get(`/api/decisions/${first.body.id}`);
    expect(old.body).toMatchObject({
      status: 'superseded',
      supersededById: correction.body.id,
      documentSha256: first.body.documentSha256,
    });
    expect((await letterBytes(first.body.id)).res.status).toBe(200);
    const both = await as(ctx, 'investigator').get(`/api/decisions?applicationId=${applicationId}`);
    expect(both.body.items.map((d: { status: string }) => d.status).sort()).toEqual(['final', 'superseded']);
  });

  it('decides only on the latest screening', async () => {
    const { applicationId, screening } = await screened();
    await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/screenings`);
    const res = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    expect(res.status).toBe(409);
    const other = await screened();
    const wrong = await decide(applicationId, { screeningId: other.screening.id, outcome: 'approved' });
    expect(wrong.status).toBe(400);
  });

  it('a pending decision cannot be approved once the application was screened again: it is returned and redone', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const d = await decide(applicationId, { screeningId: screening.id, ...(await deny(applicationId)) });
    expect(d.body.status).toBe('pending_approval');
    const rescreened = await as(ctx, 'case_officer').post(`/api/applications/${applicationId}/screenings`);
    expect(rescreened.status).toBe(201);
    const stale = await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict);
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/screened again/);
    expect((await as(ctx, 'investigator').get(`/api/decisions/${d.body.id}`)).body.status).toBe(
      'pending_approval',
    );
    await as(ctx, 'case_officer_2')
      .post(`/api/decisions/${d.body.id}/return`)
      .send({ reason: 'Ny granskning finns.' })
      .expect(200);
    const redone = await decide(applicationId, {
      screeningId: rescreened.body.id,
      ...(await deny(applicationId)),
    });
    expect(redone.status).toBe(201);
    expect(
      (await as(ctx, 'coordinator').post(`/api/decisions/${redone.body.id}/approve`).send(noConflict)).status,
    ).toBe(200);
  });

  it('a returned decision never takes effect and frees the application for a new one', async () => {
    const { applicationId, screening } = await screened({ findings: [finding()] });
    const d = await decide(applicationId, { screeningId: screening.id, ...(await deny(applicationId)) });
    const ret = await as(ctx, 'coordinator')
      .post(`/api/decisions/${d.body.id}/return`)
      .send({ reason: 'Kommuniceringen saknar underlag.' });
    expect(ret.body).toMatchObject({
      status: 'returned',
      returnedReason: 'Kommuniceringen saknar underlag.',
    });
    expect(
      (await as(ctx, 'coordinator_2').post(`/api/decisions/${d.body.id}/approve`).send(noConflict)).status,
    ).toBe(409);
    expect(
      (await decide(applicationId, { screeningId: screening.id, ...(await deny(applicationId)) })).status,
    ).toBe(201);
  });

  it('escapes names in the letter', async () => {
    const { applicationId, screening } = await screened({}, { name: 'Klubben <script>alert("x")</script>' });
    const d = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    const html = (await letterBytes(d.body.id)).bytes.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Klubben &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('the database refuses to edit a decision or its letter', async () => {
    const { applicationId, screening } = await screened();
    const d = await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    const db = ctx.handle.db;
    await expect(
      db
        .updateTable('decisions')
        .set({ justification: 'efterhandskonstruktion' })
        .where('id', '=', d.body.id)
        .execute(),
    ).rejects.toThrow(/never edited/);
    await expect(
      db
        .updateTable('decisions')
        .set({ document_html: '<p>annat</p>' })
        .where('id', '=', d.body.id)
        .execute(),
    ).rejects.toThrow(/never changed/);
    await expect(db.deleteFrom('decisions').where('id', '=', d.body.id).execute()).rejects.toThrow(
      /never deleted/,
    );
  });

  it('searches decisions by association, outcome, delegat, föredragande and period; booking staff may not', async () => {
    const { association, applicationId, screening } = await screened();
    await decide(applicationId, { screeningId: screening.id, outcome: 'approved' });
    const byAssociation = await as(ctx, 'investigator').get(`/api/decisions?associationId=${association.id}`);
    expect(byAssociation.body.items).toHaveLength(1);
    const denied = await as(ctx, 'case_officer').get('/api/decisions?outcome=denied&limit=500');
    expect(denied.body.items.length).toBeGreaterThan(0);
    expect(denied.body.items.every((d: { outcome: string }) => d.outcome === 'denied')).toBe(true);
    // No one in this file gave case_officer_2 a decision to prepare, and the order gives it no denials.
    const byOther = await as(ctx, 'investigator').get(
      `/api/decisions?decidedBy=${ctx.userIds.case_officer_2}`,
    );
    expect(byOther.body.items).toHaveLength(0);
    const byDelegat = await as(ctx, 'investigator').get(
      `/api/decisions?decidedBy=${ctx.userIds.coordinator}&limit=500`,
    );
    expect(byDelegat.body.items.length).toBeGreaterThan(0);
    expect(
      byDelegat.body.items.every(
        (d: { decidedBy: string; preparedBy: string }) =>
          d.decidedBy === ctx.userIds.coordinator && d.preparedBy === ctx.userIds.case_officer,
      ),
    ).toBe(true);
    const byPreparer = await as(ctx, 'investigator').get(
      `/api/decisions?preparedBy=${ctx.userIds.case_officer_2}`,
    );
    expect(byPreparer.body.items).toHaveLength(0);
    const future = await as(ctx, 'investigator').get('/api/decisions?from=2027-01-01');
    expect(future.body.items).toHaveLength(0);
    const pending = await as(ctx, 'coordinator').get('/api/decisions?status=pending_approval&limit=500');
    expect(pending.body.items.every((d: { status: string }) => d.status === 'pending_approval')).toBe(true);
    expect((await as(ctx, 'booking_staff').get('/api/decisions')).status).toBe(403);
    expect((await request(ctx.app).get('/api/decisions')).status).toBe(401);
  });
});
