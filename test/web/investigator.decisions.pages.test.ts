import type { ExportedEvent } from '../../src/audit/audit.hash';
import { ChainVerifier } from '../../src/audit/audit.verifier';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import {
  finding,
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';
import { communicatedApplication, communicatedWithdrawal } from '../support/communications';
import { signIn, textOf } from './web-support';

// The investigator's view of decisions: search with filters, a decision's full record, outcomes per
// criterion beside the recommendations, the withdrawals with their follow-up, and the audit export.
let ctx: TestContext;
let investigator: Awaited<ReturnType<typeof signIn>>;
const ids: Record<'denied' | 'approved' | 'withdrawal', string> = {
  denied: '',
  approved: '',
  withdrawal: '',
};
let cleanOrg = '';
beforeAll(async () => {
  ctx = await createTestContext();
  investigator = await signIn(ctx, 'investigator');
  const cases = [
    { key: 'denied' as const, name: 'Gryningsförbundet', findings: [finding()] },
    { key: 'approved' as const, name: 'Syjuntan Tråden', findings: [] },
  ];
  for (const c of cases) {
    const a = await registerAssociation(ctx, { name: c.name });
    if (c.key === 'approved') cleanOrg = a.orgNumber;
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: c.findings }));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    const body =
      c.key === 'denied'
        ? {
            outcome: 'denied',
            justification: 'Uppmaning till våld.',
            communicationId: await communicatedApplication(ctx, app.body.id),
          }
        : { outcome: 'approved' };
    const d = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/decisions`)
      .send({ screeningId: s.body.id, ...body })
      .expect(201);
    if (c.key === 'denied')
      await as(ctx, 'coordinator').post(`/api/decisions/${d.body.id}/approve`).send(noConflict).expect(200);
    ids[c.key] = d.body.id;
  }
  const a = await registerAssociation(ctx, { name: 'Stålbröderna' });
  const w = await as(ctx, 'case_officer')
    .post(`/api/associations/${a.id}/withdrawals`)
    .send({
      justification: 'Våldsbejakande verksamhet.',
      criteria: ['VBE-1'],
      communicationId: await communicatedWithdrawal(ctx, a.id),
    })
    .expect(201);
  await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
  ids.withdrawal = w.body.decisionId;
});
afterAll(() => ctx.close());

const search = async (query: string) => {
  const res = await investigator.agent.get(`/beslut${query}`);
  return { status: res.status, html: res.text, text: textOf(res.text) };
};

describe('decision search', () => {
  it('filters by outcome, föredragande, delegat, association and period', async () => {
    const all = await search('');
    for (const name of ['Gryningsförbundet', 'Syjuntan Tråden', 'Stålbröderna'])
      expect(all.text).toContain(name);
    // Investigators go straight to the full record.
    expect(all.html).toContain(`href="/beslut/${ids.denied}/akt"`);

    const denied = await search('?outcome=denied&preparedBy=' + ctx.userIds.case_officer);
    expect(denied.text).toMatch(
      /FK 2026\/\d{4} 2026-11-26 10:00 Gryningsförbundet Beslut om ansökan Avslås Beslutat Test case_officer Test coordinator, 2026-11-26 10:00, delegationsordningen punkt 4\.1\.3/,
    );
    expect(denied.text).not.toContain('Syjuntan Tråden');
    const byDelegat = await search(`?decidedBy=${ctx.userIds.coordinator}`);
    expect(byDelegat.text).toContain('Gryningsförbundet');
    expect(byDelegat.text).not.toContain('Syjuntan Tråden');
    expect(byDelegat.text).not.toContain('Stålbröderna'); // the committee decided that one
    expect((await search(`?preparedBy=${ctx.userIds.case_officer_2}`)).text).toContain(
      'Inga beslut matchar.',
    );
    const byAssociation = await search(`?orgNumber=${cleanOrg}`);
    expect(byAssociation.text).toContain('Syjuntan Tråden');
    expect(byAssociation.text).not.toContain('Gryningsförbundet');
    expect((await search('?status=pending_approval')).text).toContain('Inga beslut matchar.');
    expect((await search('?from=2026-11-27')).text).toContain('Inga beslut matchar.');
  });

  it('says in Swedish what is wrong with a filter', async () => {
    const unknown = await search(`?orgNumber=${orgNumber(9999)}`);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Fel: Ingen förening med det organisationsnumret är registrerad.');
    const invalid = await search('?orgNumber=802000-0000');
    expect(invalid.text).toContain('Fel: Ogiltigt organisationsnummer: kontrollsiffran stämmer inte.');
    const date = await search('?from=2026-13-01');
    expect(date.status).toBe(400);
    expect(date.text).toContain('Från och med Fel: Datumet finns inte i kalendern.');
  });

  it('links case officers to the decision page, not the investigators’ record', async () => {
    const officer = await signIn(ctx, 'case_officer');
    const res = await officer.agent.get('/beslut');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`href="/beslut/${ids.denied}"`);
    expect(res.text).not.toContain('/akt"');
    expect((await officer.agent.get(`/beslut/${ids.denied}/akt`)).status).toBe(403);
  });
});

describe("a decision's full record", () => {
  it('shows the facts, rule set and hash, reasons per criterion, the letter checked against the chain, and the events', async () => {
    const res = await investigator.agent.get(`/beslut/${ids.denied}/akt`);
    expect(res.status).toBe(200);
    const text = textOf(res.text);
    expect(text).toMatch(/Regelverk eligibility version 2026\.1 sha256:[0-9a-f]{64}/);
    expect(text).toContain('Visa hela underlaget (fakta) som granskningen prövade');
    expect(text).toMatch(/Kriterium VBE-1 Hinder finns leder till Ej stödberättigad/);
    expect(text).toContain('Polisanmälan K123456-26');
    expect(text).toMatch(
      /Brevets SHA-256 [0-9a-f]{64} Enligt granskningsloggen Samma hash registrerades i händelse \d+ när beslutet fattades/,
    );
    expect(text).toMatch(
      /Ansökan mottagen .*Granskning utförd .*Beslutsförslag registrerat .*Test coordinator Beslut fattat av delegat eller registrerat som nämndens .*Beslutsbrev skrivet och sparat/,
    );
    expect(res.text).toContain(`action="/granskningar/`);
    expect(text).toContain('Kör om kontrollen');
  });

  it('shows a withdrawal with its cited criterion in full and the association’s events', async () => {
    const text = textOf((await investigator.agent.get(`/beslut/${ids.withdrawal}/akt`)).text);
    expect(text).toContain('Indragning av stöd: Stödet dras in Beslutat');
    expect(text).toMatch(/VBE-1: Föreningen, eller någon som företräder den .* Rättslig grund:/);
    expect(text).toContain('Föreningens stöd ändrat');
    expect(text).not.toContain('Kör om kontrollen');
  });
});

describe('statistics, withdrawals and the export', () => {
  it('puts the outcomes of final decisions beside the recommendations, per criterion and month', async () => {
    const text = textOf((await investigator.agent.get('/statistik')).text);
    expect(text).toContain(
      'Månad Kriterium Rekommenderat: ej stödberättigad Rekommenderat: särskild prövning Rekommenderat: ofullständig Beslut: beviljade Beslut: avslagna nov 2026 VBE-1 1 0 0 0 1',
    );
  });

  it('downloads the whole audit log as NDJSON, the same bytes as the API, verifiable', async () => {
    const page = await investigator.agent.get('/granskningskedja/export');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(page.headers['content-disposition']).toBe('attachment; filename="audit-export.ndjson"');
    const api = await as(ctx, 'investigator').get('/api/audit/export');
    expect(page.text).toBe(api.text);
    const verifier = new ChainVerifier();
    const events = page.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportedEvent);
    expect(events.every((e) => verifier.add(e))).toBe(true);
    expect(verifier.result()).toMatchObject({ valid: true, events: events.length });
    const officer = await signIn(ctx, 'case_officer');
    expect((await officer.agent.get('/granskningskedja/export')).status).toBe(403);
  });

  it('lists each withdrawal with its follow-up: in time, late or overdue', async () => {
    await as(ctx, 'booking_staff')
      .post(
        `/api/reminders/${(await as(ctx, 'booking_staff').get('/api/reminders?status=open')).body.items[0].id}/complete`,
      )
      .send({ note: 'Avbokat.' })
      .expect(200);
    const now = textOf((await investigator.agent.get('/indragningar')).text);
    expect(now).toMatch(/FK 2026\/\d{4}: Stålbröderna/);
    expect(now).toContain('1 av 5 uppföljningar gjorda, 1 i tid.');
    expect(now).toContain('Avboka lokaler Bokningspersonal 2026-11-26 2026-11-26 I tid');
    expect(now).toContain('Underrätta föreningen Handläggare 2026-12-01 Inte ännu Inte förfallen');

    ctx.clock.advanceDays(7); // the notification is now overdue (sessions expire: sign in again)
    investigator = await signIn(ctx, 'investigator');
    const later = textOf((await investigator.agent.get('/indragningar')).text);
    expect(later).toContain('1 av 5 uppföljningar gjorda, 1 i tid, 1 försenad.');
    expect(later).toContain('Underrätta föreningen Handläggare 2026-12-01 Inte ännu Försenad');
  });
});
