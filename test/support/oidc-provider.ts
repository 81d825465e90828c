import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const OIDC_TEST_CLIENT_ID = 'foreningskontroll';
export const OIDC_TEST_CLIENT_SECRET = 'test-secret-test-secret-test-secret';

export interface TestProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Starts the test OpenID provider (test/support/oidc-test-provider.mjs) in its own process, with the
 * service's redirect and post-logout addresses registered for the one client.
 */
export async function startTestProvider(opts: {
  redirectUris: string[];
  postLogoutUris: string[];
  host?: string;
}): Promise<TestProvider> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--no-warnings', path.join(__dirname, 'oidc-test-provider.mjs')],
    {
      env: {
        ...process.env,
        OIDC_TEST_HOST: opts.host ?? 'localhost',
        OIDC_TEST_CLIENT_ID,
        OIDC_TEST_CLIENT_SECRET,
        OIDC_TEST_REDIRECT_URIS: opts.redirectUris.join(' '),
        OIDC_TEST_POST_LOGOUT_URIS: opts.postLogoutUris.join(' '),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { issuer: string }).issuer));
    child.once('exit', (code) => reject(new Error(`test OpenID provider exited (${code}): ${stderr}`)));
  });
  return {
    issuer,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Signs a person in at the test provider as a browser would (its development login page, any
 * password), starting from the authorization address the service sent the browser to. Returns the
 * address the provider then sends the browser back to: the service's callback with code and state.
 */
export async function loginAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const res = await send(url);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (!next.href.startsWith(new URL(authorizationUrl).origin)) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action)
      throw new Error(`unexpected provider page ${res.status}: ${html.slice(0, 300)}`);
    const posted = await send(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'vilket-som-helst' }).toString(),
    });
    url = new URL(posted.headers.get('location')!, url).href;
  }
  throw new Error('too many redirects at the provider');
}
