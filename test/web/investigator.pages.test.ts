import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';

// Two published versions (as in the screening route tests), so a what-if replay has somewhere to go.
const rulesDir = mkdtempSync(path.join(tmpdir(), 'fk-web-rules-'));
copyFileSync(
  path.join(__dirname, '../../rules/eligibility-2026.1.json'),
  path.join(rulesDir, 'eligibility-2026.1.json'),
);
copyFileSync(
  path.join(__dirname, '../fixtures/rules/eligibility-2027.1.json'),
  path.join(rulesDir, 'eligibility-2027.1.json'),
);

let ctx: TestContext;
let investigator: Awaited<ReturnType<typeof signIn>>;
const screened: Record<string, string> = {};
beforeAll(async () => {
  ctx = await createTestContext({ RULES_DIR: rulesDir });
  investigator = await signIn(ctx, 'investigator');
  const cases = {
    extremist: { name: 'Gryningsförbundet', findings: [finding({ occurredOn: '2023-06-01' })] },
    clean: { name: 'Syjuntan Tråden', findings: [] },
  };
  for (const [key, c] of Object.entries(cases)) {
    const a = await registerAssociation(ctx, { name: c.name });
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: c.findings }));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    screened[key] = s.body.id;
  }
});
afterAll(() => ctx.close());

const replay = (id: string, ruleSetVersion = '') =>
  investigator.agent
    .post(`/granskningar/${id}/kor-om`)
    .type('form')
    .send({ _csrf: investigator.csrf, ruleSetVersion });

describe('the investigator pages', () => {
  it('lists screenings filtered by criterion, case officer and period', async () => {
    const all = textOf((await investigator.agent.get('/granskningar')).text);
    expect(all).toContain('Gryningsförbundet');
    expect(all).toContain('Syjuntan Tråden');
    const vbe = textOf((await investigator.agent.get('/granskningar?code=VBE-1')).text);
    expect(vbe).toContain('Gryningsförbundet');
    expect(vbe).not.toContain('Syjuntan Tråden');
    const other = textOf(
      (await investigator.agent.get(`/granskningar?screenedBy=${ctx.userIds.case_officer_2}`)).text,
    );
    expect(other).toContain('Inga granskningar matchar.');
    const later = textOf((await investigator.agent.get('/granskningar?from=2026-12-01')).text);
    expect(later).toContain('Inga granskningar matchar.');
    const bad = await investigator.agent.get('/granskningar?from=2026-13-01');
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Från och med Fel: Datumet finns inte i kalendern.');
  });

  it("shows a screening's full record: rule set, facts and each rule's conditions", async () => {
    const page = await investigator.agent.get(`/granskningar/${screened.extremist}`);
    const text = textOf(page.text);
    expect(text).toMatch(/Regelverk eligibility version 2026\.1 sha256:[0-9a-f]{64}/);
    expect(text).toContain('Visa hela underlaget (fakta)');
    expect(text).toContain('Villkorens utfall för regel VBE-1');
    expect(page.text).toContain('<option value="2027.1">Version 2027.1 (gäller från 2027-01-01)</option>');
  });

  it('replays identically under the stored version, and shows what would differ under another', async () => {
    const same = await replay(screened.extremist!);
    expect(same.status).toBe(200);
    expect(textOf(same.text)).toContain('Identiskt: kontrollen gav exakt samma resultat när den kördes om.');

    const whatIf = textOf((await replay(screened.extremist!, '2027.1')).text);
    expect(whatIf).toContain('Annorlunda: under version 2027.1 hade resultatet blivit ett annat.');
    expect(whatIf).toMatch(/Rekommendation då Ej stödberättigad Rekommendation nu Särskild prövning/);
    expect(whatIf).toMatch(/VBE-1 Hinder finns \(Ej stödberättigad\) Inget hinder \(Ej stödberättigad\)/);
    expect(whatIf).toMatch(
      /VBE-1-REFER Inget hinder \(Särskild prövning\) Prövas särskilt \(Särskild prövning\)/,
    );

    const events = await ctx.handle.db
      .selectFrom('audit_events')
      .select('actor')
      .where('action', '=', 'screening.replayed')
      .where('entity_id', '=', screened.extremist!)
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actor === ctx.userIds.investigator)).toBe(true);
  });

  it("verifies the audit chain and lists one record's events by name", async () => {
    const page = textOf((await investigator.agent.get(`/granskningskedja?entityId=${screened.clean}`)).text);
    expect(page).toMatch(/Kedjan är obruten: alla \d+ händelser är verifierade\./);
    expect(page).toContain('Granskning utförd');
    expect(page).toContain('Test case_officer');
  });

  it('counts recommendations per month in a table and a chart', async () => {
    const res = await investigator.agent.get('/statistik');
    expect(res.text).toMatch(/<svg class="chart" role="img" aria-labelledby="diagram-titel"/);
    const text = textOf(res.text);
    expect(text).toMatch(
      /Månad Stödberättigad Ofullständig ansökan Särskild prövning Ej stödberättigad Totalt nov 2026 1 0 0 1 2/,
    );
    expect(text).toMatch(/Månad VBE-1 nov 2026 1/);
    const none = textOf((await investigator.agent.get('/statistik?from=2027-01-01')).text);
    expect(none).toContain('Inga granskningar under perioden.');
  });
});
