import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { newToken } from '../../src/users/tokens';
import { createTestContext, type TestContext } from '../support/test-app';
import { hiddenCsrf, signIn, textOf } from './web-support';

// The pages have the API's limit (per person signed in, per address otherwise), and sign-in has its
// own, on failed attempts per address: guessing tokens through the form is stopped after a few.

describe('failed sign-ins', () => {
  const LIMIT = 5;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ SIGN_IN_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => ctx.close());

  async function attempt(token: string) {
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    return agent
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token });
  }

  it('answers a Swedish 429 page after too many failed attempts from one address', async () => {
    // Successful sign-ins are not counted: colleagues behind one address do not lock each other out.
    for (let i = 0; i < LIMIT + 1; i++) expect((await attempt(ctx.tokens.case_officer)).status).toBe(303);

    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await attempt(newToken())).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429, 429]);

    const refused = await attempt(newToken());
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('<html lang="sv">');
    expect(textOf(refused.text)).toContain('För många misslyckade inloggningsförsök från din adress');
    // Until the minute is over even the right token is refused: no token is looked up at all.
    expect((await attempt(ctx.tokens.case_officer)).status).toBe(429);
  });
});

describe('the pages', () => {
  const LIMIT = 5;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => ctx.close());

  it('limit each person signed in on their own, and everyone else per address, with a Swedish 429 page', async () => {
    // Each sign-in is two requests without a session (the form, the post), counted on the address,
    // and one with it (the start page), counted on the person.
    const officer = await signIn(ctx, 'case_officer');
    const investigator = await signIn(ctx, 'investigator');

    const officerStatuses: number[] = [];
    for (let i = 0; i < LIMIT; i++) officerStatuses.push((await officer.agent.get('/arbetsko')).status);
    expect(officerStatuses).toEqual([...Array(LIMIT - 1).fill(200), 429]);
    const page = await officer.agent.get('/arbetsko');
    expect(page.status).toBe(429);
    expect(page.text).toContain('<html lang="sv">');
    expect(textOf(page.text)).toContain('För många förfrågningar');
    expect(textOf(page.text)).toContain('Vänta en minut');

    // Another person has their own quota.
    expect((await investigator.agent.get('/granskningskedja')).status).toBe(200);

    // Made-up session cookies resolve to no one: they share the address's quota (4 of 5 used).
    const anonymous: number[] = [];
    for (let i = 0; i < 3; i++) {
      const cookie = `fk_session=${randomBytes(32).toString('base64url')}`;
      anonymous.push((await request(ctx.app).get('/arbetsko').set('Cookie', cookie)).status);
    }
    expect(anonymous).toEqual([303, 429, 429]);
    expect((await request(ctx.app).get('/logga-in')).status).toBe(429);
  });
});
