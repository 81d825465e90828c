import request from 'supertest';
import { allRoutes } from '../../src/app';
import { ROLES } from '../../src/users/users.table';
import { InProcessApi } from '../../src/web/web.api';
import { allPages } from '../../src/web/pages';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { communicatedApplication } from '../support/communications';
import { hiddenCsrf, signIn, textOf } from './web-support';

// Every form post carries a token another site cannot know; without it nothing happens and the
// answer is 403 with a Swedish explanation.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const association = (n: number) => ({ orgNumber: orgNumber(n), name: `Förening ${n}` });
const registered = async (n: number) =>
  ctx.handle.db
    .selectFrom('associations')
    .select('id')
    .where('org_number', '=', orgNumber(n))
    .executeTakeFirst();

describe('form tokens', () => {
  it('refuses a form post without the token, or with a wrong one, and changes nothing', async () => {
    const { agent, csrf } = await signIn(ctx, 'case_officer');
    const none = await agent.post('/foreningar/ny').type('form').send(association(1));
    expect(none.status).toBe(403);
    expect(textOf(none.text)).toContain('Formuläret kunde inte tas emot');
    const wrong = await agent
      .post('/foreningar/ny')
      .type('form')
      .send({ ...association(1), _csrf: `${csrf.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    expect(await registered(1)).toBeUndefined();
    const right = await agent
      .post('/foreningar/ny')
      .type('form')
      .send({ ...association(1), _csrf: csrf });
    expect(right.status).toBe(303);
    expect(await registered(1)).toBeDefined();
  });

  it("refuses another session's token", async () => {
    const mine = await signIn(ctx, 'case_officer');
    const theirs = await signIn(ctx, 'case_officer_2');
    const res = await mine.agent
      .post('/foreningar/ny')
      .type('form')
      .send({ ...association(2), _csrf: theirs.csrf });
    expect(res.status).toBe(403);
    expect(await registered(2)).toBeUndefined();
  });

  it('refuses a sign-out without the token: the person stays signed in', async () => {
    const { agent } = await signIn(ctx, 'investigator');
    expect((await agent.post('/logga-ut').type('form').send({})).status).toBe(403);
    expect((await agent.get('/granskningskedja')).status).toBe(200);
  });

  it('refuses a sign-in post without the form token in both cookie and form', async () => {
    const bare = await request(ctx.app)
      .post('/logga-in')
      .type('form')
      .send({ token: ctx.tokens.case_officer });
    expect(bare.status).toBe(403);
    // The form's value without its cookie (as a cross-site form would post it) is refused too.
    const form = await request(ctx.app).get('/logga-in');
    const res = await request(ctx.app)
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token: ctx.tokens.case_officer });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('fk_session');
  });

  it('refuses every form of every page without the token, before it looks at anything else', async () => {
    const api = new InProcessApi(allRoutes(ctx.deps));
    const posts = allPages(ctx.deps).filter((p) => p.method === 'post');
    expect(posts.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        '/granskningar/:id/beslut',
        '/beslut/:id/godkann',
        '/beslut/:id/namnd',
        '/beslut/:id/aterlamna',
        '/foreningar/:id/indragning',
        '/foreningar/:id/aterupptagande',
        '/paminnelser/:id/utford',
        '/hanvisningar/:id/avsluta',
      ]),
    );
    const failures: string[] = [];
    for (const page of posts) {
      const roles = api.rolesFor(page.uses);
      const role = ROLES.find((r) => roles === 'signed_in' || roles.includes(r))!;
      const { agent } = await signIn(ctx, role);
      const path = page.path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await agent.post(path).type('form').send({ note: 'x', reason: 'x', outcome: 'denied' });
      if (res.status !== 403 || !textOf(res.text).includes('Formuläret kunde inte tas emot')) {
        failures.push(`${page.path} as ${role}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('records no decision from a decision form posted without the token', async () => {
    const a = await registerAssociation(ctx);
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: [finding()] }));
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`).expect(201);
    const { agent } = await signIn(ctx, 'case_officer');
    const res = await agent
      .post(`/granskningar/${s.body.id}/beslut`)
      .type('form')
      .send({
        outcome: 'denied',
        justification: 'Skäl.',
        communicationId: await communicatedApplication(ctx, app.body.id),
      });
    expect(res.status).toBe(403);
    const rows = await ctx.handle.db
      .selectFrom('decisions')
      .select('id')
      .where('application_id', '=', app.body.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses a file upload without the token', async () => {
    const { agent } = await signIn(ctx, 'coordinator');
    const res = await agent
      .post('/bevakningslista/import')
      .attach(
        'file',
        Buffer.from('subject_kind,name,aliases,org_number,category,reason,source,review_by\n'),
        'a.csv',
      );
    expect(res.status).toBe(403);
  });
});
