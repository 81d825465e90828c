import { as, createTestContext, type TestContext } from '../support/test-app';
import { grantApplication, registerAssociation } from '../support/fixtures';

// Watchlist data reaches people inside other answers too: a screening's hits, a referral's grounds.
// Each such read is an audit event naming the entries seen; a read without hits writes nothing.

let ctx: TestContext;
let entryId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  const entry = await as(ctx, 'coordinator').post('/api/watchlist').send({
    subjectKind: 'organisation',
    name: 'Järnfalangen',
    category: 'supports_violent_extremism',
    reason: 'supports_violent_extremism',
    source: 'Säpo',
    reviewBy: '2027-06-30',
  });
  expect(entry.status).toBe(201);
  entryId = entry.body.id;
});
afterAll(() => ctx.close());

async function screen(name: string) {
  const a = await registerAssociation(ctx, { name });
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  expect(s.status).toBe(201);
  return s.body as { id: string; watchlist: { hits: unknown[] } };
}

async function hitReads() {
  const res = await as(ctx, 'investigator').get('/api/audit/events?limit=500');
  return (
    res.body.items as {
      seq: number;
      action: string;
      actor: string;
      entityType: string;
      entityId: string;
      details: { entryIds: string[]; ids?: string[] };
    }[]
  )
    .filter((e) => e.action === 'watchlist.hits_read')
    .sort((a, b) => a.seq - b.seq);
}

it("audits a case officer's and an investigator's read of a screening's hits, and not a screening without", async () => {
  const hit = await screen('Järnfalangen ideell förening');
  const clean = await screen('Solgläntans syförening');
  expect(hit.watchlist.hits).toHaveLength(1);
  expect(clean.watchlist.hits).toHaveLength(0);
  const before = (await hitReads()).length;

  await as(ctx, 'case_officer').get(`/api/screenings/${hit.id}`).expect(200);
  await as(ctx, 'case_officer').get(`/api/screenings/${clean.id}`).expect(200);
  await as(ctx, 'investigator').get(`/api/screenings?limit=500`).expect(200);

  const reads = (await hitReads()).slice(before);
  expect(reads).toEqual([
    expect.objectContaining({
      actor: ctx.userIds.case_officer,
      entityType: 'screening',
      entityId: hit.id,
      details: { entryIds: [entryId] },
    }),
    expect.objectContaining({
      actor: ctx.userIds.investigator,
      entityType: 'screening',
      entityId: '*',
      details: { entryIds: [entryId], ids: [hit.id] },
    }),
  ]);
});

it("audits a coordinator's read of referrals whose grounds name watchlist entries", async () => {
  const check = await as(ctx, 'booking_staff')
    .post('/api/premises-checks')
    .send({ name: 'Jarnfalangen', venue: 'Sal 1', date: '2026-12-01' });
  expect(check.body.result).toBe('refer');
  const before = (await hitReads()).length;
  const list = await as(ctx, 'coordinator').get('/api/referrals?status=open');
  const referral = list.body.items.find((r: { checkId: string }) => r.checkId === check.body.checkId);
  const reads = (await hitReads()).slice(before);
  expect(reads).toEqual([
    expect.objectContaining({
      actor: ctx.userIds.coordinator,
      entityType: 'referral',
      details: { entryIds: [entryId], ids: [referral.id] },
    }),
  ]);
});
