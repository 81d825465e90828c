import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { newToken } from '../../src/users/tokens';
import { createTestContext, type TestContext } from '../support/test-app';
import { hiddenCsrf, signIn, textOf } from './web-support';

// The pages have the API's limit (per person signed in, per address otherwise), and sign-in has its
// own, on failed attempts per address: guessing tokens through the form is stopped after a few.

describe('failed sign-ins', () => {
  const LIMIT = 5;
  const CEILING = 12;
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext({
      SIGN_IN_LIMIT_PER_MINUTE: String(LIMIT),
      SIGN_IN_ADDRESS_LIMIT_PER_MINUTE: String(CEILING),
    });
  });
  afterAll(() => ctx.close());

  /** A browser: its sign-in form (and the form's cookie) fetched once, then any number of posts. */
  async function client() {
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    const csrf = hiddenCsrf(form.text);
    return { attempt: (token: string) => agent.post('/logga-in').type('form').send({ _csrf: csrf, token }) };
  }

  it('answers one client a Swedish 429 page after too many failures, while a colleague at the same address signs in', async () => {
    // Successful sign-ins are not counted.
    for (let i = 0; i < LIMIT + 1; i++) {
      expect((await (await client()).attempt(ctx.tokens.case_officer)).status).toBe(303);
    }

    const guesser = await client();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await guesser.attempt(newToken())).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429, 429]);

    const refused = await guesser.attempt(newToken());
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.text).toContain('<html lang="sv">');
    expect(textOf(refused.text)).toContain('För många misslyckade inloggningsförsök');
    // The guessing client itself is held until the minute is over, even with a right token.
    expect((await guesser.attempt(ctx.tokens.case_officer)).status).toBe(429);
    // Its colleague behind the same address is not.
    expect((await (await client()).attempt(ctx.tokens.investigator)).status).toBe(303);
  });

  it('stops a client that fetches a fresh form for every guess at the address ceiling', async () => {
    const fresh = await createTestContext({
      SIGN_IN_LIMIT_PER_MINUTE: String(LIMIT),
      SIGN_IN_ADDRESS_LIMIT_PER_MINUTE: String(CEILING),
    });
    try {
      const once = async (token: string) => {
        const agent = request.agent(fresh.app);
        const form = await agent.get('/logga-in');
        return agent
          .post('/logga-in')
          .type('form')
          .send({ _csrf: hiddenCsrf(form.text), token });
      };
      const statuses: number[] = [];
      for (let i = 0; i < CEILING + 2; i++) statuses.push((await once(newToken())).status);
      expect(statuses).toEqual([...Array(CEILING).fill(400), 429, 429]);
    } finally {
      await fresh.close();
    }
  });
});

describe('a shared NAT address with the default limits', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // The limits as deployed: the pages' own limit per address included.
    ctx = await createTestContext({ RATE_LIMIT_PER_MINUTE: '1200' });
  });
  afterAll(() => ctx.close());

  it('1,000 failed sign-ins from one client, then a colleague at the same address signs in with the right token', async () => {
    const agent = request.agent(ctx.app);
    const csrf = hiddenCsrf((await agent.get('/logga-in')).text);
    const counts: Record<number, number> = {};
    for (let i = 0; i < 1000; i++) {
      const res = await agent.post('/logga-in').type('form').send({ _csrf: csrf, token: newToken() });
      counts[res.status] = (counts[res.status] ?? 0) + 1;
    }
    expect(counts).toEqual({ 400: 20, 429: 980 });

    const colleague = request.agent(ctx.app);
    const form = await colleague.get('/logga-in');
    const res = await colleague
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token: ctx.tokens.booking_staff });
    expect(res.status).toBe(303);
    expect((await colleague.get('/lokalkontroll')).status).toBe(200);
  }, 60_000);
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
