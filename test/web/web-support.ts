import request from 'supertest';
import type { TestContext } from '../support/test-app';

// Signing in through the pages, as a browser would: fetch the form (its token and cookie), post the
// bearer token, keep the session cookie in the agent.

export type Who = keyof TestContext['tokens'];

export function hiddenCsrf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no _csrf field on the page');
  return m[1]!;
}

export async function signIn(ctx: TestContext, who: Who) {
  const agent = request.agent(ctx.app);
  const form = await agent.get('/logga-in');
  const res = await agent
    .post('/logga-in')
    .type('form')
    .send({ _csrf: hiddenCsrf(form.text), token: ctx.tokens[who], nasta: '/' });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${res.text.slice(0, 500)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('fk_session='))!.split(';')[0]!;
  const home = await agent.get('/');
  return { agent, csrf: hiddenCsrf(home.text), cookie };
}

/** A page's visible text, tags and whitespace collapsed, for asserting on what a person reads. */
export function textOf(html: string): string {
  return decodeEntities(html)
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.:;)])/g, '$1')
    .trim();
}

/** The entities handlebars writes, back to characters. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}
