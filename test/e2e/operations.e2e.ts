import {
  OIDC_TEST_CLIENT_ID,
  OIDC_TEST_CLIENT_SECRET,
  startTestProvider,
  type TestProvider,
} from '../support/oidc-provider';
import { expectText, freePort, screenshot, startE2e, type E2e } from './e2e-support';

// Issue 16 in the browser: staff sign in through the municipality's OpenID provider (a real
// oidc-provider in its own process, on "localhost", so the provider is another site than the service
// on 127.0.0.1, as in production), and the API docs render in Chromium.
let e2e: E2e;
let provider: TestProvider;
beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({
    redirectUris: [`${base}/logga-in/oidc/tillbaka`],
    postLogoutUris: [`${base}/logga-in?utloggad=1`],
  });
  e2e = await startE2e(
    {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: OIDC_TEST_CLIENT_ID,
      OIDC_CLIENT_SECRET: OIDC_TEST_CLIENT_SECRET,
      OIDC_REDIRECT_URL: `${base}/logga-in/oidc/tillbaka`,
      OIDC_ROLE_MAP: JSON.stringify({ 'fk-handlaggare': 'case_officer' }),
      OIDC_DISPLAY_NAME: 'Stockholms stads konto',
    },
    port,
  );
}, 90_000);
afterAll(async () => {
  await e2e?.close();
  await provider?.stop();
});

/** A fresh browser (no cookies, no JavaScript: the pages need none) at the sign-in page. */
async function atSignIn() {
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseUrl,
    locale: 'sv-SE',
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto('/');
  return page;
}

async function signInAtProvider(login: string) {
  const page = await atSignIn();
  await page.getByRole('link', { name: 'Logga in med Stockholms stads konto' }).click();
  await page.waitForURL((u) => u.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('vilket-som-helst');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  return page;
}

describe('sign-in through the identity provider', () => {
  it('signs in a case officer whose group gives the role, and signs out at the provider too', async () => {
    const page = await signInAtProvider('anna');
    await page.waitForURL((u) => u.origin === e2e.baseUrl && u.pathname === '/', { timeout: 15_000 });
    await expectText(page.locator('h1'), 'Välkommen, Anna Handläggare');
    await expectText(page.locator('.signed-in'), 'Handläggare');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Ansökningar' })
      .click();
    await page.waitForURL((u) => u.pathname === '/arbetsko');
    await screenshot(page, 'oidc-signed-in');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer, { timeout: 15_000 });
    // oidc-provider asks whether to sign out there too; then back to the sign-in page here.
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.origin === e2e.baseUrl && u.pathname === '/logga-in', { timeout: 15_000 });
    await expectText(page.locator('main'), 'Du är utloggad');
    await page.context().close();
  });

  it('refuses a person whose groups give no role, in Swedish, with no account made', async () => {
    const page = await signInAtProvider('otto');
    await page.waitForURL((u) => u.origin === e2e.baseUrl);
    await expectText(page.locator('h1'), 'Du har inte tillgång till tjänsten');
    await expectText(page.locator('main'), 'Inget konto har skapats');
    await screenshot(page, 'oidc-refused');
    const users = await e2e.ctx.handle.db.selectFrom('users').select('name').execute();
    expect(users.map((u) => u.name)).not.toContain('Otto Utanför');
    await page.context().close();
  });
});

describe('API docs', () => {
  it('renders the OpenAPI document with Swagger UI in Chromium, from this origin only', async () => {
    const context = await e2e.browser.newContext({ baseURL: e2e.baseUrl });
    const page = await context.newPage();
    const problems: string[] = [];
    const foreign: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(e2e.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto('/api/docs');
    await expectText(page.locator('.swagger-ui .info .title'), 'Föreningskontroll API', 15_000);
    // Swagger UI breaks paths for wrapping; its data-path attribute holds the path as documented.
    await page.locator('[data-path="/api/users/{id}/deactivate"]').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'api-docs');
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
    await context.close();
  });
});
