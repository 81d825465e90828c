import { createHash } from 'node:crypto';
import request from 'supertest';
import { configWarnings, loadConfig } from '../../src/config';
import { createTestContext, type TestContext } from '../support/test-app';
import { decodeEntities, hiddenCsrf, signIn, textOf } from './web-support';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
afterEach(() => ctx.clock.set('2026-11-26T09:00:00.000Z'));

const setCookies = (res: request.Response): string[] => {
  const h = res.headers['set-cookie'] as unknown;
  return Array.isArray(h) ? (h as string[]) : typeof h === 'string' ? [h] : [];
};
const cookieNamed = (res: request.Response, name: string) =>
  setCookies(res).find((c) => c.startsWith(`${name}=`));

async function postSignIn(agent: ReturnType<typeof request.agent>, token: string, next = '/') {
  const form = await agent.get('/logga-in');
  return agent
    .post('/logga-in')
    .type('form')
    .send({ _csrf: hiddenCsrf(form.text), token, nasta: next });
}

describe('signing in and out', () => {
  it('sends a signed-out person to the sign-in page, and back to the page they asked for afterwards', async () => {
    const res = await request(ctx.app).get('/arbetsko?status=received');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/logga-in?nasta=%2Farbetsko%3Fstatus%3Dreceived');
    const agent = request.agent(ctx.app);
    const signedIn = await postSignIn(agent, ctx.tokens.case_officer, '/arbetsko?status=received');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/arbetsko?status=received');
    expect((await agent.get('/arbetsko?status=received')).status).toBe(200);
  });

  it('shows the sign-in page in Swedish, with its form token in an httpOnly, SameSite=Strict cookie', async () => {
    const res = await request(ctx.app).get('/logga-in');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="sv">');
    expect(textOf(res.text)).toContain('Logga in med den inloggningsnyckel');
    const cookie = cookieNamed(res, 'fk_signin')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.text).toContain(`value="${decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!)}"`);
  });

  it('refuses an unknown token in Swedish and starts no session', async () => {
    const agent = request.agent(ctx.app);
    const res = await postSignIn(agent, 'fk_not-a-real-token');
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Nyckeln är okänd eller spärrad');
    expect(cookieNamed(res, 'fk_session')).toBeUndefined();
    const empty = await postSignIn(agent, '   ');
    expect(textOf(empty.text)).toContain('Ange din inloggningsnyckel.');
  });

  it('sets an httpOnly, SameSite=Strict session cookie, stored only as a hash', async () => {
    const agent = request.agent(ctx.app);
    const res = await postSignIn(agent, ctx.tokens.coordinator);
    const cookie = cookieNamed(res, 'fk_session')!;
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/); // plain HTTP here; see the TLS test below
    expect(cookie).not.toMatch(/Expires|Max-Age/); // gone when the browser closes
    const value = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await ctx.handle.db.selectFrom('web_sessions').select(['id_hash', 'user_id']).execute();
    expect(rows.map((r) => r.id_hash)).toContain(createHash('sha256').update(value).digest('hex'));
    expect(rows.map((r) => r.id_hash)).not.toContain(value);
  });

  it('behind TLS the cookies are Secure and __Host- prefixed', async () => {
    const tls = await createTestContext({ TRUST_PROXY: 'true' });
    try {
      const agent = request.agent(tls.app);
      const form = await agent.get('/logga-in').set('X-Forwarded-Proto', 'https');
      expect(cookieNamed(form, '__Host-fk_signin')).toMatch(/Secure/);
      const token = cookieNamed(form, '__Host-fk_signin')!.split(';')[0]!;
      const res = await request(tls.app)
        .post('/logga-in')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', token)
        .type('form')
        .send({ _csrf: hiddenCsrf(form.text), token: tls.tokens.investigator });
      expect(res.status).toBe(303);
      const session = cookieNamed(res, '__Host-fk_session')!;
      expect(session).toMatch(/Secure/);
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
    } finally {
      await tls.close();
    }
  });

  it('COOKIE_SECURE=always makes the cookies Secure and __Host- prefixed over plain HTTP too; auto does not', async () => {
    const always = await createTestContext({ COOKIE_SECURE: 'always' });
    try {
      const form = await request(always.app).get('/logga-in');
      expect(cookieNamed(form, 'fk_signin')).toBeUndefined();
      const signin = cookieNamed(form, '__Host-fk_signin')!;
      expect(signin).toMatch(/; Secure/);
      const res = await request(always.app)
        .post('/logga-in')
        .set('Cookie', signin.split(';')[0]!)
        .type('form')
        .send({ _csrf: hiddenCsrf(form.text), token: always.tokens.case_officer });
      expect(res.status).toBe(303);
      expect(cookieNamed(res, 'fk_session')).toBeUndefined();
      const session = cookieNamed(res, '__Host-fk_session')!;
      expect(session).toMatch(/; Secure/);
      expect(session).toMatch(/HttpOnly/);
      expect(session).toMatch(/SameSite=Strict/);
      // The proxy in front forwards plain HTTP; the session cookie is read under the same name.
      const home = await request(always.app).get('/').set('Cookie', session.split(';')[0]!);
      expect(home.status).toBe(200);
      expect(textOf(home.text)).toContain('Inloggad: Test case_officer');
    } finally {
      await always.close();
    }

    const auto = await postSignIn(request.agent(ctx.app), ctx.tokens.case_officer);
    expect(cookieNamed(auto, '__Host-fk_session')).toBeUndefined();
    expect(cookieNamed(auto, 'fk_session')).not.toMatch(/Secure/);
  });

  it('warns at start in production when the session cookie could go without Secure', () => {
    const warnings = (env: Record<string, string>) => configWarnings(loadConfig(env), env.NODE_ENV);
    expect(warnings({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/COOKIE_SECURE=always/)]);
    expect(warnings({ NODE_ENV: 'production', COOKIE_SECURE: 'always' })).toEqual([]);
    expect(warnings({ NODE_ENV: 'production', TRUST_PROXY: 'true' })).toEqual([]);
    expect(warnings({ NODE_ENV: 'development' })).toEqual([]);
    expect(() => loadConfig({ COOKIE_SECURE: 'yes' })).toThrow(/COOKIE_SECURE/);
  });

  it('names the signed-in person and role, and offers only their pages in the navigation', async () => {
    const { agent } = await signIn(ctx, 'case_officer');
    const home = await agent.get('/');
    const header = /<header[\s\S]*<\/header>/.exec(home.text)![0];
    expect(textOf(header)).toContain('Inloggad: Test case_officer, Handläggare');
    const nav = [...header.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1]);
    // Regelverk och delegation: readable by everyone who may read the rule sets and the order.
    expect(nav).toEqual([
      '/arbetsko',
      '/foreningar',
      '/granskningar',
      '/beslut',
      '/paminnelser',
      '/regelverk',
    ]);
  });

  it('sign-out destroys the session: the old cookie no longer opens any page', async () => {
    const { agent, csrf, cookie } = await signIn(ctx, 'investigator');
    expect((await agent.get('/granskningskedja')).status).toBe(200);
    const out = await agent.post('/logga-ut').type('form').send({ _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/logga-in?klart=utloggad');
    expect(cookieNamed(out, 'fk_session')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect(textOf((await agent.get(out.headers.location!)).text)).toContain('Du är utloggad.');
    // The address registered at an identity provider for after its sign-out says the same.
    expect(textOf((await agent.get('/logga-in?utloggad=1')).text)).toContain('Du är utloggad.');
    expect(textOf((await agent.get('/logga-in')).text)).not.toContain('Du är utloggad.');
    // A copy of the cookie taken before sign-out is worthless now.
    const replay = await request(ctx.app).get('/granskningskedja').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    const events = await ctx.handle.db
      .selectFrom('audit_events')
      .select('action')
      .where('actor', '=', ctx.userIds.investigator)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['web.signed_in', 'web.signed_out']));
  });

  it('ends a session after an hour without use, and after ten hours whatever happens', async () => {
    const idle = await signIn(ctx, 'case_officer');
    ctx.clock.advanceMs(61 * 60_000);
    expect((await idle.agent.get('/arbetsko')).status).toBe(303);

    ctx.clock.set('2026-11-26T09:00:00.000Z');
    const busy = await signIn(ctx, 'case_officer');
    const statuses: number[] = [];
    for (let minutes = 50; minutes <= 600; minutes += 50) {
      ctx.clock.advanceMs(50 * 60_000); // active every 50 minutes: the idle limit is never reached
      statuses.push((await busy.agent.get('/arbetsko')).status);
    }
    expect(statuses).toEqual([...Array(11).fill(200), 303]);
  });

  it('returns only to addresses on this site after sign-in', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await postSignIn(request.agent(ctx.app), ctx.tokens.case_officer, next);
      expect(res.headers.location).toBe('/');
    }
  });

  it('keeps pages out of caches, blocks inline script by CSP, and caches the stylesheet for a year', async () => {
    const { agent } = await signIn(ctx, 'coordinator');
    const page = await agent.get('/bevakningslista');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.text).not.toMatch(/<script/);
    const href = decodeEntities(/<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1]!);
    expect(href).toMatch(/^\/static\/web\.css\?v=[0-9a-f]{12}$/);
    const css = await request(ctx.app).get(href);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it('leaves the API alone: its unknown paths still answer JSON', async () => {
    const res = await request(ctx.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    const page = await request(ctx.app).get('/ingen-sida');
    expect(page.status).toBe(404);
    expect(textOf(page.text)).toContain('Sidan finns inte');
  });
});
