import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { publishedRuleSet } from '../../src/screening/rule-set.registry';
import { evaluate } from '../../src/screening/screening.engine';
import { insertScreening } from '../../src/screening/screening.repository';
import type { ScreeningFacts } from '../../src/screening/screening.facts';
import type { EvaluationResult } from '../../src/screening/screening.result';
import { canonicalJson } from '../../src/shared/canonical-json';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { grantApplication, registerAssociation } from '../support/fixtures';

// The published rules folder as the service runs it: 2026.1 (from 2026-01-01) and 2026.2 (from
// 2026-12-01). The stored screening below was written by the code as it was before 2026.2 existed
// (commit c6e3874): its facts have no lawfulSingleSexActivity, and its result is what 2026.1 gave.
const STORED = JSON.parse(
  readFileSync(path.join(__dirname, '../fixtures/screenings/eligibility-2026.1-stored.json'), 'utf8'),
) as { facts: ScreeningFacts; result: EvaluationResult };

let ctx: TestContext;
let storedId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await registerAssociation(ctx);
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
  storedId = randomUUID();
  await insertScreening(ctx.handle.db, {
    id: storedId,
    applicationId: app.body.id,
    associationId: a.id,
    facts: STORED.facts,
    result: STORED.result,
    hits: [],
    screenedBy: ctx.userIds.case_officer,
    now: new Date('2026-11-26T10:00:00Z'),
  });
});
afterAll(() => ctx.close());
afterEach(() => ctx.clock.set('2026-11-26T09:00:00.000Z'));

describe('a screening stored under 2026.1 before 2026.2 was published', () => {
  it('is still 2026.1 as published then: the same hash', async () => {
    const ruleSet = await publishedRuleSet(ctx.handle.db, 'eligibility', '2026.1');
    expect(ruleSet.hash).toBe(STORED.result.ruleSet.hash);
  });

  it('replays identically, after 2026.2 took effect, under its own version', async () => {
    expect(STORED.facts.findings.some((f) => 'lawfulSingleSexActivity' in f)).toBe(false);
    ctx.clock.set('2027-01-15T09:00:00.000Z');
    const replay = await as(ctx, 'investigator').post(`/api/screenings/${storedId}/replay`);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({
      identical: true,
      differences: [],
      replayed: { recommendation: 'ineligible', ruleSet: { version: '2026.1' } },
    });
    const ruleSet = await publishedRuleSet(ctx.handle.db, 'eligibility', '2026.1');
    expect(canonicalJson(await evaluate(ruleSet, STORED.facts))).toBe(canonicalJson(STORED.result));
  });

  it('can be compared with 2026.2 (what-if), every rule decided although the snapshot lacks the new fact', async () => {
    const whatIf = await as(ctx, 'investigator')
      .post(`/api/screenings/${storedId}/replay`)
      .send({ ruleSetVersion: '2026.2' });
    expect(whatIf.status).toBe(200);
    expect(whatIf.body.identical).toBe(false);
    expect(whatIf.body.replayed.ruleSet.version).toBe('2026.2');
    expect(
      whatIf.body.replayed.checks.filter((c: { status: string }) => c.status === 'not_evaluated'),
    ).toEqual([]);
    expect(whatIf.body.differences).toEqual(
      expect.arrayContaining([
        // The 2014 threat is past the outer age limit: not used at all any more.
        {
          ruleId: 'DEM-1-REFER',
          before: { status: 'met', outcome: 'refer' },
          after: { status: 'not_met', outcome: 'refer' },
        },
        // Younger than a year: a ground for refusal, no longer a request for completion.
        {
          ruleId: 'FORM-1-AGE',
          before: { status: 'met', outcome: 'incomplete' },
          after: { status: 'met', outcome: 'ineligible' },
        },
        { ruleId: 'FORM-1-DATE', before: null, after: { status: 'not_met', outcome: 'incomplete' } },
      ]),
    );
    // The girls-only swimming finding was recorded before the mark existed: read as not marked.
    expect(whatIf.body.differences.map((d: { ruleId: string }) => d.ruleId)).not.toContain('EQ-1');
  });
});

describe('new screenings around 2026-12-01', () => {
  async function screenYoungAssociation(findings: unknown[] = []) {
    const a = await registerAssociation(ctx, { registeredOn: '2026-06-01' });
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings }));
    expect(app.status).toBe(201);
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    expect(s.status).toBe(201);
    return s.body;
  }

  it('use 2026.1 up to 30 November, and 2026.2 from 1 December', async () => {
    ctx.clock.set('2026-11-30T22:59:00.000Z'); // 23:59 in Stockholm
    const before = await screenYoungAssociation();
    expect(before.ruleSet.version).toBe('2026.1');
    expect(before.recommendation).toBe('incomplete');

    ctx.clock.set('2026-11-30T23:30:00.000Z'); // 00:30 on 1 December in Stockholm
    const after = await screenYoungAssociation();
    expect(after.ruleSet.version).toBe('2026.2');
    expect(after.recommendation).toBe('ineligible');
    expect(after.reasons.map((r: { ruleId: string }) => r.ruleId)).toEqual(['FORM-1-AGE']);
  });
});

describe('a finding marked as a lawful single-sex activity', () => {
  const girlsOnly = {
    category: 'gender_equality_violation',
    description: 'Föreningen har en träningsgrupp där bara flickor får delta.',
    source: 'Föreningens verksamhetsberättelse 2025',
    occurredOn: '2026-02-01',
    verified: true,
    actingForAssociation: true,
    lawfulSingleSexActivity: true,
  };

  it('is recorded and shown with the mark, and 2026.2 does not catch it', async () => {
    ctx.clock.set('2026-12-02T09:00:00.000Z');
    const a = await registerAssociation(ctx);
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: [girlsOnly] }));
    expect(app.status).toBe(201);
    expect(app.body.findings[0]).toMatchObject({ lawfulSingleSexActivity: true });
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    expect(s.body).toMatchObject({ ruleSet: { version: '2026.2' }, recommendation: 'eligible', reasons: [] });
    const stored = await as(ctx, 'investigator').get(`/api/screenings/${s.body.id}`);
    expect(stored.body.facts.findings[0].lawfulSingleSexActivity).toBe(true);
  });

  it('defaults to not marked', async () => {
    const a = await registerAssociation(ctx);
    const { lawfulSingleSexActivity: _, ...unmarked } = girlsOnly;
    const f = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: [unmarked] }));
    expect(f.body.findings[0].lawfulSingleSexActivity).toBe(false);
  });

  it('is refused on a finding of another category, naming the field', async () => {
    const a = await registerAssociation(ctx);
    const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
    const res = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/findings`)
      .send({ ...girlsOnly, category: 'violence_coercion_threats' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'validation_failed',
      details: [
        {
          path: 'body.lawfulSingleSexActivity',
          code: 'single_sex_category',
          message:
            'only a gender_equality_violation or discrimination finding can be a lawful single-sex activity',
        },
      ],
    });
  });
});
