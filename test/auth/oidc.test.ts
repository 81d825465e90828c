import request from 'supertest';
import { ConfigError, loadConfig } from '../../src/config';
import { oidcSettings } from '../../src/auth/oidc/oidc.settings';
import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  loginAtProvider,
  OIDC_TEST_CLIENT_ID,
  OIDC_TEST_CLIENT_SECRET,
  startTestProvider,
  type TestProvider,
} from '../support/oidc-provider';
import { decodeEntities, signIn, textOf } from '../web/web-support';

// Sign-in through a real OpenID provider (oidc-provider, in its own process): the service's
// openid-client talks to it over HTTP, nothing is mocked. The service itself is driven in process
// (supertest); its callback address is registered at the provider, and the test carries the
// browser's part: following the provider's redirects and posting its login form.

const CALLBACK = 'http://127.0.0.1:3999/logga-in/oidc/tillbaka';
let provider: TestProvider;
let ctx: TestContext;
beforeAll(async () => {
  provider = await startTestProvider({
    redirectUris: [CALLBACK],
    postLogoutUris: ['http://127.0.0.1:3999/logga-in?utloggad=1'],
  });
  ctx = await createTestContext({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: OIDC_TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT_SECRET,
    OIDC_REDIRECT_URL: CALLBACK,
    OIDC_ROLE_MAP: JSON.stringify({ 'fk-handlaggare': 'case_officer', 'fk-granskare': 'investigator' }),
    OIDC_DISPLAY_NAME: 'Stockholms stads konto',
  });
}, 60_000);
afterAll(async () => {
  await ctx?.close();
  await provider?.stop();
});

/** A browser: starts at the sign-in page's link, signs in at the provider, lands on the callback. */
async function signInThroughProvider(login: string) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/logga-in');
  const href = /<a class="button" href="([^"]+)">Logga in med Stockholms stads konto</.exec(page.text)?.[1];
  expect(href).toBe('/logga-in/oidc');
  const start = await agent.get(href!);
  expect(start.status).toBe(303);
  const authorization = new URL(start.headers.location!);
  expect(authorization.origin).toBe(provider.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  const callback = await loginAtProvider(authorization.href, login);
  expect(callback.href.startsWith(CALLBACK)).toBe(true);
  const landed = await agent.get(callback.pathname + callback.search);
  return { agent, landed, callback };
}

const usersNamed = (name: string) =>
  ctx.handle.db.selectFrom('users').selectAll().where('name', '=', name).execute();

describe('sign-in through the OpenID provider', () => {
  it('signs in a case officer whose group maps to the role, creating the account once, audited', async () => {
    const { agent, landed } = await signInThroughProvider('anna');
    expect(landed.status).toBe(200);
    expect(landed.headers.refresh).toBe('0; url=/');
    expect(textOf(landed.text)).toContain('Du är inloggad som Anna Handläggare');
    const home = textOf((await agent.get('/')).text);
    expect(home).toContain('Anna Handläggare');
    expect(home).toContain('Handläggare');
    expect((await agent.get('/arbetsko')).status).toBe(200);

    const [user] = await usersNamed('Anna Handläggare');
    expect(user).toMatchObject({ role: 'case_officer', oidc_issuer: provider.issuer, oidc_subject: 'anna' });
    const events = await ctx.handle.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'details'])
      .where('entity_id', '=', user!.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['user.created_by_sign_in', 'web.signed_in']);
    expect(events[0]).toMatchObject({ actor: 'system', details: { role: 'case_officer' } });

    // The second time the same person (issuer and sub) is found, not created again.
    const again = await signInThroughProvider('anna');
    expect(again.landed.status).toBe(200);
    expect(await usersNamed('Anna Handläggare')).toHaveLength(1);
    const listed = (await as(ctx, 'admin').get('/api/users')).body.items.find(
      (u: { id: string }) => u.id === user!.id,
    );
    expect(listed).toMatchObject({ signIn: 'oidc', status: 'active', lastSignInAt: expect.any(String) });
  });

  it('refuses a person without a mapped group, in Swedish, and creates no account', async () => {
    const { agent, landed } = await signInThroughProvider('otto');
    expect(landed.status).toBe(403);
    expect(textOf(landed.text)).toContain('ditt konto ingår inte i någon grupp som ger tillgång');
    expect(await usersNamed('Otto Utanför')).toEqual([]);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('accepts a callback once, and only in the browser that started the sign-in', async () => {
    const { callback } = await signInThroughProvider('anna');
    // The same code and state again (a replay), in the same or another browser.
    const replay = await request(ctx.app).get(callback.pathname + callback.search);
    expect(replay.status).toBe(400);
    expect(textOf(replay.text)).toContain('Inloggningen kunde inte slutföras');

    const starter = request.agent(ctx.app);
    const start = await starter.get('/logga-in/oidc');
    const fresh = await loginAtProvider(start.headers.location!, 'anna');
    const elsewhere = await request(ctx.app).get(fresh.pathname + fresh.search);
    expect(elsewhere.status).toBe(400);
    // The state was spent by the wrong browser: the right one cannot use it afterwards either.
    expect((await starter.get(fresh.pathname + fresh.search)).status).toBe(400);
  });

  it('refuses a deactivated person even though the provider vouches for them', async () => {
    const [anna] = await usersNamed('Anna Handläggare');
    await as(ctx, 'admin').post(`/api/users/${anna!.id}/deactivate`).expect(200);
    const { landed } = await signInThroughProvider('anna');
    expect(landed.status).toBe(403);
    expect(textOf(landed.text)).toContain('Ditt konto i Föreningskontroll är spärrat');
    await as(ctx, 'admin').post(`/api/users/${anna!.id}/reactivate`).expect(200);
  });

  it("signs out locally and sends the browser to the provider's end-session endpoint", async () => {
    const { agent } = await signInThroughProvider('anna');
    const home = await agent.get('/');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)![1]!;
    const out = await agent.post('/logga-ut').type('form').send({ _csrf: csrf });
    // A page that moves on at once (a form's redirect to another site would break CSP form-action).
    expect(out.status).toBe(200);
    expect(textOf(out.text)).toContain('Du är utloggad från Föreningskontroll');
    const refresh = /^0; url=(.+)$/.exec(String(out.headers.refresh))?.[1];
    const end = new URL(refresh!);
    expect(decodeEntities(out.text)).toContain(`href="${end.href}"`);
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(
      'http://127.0.0.1:3999/logga-in?utloggad=1',
    );
    expect(end.searchParams.get('client_id')).toBe(OIDC_TEST_CLIENT_ID);
    expect((await agent.get('/')).status).toBe(303);
  });

  it('keeps token sign-in, whose sign-out stays on this site', async () => {
    const page = await request(ctx.app).get('/logga-in');
    expect(textOf(page.text)).toContain('Inloggningsnyckel');
    const { agent, csrf } = await signIn(ctx, 'investigator');
    const out = await agent.post('/logga-ut').type('form').send({ _csrf: csrf });
    expect(out.headers.location).toBe('/logga-in?klart=utloggad');
  });
});

describe('identity-provider settings', () => {
  const base = {
    OIDC_ISSUER: 'https://login.example.se',
    OIDC_CLIENT_ID: 'fk',
    OIDC_REDIRECT_URL: 'https://fk.example.se/logga-in/oidc/tillbaka',
  };
  it('are off without any, and stop start-up when incomplete, insecure or with a bad role map', () => {
    expect(oidcSettings(loadConfig({}))).toBeUndefined();
    expect(oidcSettings(loadConfig({ ...base, OIDC_ROLE_MAP: '{"g":"admin"}' }))?.roleMap.get('g')).toBe(
      'admin',
    );
    const bad = (env: Record<string, string>) => () => oidcSettings(loadConfig(env));
    expect(bad({ OIDC_ISSUER: base.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID, OIDC_REDIRECT_URL/);
    expect(bad({ ...base, OIDC_ISSUER: 'http://login.example.se' })).toThrow(ConfigError);
    expect(bad({ ...base, OIDC_ROLE_MAP: '{"g":"boss"}' })).toThrow(/OIDC_ROLE_MAP\.g/);
    expect(bad({ ...base, OIDC_ROLE_MAP: 'not json' })).toThrow(/not valid JSON/);
  });
});
