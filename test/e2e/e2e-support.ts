import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createTestContext, type TestContext } from '../support/test-app';

// Browser tests drive Debian's Chromium through playwright-core against the service started here on a
// free port, on a fresh database (embedded, or a real server with DATABASE_URL, as the rest of the suite).

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface E2e {
  ctx: TestContext;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** `env` adds settings (e.g. an identity provider); `port` 0 takes any free one. */
export async function startE2e(env: Record<string, string> = {}, port = 0): Promise<E2e> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const ctx = await createTestContext(env);
  const server: Server = await new Promise((resolve) => {
    const s = ctx.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    ctx,
    browser,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
    },
  };
}

/**
 * A fresh browser context (no cookies) with JavaScript switched off, signed in with a role's token
 * through the sign-in page. The pages have no scripts; running the flows without JavaScript proves
 * they need none.
 */
export async function signedInPage(e2e: E2e, who: keyof TestContext['tokens']): Promise<Page> {
  const context = await e2e.browser.newContext({
    baseURL: e2e.baseUrl,
    locale: 'sv-SE',
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Inloggningsnyckel').fill(e2e.ctx.tokens[who]);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return page;
}

/**
 * Fails on serious or critical accessibility problems (axe-core's WCAG 2.1 A and AA rules). axe is a
 * script, so it runs in a second, JavaScript-enabled page that is served exactly the HTML the tested
 * page shows (and the real stylesheet, for contrast), at the same address.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const html = await page.content();
  const url = page.url().split('#')[0]!;
  const checker = await page.context().browser()!.newContext({ locale: 'sv-SE' });
  try {
    const copy = await checker.newPage();
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(url);
    const results = await new AxeBuilder({ page: copy })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const bad = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}) on ${url}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
      );
    expect(bad).toEqual([]);
  } finally {
    await checker.close();
  }
}

/** Screenshots for the page descriptions, only when E2E_SCREENSHOTS names a folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Waits until the element's visible text contains `expected` (playwright-core has no web-first
 * assertions; this is the one the tests need).
 */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      last = await locator.innerText({ timeout: 1000 });
      if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `expected ${String(locator)} to contain ${String(expected)}; it reads:\n${last.slice(0, 800)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port free right now on 127.0.0.1 (for a callback address the provider must know in advance). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
