import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { recordCommitteeDecision, registerAssociation } from '../support/fixtures';
import { communicatedWithdrawal } from '../support/communications';
import { WATCHLIST_CSV_HEADER } from '../support/watchlist-entries';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const reviewSupport = async () =>
  (await as(ctx, 'coordinator').get('/api/reminders?kind=review_support&limit=500')).body.items as {
    associationId: string;
    assigneeRole: string;
    kind: string;
  }[];

describe('continuous monitoring of associations with support', () => {
  it('a new entry matching a supported association asks the coordinator to review its support', async () => {
    const match = await registerAssociation(ctx, { name: 'Gryningsfalangen' });
    const other = await registerAssociation(ctx, { name: 'Farsta Schackklubb' });
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        subjectKind: 'organisation',
        name: 'Gryningsfalangen',
        category: 'supports_violent_extremism',
        reason: 'x',
        source: 'y',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    const reminders = await reviewSupport();
    expect(reminders.map((r) => r.associationId)).toEqual([match.id]);
    expect(reminders[0]).toMatchObject({ kind: 'review_support', assigneeRole: 'coordinator' });
    expect(reminders.map((r) => r.associationId)).not.toContain(other.id);
  });

  it('matches by organisationsnummer and by representatives, also on CSV import', async () => {
    const byNumber = await registerAssociation(ctx, { name: 'Helt Annat Namn' });
    const byPerson = await registerAssociation(ctx, {
      name: 'Kvarterets Vänner',
      representatives: [{ name: 'Sara Lind', role: 'kassör', personalNumber: '811218-9876' }],
    });
    const csv = [
      WATCHLIST_CSV_HEADER,
      `organisation,Okänd Grupp,,${byNumber.orgNumber},discrimination,x,y,2027-03-01`,
      'person,Sara Lind,,,violence_coercion_threats,x,y,2027-03-01',
    ].join('\n');
    await as(ctx, 'coordinator')
      .post('/api/watchlist/import')
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(201);
    const ids = (await reviewSupport()).map((r) => r.associationId);
    expect(ids).toEqual(expect.arrayContaining([byNumber.id, byPerson.id]));
  });

  it('leaves associations whose support is already withdrawn alone', async () => {
    const a = await registerAssociation(ctx, { name: 'Mörkrets Brödraskap' });
    const w = await as(ctx, 'case_officer')
      .post(`/api/associations/${a.id}/withdrawals`)
      .send({
        justification: 'x',
        criteria: ['VBE-1'],
        communicationId: await communicatedWithdrawal(ctx, a.id),
      });
    await recordCommitteeDecision(ctx, w.body.decisionId).expect(200);
    await as(ctx, 'coordinator')
      .post('/api/watchlist')
      .send({
        subjectKind: 'organisation',
        name: 'Mörkrets Brödraskap',
        orgNumber: orgNumber(999_001),
        category: 'supports_violent_extremism',
        reason: 'x',
        source: 'y',
        reviewBy: '2027-06-30',
      })
      .expect(201);
    expect((await reviewSupport()).map((r) => r.associationId)).not.toContain(a.id);
  });
});
