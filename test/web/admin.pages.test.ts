import request from 'supertest';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { hiddenCsrf, signIn, textOf } from './web-support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('the admin pages', () => {
  it('lists users and spärrar one, who is then out of the pages and the API', async () => {
    const admin = await signIn(ctx, 'admin');
    const target = await signIn(ctx, 'booking_staff');
    const list = await admin.agent.get('/anvandare');
    expect(list.status).toBe(200);
    const text = textOf(list.text);
    expect(text).toContain('Test booking_staff');
    expect(text).toContain('Bokningspersonal');
    expect(text).toContain('Aldrig'); // the investigator never signed in
    const res = await admin.agent
      .post(`/anvandare/${ctx.userIds.booking_staff}/sparra`)
      .type('form')
      .send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/anvandare?klart=anvandare-sparrad');
    expect(textOf((await admin.agent.get(res.headers.location!)).text)).toContain('Spärrad');
    expect((await target.agent.get('/lokalkontroll')).status).toBe(303);
    const api = await request(ctx.app)
      .get('/api/premises-checks/PK-AAAAA-AAAAA')
      .set('Authorization', `Bearer ${ctx.tokens.booking_staff}`);
    expect(api.status).toBe(401);
  });

  it('refuses, on the page, to spärra the last active admin', async () => {
    const admin = await signIn(ctx, 'admin');
    const res = await admin.agent
      .post(`/anvandare/${ctx.userIds.admin}/sparra`)
      .type('form')
      .send({ _csrf: admin.csrf });
    expect(res.status).toBe(409);
    expect(textOf(res.text)).toContain('Det måste finnas minst en aktiv systemförvaltare');
    expect((await as(ctx, 'admin').get('/api/users')).status).toBe(200);
  });

  it('changes a role and shows a new token once, which then signs in', async () => {
    const admin = await signIn(ctx, 'admin');
    const role = await admin.agent
      .post(`/anvandare/${ctx.userIds.coordinator_2}/roll`)
      .type('form')
      .send({ _csrf: admin.csrf, role: 'investigator' });
    expect(role.status).toBe(303);
    const page = await admin.agent
      .post(`/anvandare/${ctx.userIds.coordinator_2}/ny-nyckel`)
      .type('form')
      .send({ _csrf: admin.csrf });
    expect(page.status).toBe(200);
    const token = /id="ny-nyckel">(fk_[\w-]+)</.exec(page.text)?.[1];
    expect(token).toBeDefined();
    expect(page.headers['cache-control']).toBe('no-store');
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    const signedIn = await agent
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token, nasta: '/' });
    expect(signedIn.status).toBe(303);
    expect(textOf((await agent.get('/')).text)).toContain('Granskare');
    expect(textOf((await admin.agent.get('/anvandare')).text)).not.toContain(token!);
  });

  it('shows the published rule sets with validity and hash, and the delegation order', async () => {
    const admin = await signIn(ctx, 'admin');
    const res = await admin.agent.get('/regelverk');
    expect(res.status).toBe(200);
    const { items } = (await as(ctx, 'admin').get('/api/rule-sets')).body as {
      items: { id: string; version: string; validFrom: string; hash: string }[];
    };
    expect(items.length).toBeGreaterThan(0);
    const text = textOf(res.text);
    for (const r of items) {
      expect(text).toContain(r.version);
      expect(text).toContain(r.validFrom);
      expect(text).toContain(r.hash);
    }
    const delegation = (await as(ctx, 'admin').get('/api/delegation')).body as {
      hash: string;
      committeeName: string;
    };
    expect(text).toContain(delegation.hash);
    expect(text).toContain(delegation.committeeName);
    expect(text).toContain('Endast nämnden');
  });
});
