import { sql } from 'kysely';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { grantApplication, registerAssociation } from '../support/fixtures';
import { signIn, textOf } from './web-support';

// The investigator's pages for the audit log: the chain checked from its checkpoint (and saying so),
// the signed tree head, a full recomputation in the background with its progress, and a decision's
// record showing each of its events proven to be in the log.

let ctx: TestContext;
let investigator: Awaited<ReturnType<typeof signIn>>;
let decisionId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  investigator = await signIn(ctx, 'investigator');
  const a = await registerAssociation(ctx, { name: 'Syföreningen Nålen' });
  const app = await as(ctx, 'case_officer').post('/api/applications').send(grantApplication(a.id));
  const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
  const d = await as(ctx, 'case_officer')
    .post(`/api/applications/${app.body.id}/decisions`)
    .send({ screeningId: s.body.id, outcome: 'approved' });
  expect(d.body.status).toBe('final');
  decisionId = d.body.id;
});
afterAll(async () => {
  await ctx.deps.audit.verifications.idle();
  await ctx.close();
});

it('checks the chain from its latest checkpoint, says so, and shows the signed tree head', async () => {
  const first = textOf((await investigator.agent.get('/granskningskedja')).text);
  expect(first).toMatch(/Kedjan är obruten: alla \d+ händelser är verifierade\./);
  expect(first).toContain('Hela kedjan räknades om från den första händelsen.');
  await as(ctx, 'case_officer')
    .post('/api/associations')
    .send({ orgNumber: orgNumber(9993), name: 'Senare förening' });
  const second = textOf((await investigator.agent.get('/granskningskedja')).text);
  expect(second).toMatch(
    /Från den senaste kontrollpunkten, händelse \d+, som verifierades i sin helhet .* De 1 händelser som har tillkommit sedan dess räknades om nu\./,
  );
  expect(second).toContain('Signerat trädhuvud');
  const head = (await as(ctx, 'investigator').get('/api/audit/tree-head')).body;
  expect(second).toContain(head.rootHash);
  expect(second).toContain('Inga uppgifter har gallrats.');
});

it('runs a full recomputation in the background and shows its result', async () => {
  const list = await investigator.agent.get('/granskningskedja/verifieringar');
  expect(textOf(list.text)).toContain('Ingen fullständig kontroll har gjorts.');
  const refused = await investigator.agent.post('/granskningskedja/verifieringar').type('form').send({});
  expect(refused.status).toBe(403);
  const started = await investigator.agent
    .post('/granskningskedja/verifieringar')
    .type('form')
    .send({ _csrf: investigator.csrf });
  expect(started.status).toBe(303);
  const at = started.headers.location as string;
  expect(at).toMatch(/^\/granskningskedja\/verifieringar\/[0-9a-f-]{36}$/);
  await ctx.deps.audit.verifications.idle();
  const done = textOf((await investigator.agent.get(at)).text);
  expect(done).toMatch(/Hela kedjan är obruten: alla \d+ händelser är verifierade från den första\./);
  expect(textOf((await investigator.agent.get('/granskningskedja/verifieringar')).text)).toMatch(
    /Klar Obruten, \d+ händelser/,
  );
  const officer = await signIn(ctx, 'case_officer');
  expect((await officer.agent.get('/granskningskedja/verifieringar')).status).toBe(403);
});

it("shows a decision's events proven to be in the log, and says so when they cannot be", async () => {
  const page = textOf((await investigator.agent.get(`/beslut/${decisionId}/akt`)).text);
  const events = (await as(ctx, 'investigator').get(`/api/audit/events?entityId=${decisionId}`)).body.items;
  expect(events.length).toBeGreaterThan(0);
  expect(page).toMatch(/Bevisat: alla \d+ händelser finns i granskningsloggen\./);
  expect(page).toMatch(
    /inklusionsbevis kontrollerats mot trädhuvudet för de första \d+ händelserna, signerat/,
  );
  expect(page).not.toContain('Håller inte');

  // Someone changes the decision's last event in the database: its proof against the head no longer holds.
  const last = events[0].seq as number;
  await ctx.handle.db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger user`.execute(trx);
    await trx.updateTable('audit_events').set({ actor: 'forger' }).where('seq', '=', last).execute();
    await sql`alter table audit_events enable trigger user`.execute(trx);
  });
  const tampered = textOf((await investigator.agent.get(`/beslut/${decisionId}/akt`)).text);
  expect(tampered).toContain(`Bevisen håller inte för 1 av händelserna (nr ${last})`);
  // The forged row itself (number, time, who, what, about what) is the one marked.
  expect(tampered).toMatch(new RegExp(`${last} [\\d-]+ [\\d:]+ forger [^]*? Beslut Håller inte`));

  // Once the log has grown, no new head is signed over it while a check finds it broken (here one
  // from the first event: the checkpoints are gone).
  await ctx.handle.db.deleteFrom('audit_checkpoints').execute();
  await as(ctx, 'case_officer')
    .post('/api/associations')
    .send({ orgNumber: orgNumber(9994), name: 'Efteråt' });
  const broken = textOf((await investigator.agent.get(`/beslut/${decisionId}/akt`)).text);
  expect(broken).toContain('Händelserna kan inte bevisas just nu: granskningsloggen är inte obruten');
});
