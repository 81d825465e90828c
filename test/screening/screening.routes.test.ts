import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';

// Two versions of the eligibility rules: the published 2026.1 and a test version 2027.1 (valid from
// 2027-01-01) that treats findings as old after 3 years instead of 5.
const rulesDir = mkdtempSync(path.join(tmpdir(), 'fk-rules-'));
copyFileSync(
  path.join(__dirname, '../../rules/eligibility-2026.1.json'),
  path.join(rulesDir, 'eligibility-2026.1.json'),
);
copyFileSync(
  path.join(__dirname, '../fixtures/rules/eligibility-2027.1.json'),
  path.join(rulesDir, 'eligibility-2027.1.json'),
);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ RULES_DIR: rulesDir });
});
afterAll(() => ctx.close());

async function applyAndScreen(extra: Record<string, unknown> = {}, association?: { id: string }) {
  const a = association ?? (await registerAssociation(ctx));
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id, extra));
  expect(app.status).toBe(201);
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  expect(s.status).toBe(201);
  return { association: a, application: app.body, screening: s.body };
}

describe('screening', () => {
  it('recommends eligible for a complete application without findings, recording every rule checked', async () => {
    const { screening, application } = await applyAndScreen();
    expect(screening).toMatchObject({
      applicationId: application.id,
      recommendation: 'eligible',
      reasons: [],
      ruleSet: { id: 'eligibility', version: '2026.1', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) },
      watchlist: { hits: [], matcherVersion: expect.any(String), watchlistVersion: expect.any(Number) },
      screenedBy: ctx.userIds.case_officer,
    });
    expect(screening.checks.length).toBeGreaterThanOrEqual(20);
    expect(screening.checks.every((c: { status: string }) => c.status === 'not_met')).toBe(true);
    const app = await as(ctx, 'case_officer').get(`/api/applications/${application.id}`);
    expect(app.body.status).toBe('screened');
  });

  it('recommends ineligible for verified violent-extremist conduct and cites the finding', async () => {
    const { screening, application } = await applyAndScreen({ findings: [finding()] });
    expect(screening.recommendation).toBe('ineligible');
    const vbe = screening.reasons.find((r: { code: string }) => r.code === 'VBE-1');
    expect(vbe).toMatchObject({
      outcome: 'ineligible',
      criterion: expect.stringContaining('våldsbejakande extremism'),
      legalBasis: expect.any(String),
      findingIds: [application.findings[0].id],
    });
    expect(vbe.explanation.length).toBeGreaterThan(40);
  });

  it('refers a mitigated finding and marks missing formal requirements incomplete, the worse one winning', async () => {
    const { screening } = await applyAndScreen({
      findings: [finding({ mitigation: { distanced: true } })],
      statutes: {
        adoptedAtAnnualMeeting: true,
        electedBoard: true,
        auditor: false,
        openMembership: true,
        nonDiscriminationClause: true,
      },
    });
    expect(screening.recommendation).toBe('refer');
    expect(screening.reasons.map((r: { outcome: string }) => r.outcome).sort()).toEqual([
      'incomplete',
      'refer',
    ]);
  });

  it('stores the exact facts and a screening never changes when the application does', async () => {
    const { screening, application } = await applyAndScreen();
    await as(ctx, 'case_officer').post(`/api/applications/${application.id}/findings`).send(finding());
    const stored = await as(ctx, 'investigator').get(`/api/screenings/${screening.id}`);
    expect(stored.body.recommendation).toBe('eligible');
    expect(stored.body.facts.findings).toEqual([]);
    const replay = await as(ctx, 'investigator').post(`/api/screenings/${screening.id}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body.identical).toBe(true);
    expect(replay.body.replayed.recommendation).toBe('eligible');
    const again = await as(ctx, 'case_officer').post(`/api/applications/${application.id}/screenings`);
    expect(again.body.recommendation).toBe('ineligible');
  });

  it('uses the rule set in force on the screening date, and old screenings replay under their own version', async () => {
    // A verified finding from mid-2023: under 2026.1 (old after 5 years) it is recent.
    const old = finding({ occurredOn: '2023-06-01' });
    const before = await applyAndScreen({ findings: [old] });
    expect(before.screening.ruleSet.version).toBe('2026.1');
    expect(before.screening.recommendation).toBe('ineligible');

    ctx.clock.set('2027-02-01T10:00:00Z');
    try {
      const after = await applyAndScreen({ findings: [old] });
      expect(after.screening.ruleSet.version).toBe('2027.1');
      expect(after.screening.recommendation).toBe('refer');

      const replay = await as(ctx, 'investigator').post(`/api/screenings/${before.screening.id}/replay`);
      expect(replay.body).toMatchObject({
        identical: true,
        replayed: { recommendation: 'ineligible', ruleSet: { version: '2026.1' } },
      });

      // What-if: the 2026 case under the 2027 rules.
      const whatIf = await as(ctx, 'investigator')
        .post(`/api/screenings/${before.screening.id}/replay`)
        .send({ ruleSetVersion: '2027.1' });
      expect(whatIf.status).toBe(200);
      expect(whatIf.body.identical).toBe(false);
      expect(whatIf.body.replayed.recommendation).toBe('refer');
      expect(whatIf.body.differences).toEqual(
        expect.arrayContaining([
          {
            ruleId: 'VBE-1',
            before: { status: 'met', outcome: 'ineligible' },
            after: { status: 'not_met', outcome: 'ineligible' },
          },
          {
            ruleId: 'VBE-1-REFER',
            before: { status: 'not_met', outcome: 'refer' },
            after: { status: 'met', outcome: 'refer' },
          },
        ]),
      );
      const unknown = await as(ctx, 'investigator')
        .post(`/api/screenings/${before.screening.id}/replay`)
        .send({ ruleSetVersion: '1999.1' });
      expect(unknown.status).toBe(404);
    } finally {
      ctx.clock.set('2026-11-26T09:00:00.000Z');
    }
  });

  it('refers on a watchlist hit (never worse) and shows the case officer the hit with its explanation', async () => {
    const a = await registerAssociation(ctx, { name: 'Järnfalangen ideell förening' });
    await as(ctx, 'coordinator').post('/api/watchlist').send({
      subjectKind: 'organisation',
      name: 'Järnfalangen',
      category: 'supports_violent_extremism',
      reason: 'supports_violent_extremism',
      source: 'Säpo',
      reviewBy: '2027-06-30',
    });
    const { screening } = await applyAndScreen({}, a);
    expect(screening.recommendation).toBe('refer');
    expect(screening.reasons.map((r: { code: string }) => r.code)).toEqual(['WL-1']);
    expect(screening.watchlist.hits[0]).toMatchObject({
      matchedName: 'Järnfalangen',
      subject: 'association',
      queryName: 'Järnfalangen ideell förening',
      explanation: expect.objectContaining({ summary: expect.any(String) }),
    });
    expect(screening.watchlist.watchlistVersion).toBeGreaterThan(0);
  });

  it('checks representatives against person entries', async () => {
    const a = await registerAssociation(ctx, {
      representatives: [{ name: 'Bengt Karlsson', role: 'ordförande', personalNumber: '811218-9876' }],
    });
    await as(ctx, 'coordinator').post('/api/watchlist').send({
      subjectKind: 'person',
      name: 'Bengt Karlsson',
      personalNumber: '19811218-9876',
      category: 'violence_coercion_threats',
      reason: 'violence_coercion_threats',
      source: 'Dom B 1234-25',
      reviewBy: '2027-06-30',
    });
    const { screening } = await applyAndScreen({}, a);
    expect(screening.recommendation).toBe('refer');
    expect(screening.watchlist.hits[0]).toMatchObject({
      subject: 'representative',
      idNumberMatch: true,
      score: 1,
    });
  });

  it('keeps screenings immutable in the database', async () => {
    const { screening } = await applyAndScreen();
    await expect(
      ctx.handle.db
        .updateTable('screenings')
        .set({ recommendation: 'ineligible' })
        .where('id', '=', screening.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
  });

  it('answers investigators by criterion, rule-set version, case officer and period', async () => {
    const vbe = await as(ctx, 'investigator').get('/api/screenings?code=VBE-1&limit=500');
    expect(vbe.status).toBe(200);
    expect(vbe.body.items.length).toBeGreaterThanOrEqual(2);
    expect(
      vbe.body.items.every((s: { reasons: { code: string }[] }) => s.reasons.some((r) => r.code === 'VBE-1')),
    ).toBe(true);
    const v2027 = await as(ctx, 'investigator').get('/api/screenings?ruleSetVersion=2027.1');
    expect(v2027.body.items).toHaveLength(1);
    const byOfficer = await as(ctx, 'investigator').get(
      `/api/screenings?screenedBy=${ctx.userIds.case_officer_2}`,
    );
    expect(byOfficer.body.items).toHaveLength(0);
    const stats = await as(ctx, 'investigator').get('/api/screenings/stats?from=2026-01-01&to=2027-12-31');
    expect(stats.status).toBe(200);
    const feb = stats.body.byRecommendation.find((r: { month: string }) => r.month === '2027-02');
    expect(feb).toMatchObject({
      ruleSetVersion: '2027.1',
      screenedBy: ctx.userIds.case_officer,
      recommendation: 'refer',
      count: 1,
    });
    expect(stats.body.byCriterion).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ month: '2026-11', code: 'VBE-1', outcome: 'ineligible' }),
      ]),
    );
  });

  it('answers 404 for an unknown application and keeps screenings from booking staff', async () => {
    const res = await as(ctx, 'case_officer').post(
      '/api/applications/7b0e3a1c-3c1e-4a8e-9f1e-2a1b3c4d5e6f/screenings',
    );
    expect(res.status).toBe(404);
    const { screening } = await applyAndScreen();
    expect((await as(ctx, 'booking_staff').get(`/api/screenings/${screening.id}`)).status).toBe(403);
    expect((await as(ctx, 'case_officer').post(`/api/screenings/${screening.id}/replay`)).status).toBe(403);
  });
});
