import { parseCsv } from '../../src/watchlist/watchlist.csv';
import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  finding,
  grantApplication,
  noConflict,
  recordCommitteeDecision,
  registerAssociation,
} from '../support/fixtures';

// Anmälan av delegationsbeslut: what delegats decided in a period, by Swedish calendar day, as JSON
// and as CSV for the committee's papers. The committee's own decisions and pending ones are not in it.

let ctx: TestContext;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  const at = (instant: string) => ctx.clock.set(instant);

  const screened = async (name: string, findings: unknown[] = []) => {
    const a = await registerAssociation(ctx, { name });
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings }));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    return { associationId: a.id, applicationId: app.body.id as string, screeningId: s.body.id as string };
  };
  const deny = (s: { applicationId: string; screeningId: string }) =>
    as(ctx, 'case_officer')
      .post(`/api/applications/${s.applicationId}/decisions`)
      .send({
        screeningId: s.screeningId,
        outcome: 'denied',
        justification: 'Uppmaning till våld vid föreningens möte.',
        communicationExemption: {
          ground: 'obviously_unnecessary',
          justification: 'Föreningen har redan yttrat sig i ärendet.',
        },
      });

  // 1 November 00:30 Swedish time (31 October in UTC): in November. Final at once, by its preparer.
  at('2026-10-31T23:30:00Z');
  const early = await screened('Syjuntan Tråden');
  ids.early = (
    await as(ctx, 'case_officer')
      .post(`/api/applications/${early.applicationId}/decisions`)
      .send({ screeningId: early.screeningId, outcome: 'approved' })
  ).body.id;

  // Prepared on 10 November, decided by a coordinator on 12 November. The association's name would
  // run as a formula in a spreadsheet.
  at('2026-11-10T09:00:00Z');
  const denied = await screened('=HYPERLINK("http://x.test","Klicka"), Idrottsförening', [finding()]);
  ids.denied = (await deny(denied)).body.id;
  at('2026-11-12T09:00:00Z');
  await as(ctx, 'coordinator').post(`/api/decisions/${ids.denied}/approve`).send(noConflict).expect(200);

  // Pending at the end of the period: not decided, so not reported.
  ids.pending = (await deny(await screened('Väntande förening', [finding()]))).body.id;

  // The committee's own decision: in its minutes, not in the report.
  const w = await as(ctx, 'case_officer')
    .post(`/api/associations/${early.associationId}/withdrawals`)
    .send({
      justification: 'Upplåter lokaler åt en våldsbejakande grupp.',
      criteria: ['VBE-1'],
      communicationExemption: {
        ground: 'obviously_unnecessary',
        justification: 'Föreningen har redan yttrat sig i ärendet.',
      },
    });
  ids.committee = w.body.decisionId;
  await recordCommitteeDecision(ctx, w.body.decisionId as string).expect(200);

  // 1 December 00:30 Swedish time (30 November in UTC): after the period.
  at('2026-11-30T23:30:00Z');
  const lateApp = await screened('Sena föreningen');
  ids.late = (
    await as(ctx, 'case_officer')
      .post(`/api/applications/${lateApp.applicationId}/decisions`)
      .send({ screeningId: lateApp.screeningId, outcome: 'approved' })
  ).body.id;
  ctx.clock.set('2026-12-05T09:00:00Z');
});
afterAll(() => ctx.close());

const NOVEMBER = '/api/decisions/delegation-report?from=2026-11-01&to=2026-11-30';

describe('the delegation report', () => {
  it('lists the decisions delegats took in the period, oldest first, by Swedish calendar day', async () => {
    const res = await as(ctx, 'coordinator').get(NOVEMBER);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      committeeName: 'Hägersten-Älvsjö stadsdelsnämnd',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(res.body.items.map((i: { decisionId: string }) => i.decisionId)).toEqual([ids.early, ids.denied]);
    const [early, denied] = res.body.items;
    expect(early).toMatchObject({
      decidedOn: '2026-11-01',
      kind: 'grant_approval_with_recommendation',
      outcome: 'approved',
      association: { name: 'Syjuntan Tråden' },
      delegat: { id: ctx.userIds.case_officer, name: 'Test case_officer' },
      delegationPoint: '4.1.1',
      preparedBy: { id: ctx.userIds.case_officer },
    });
    expect(denied).toMatchObject({
      decidedOn: '2026-11-12',
      caseNumber: expect.stringMatching(/^HÄ 2026\/\d+$/),
      kind: 'grant_denial',
      kindTitle: 'Avslå ansökan om föreningsbidrag',
      outcome: 'denied',
      superseded: false,
      delegat: { id: ctx.userIds.coordinator, name: 'Test coordinator' },
      delegationPoint: '4.1.3',
      preparedBy: { id: ctx.userIds.case_officer, name: 'Test case_officer' },
    });
    const december = await as(ctx, 'investigator').get(
      '/api/decisions/delegation-report?from=2026-12-01&to=2026-12-31',
    );
    expect(december.body.items.map((i: { decisionId: string }) => i.decisionId)).toEqual([ids.late]);
  });

  it('as CSV with Swedish headers, quoted where needed and safe from formulas', async () => {
    const res = await as(ctx, 'investigator').get(NOVEMBER).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="delegationsbeslut-2026-11-01-2026-11-30.csv"',
    );
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const { records, errors } = parseCsv(res.text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      [
        'Beslutsdatum',
        'Diarienummer',
        'Ärende enligt delegationsordningen',
        'Beslut',
        'Förening',
        'Organisationsnummer',
        'Delegat',
        'Delegationspunkt',
        'Föredragande',
        'Ersatt av senare beslut',
      ],
      [
        '2026-11-01',
        expect.stringMatching(/^HÄ 2026\/\d+$/),
        'Bevilja föreningsbidrag när ansökan uppfyller villkoren i stadens regler för föreningsstöd',
        'Bifall',
        'Syjuntan Tråden',
        expect.stringMatching(/^\d{6}-\d{4}$/),
        'Test case_officer',
        '4.1.1',
        'Test case_officer',
        'Nej',
      ],
      [
        '2026-11-12',
        expect.stringMatching(/^HÄ 2026\/\d+$/),
        'Avslå ansökan om föreningsbidrag',
        'Avslag',
        `'=HYPERLINK("http://x.test","Klicka"), Idrottsförening`,
        expect.stringMatching(/^\d{6}-\d{4}$/),
        'Test coordinator',
        '4.1.3',
        'Test case_officer',
        'Nej',
      ],
    ]);
  });

  it('refuses a period that is reversed or longer than a year, and roles that do not report', async () => {
    const reversed = await as(ctx, 'coordinator').get(
      '/api/decisions/delegation-report?from=2026-11-30&to=2026-11-01',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details[0].path).toBe('query.to');
    const long = await as(ctx, 'coordinator').get(
      '/api/decisions/delegation-report?from=2026-01-01&to=2027-01-02',
    );
    expect(long.status).toBe(400);
    expect(
      (await as(ctx, 'coordinator').get('/api/decisions/delegation-report?from=2026-11-01')).status,
    ).toBe(400);
    expect((await as(ctx, 'case_officer').get(NOVEMBER)).status).toBe(403);
    expect((await as(ctx, 'booking_staff').get(NOVEMBER)).status).toBe(403);
  });
});
