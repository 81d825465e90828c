import request from 'supertest';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';
import { label } from '../../src/web/web.labels.sv';
import { svLineError, svProblem } from '../../src/web/web.validation.sv';
import type { ErrorCode } from '../../src/http/errors';
import { hiddenCsrf, signIn, textOf } from './web-support';

// The pages against input an attacker or a careless paste produces: form tokens in multibyte
// characters, user-chosen keys that name properties of Object.prototype, NUL characters in fields.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** As many characters as the real token, but several bytes each: the old comparison threw on it. */
const multibyteLike = (token: string) => 'å'.repeat(token.length);

describe('form tokens in multibyte characters', () => {
  it('are refused with 403 on a signed-in form, not a 500', async () => {
    const { agent, csrf } = await signIn(ctx, 'case_officer');
    for (const fake of [multibyteLike(csrf), '€'.repeat(csrf.length), '😀'.repeat(csrf.length / 2)]) {
      const res = await agent
        .post('/foreningar/ny')
        .type('form')
        .send({ orgNumber: orgNumber(901), name: 'Förening', _csrf: fake });
      expect(res.status).toBe(403);
      expect(textOf(res.text)).toContain('Formuläret kunde inte tas emot');
    }
    const registered = await ctx.handle.db
      .selectFrom('associations')
      .select('id')
      .where('org_number', '=', orgNumber(901))
      .executeTakeFirst();
    expect(registered).toBeUndefined();
  });

  it('are refused with 403 on the sign-in form and on sign-out', async () => {
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    const token = hiddenCsrf(form.text);
    const signInRes = await agent
      .post('/logga-in')
      .type('form')
      .send({ _csrf: multibyteLike(token), token: ctx.tokens.case_officer });
    expect(signInRes.status).toBe(403);

    const { agent: signedIn, csrf } = await signIn(ctx, 'investigator');
    const out = await signedIn
      .post('/logga-ut')
      .type('form')
      .send({ _csrf: multibyteLike(csrf) });
    expect(out.status).toBe(403);
    expect((await signedIn.get('/granskningskedja')).status).toBe(200);
  });
});

describe('user-chosen keys', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    '?klart=%s shows no message at all, and never "[object Object]" or a function',
    async (key) => {
      const { agent } = await signIn(ctx, 'case_officer');
      const res = await agent.get(`/?klart=${key}`);
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/\[object Object\]|function |\[native code\]/);
      expect(res.text).not.toContain('class="notice"');
    },
  );

  it('a known ?klart= still shows its message', async () => {
    const { agent } = await signIn(ctx, 'case_officer');
    const res = await agent.get('/?klart=forening-registrerad');
    expect(textOf(res.text)).toContain('Föreningen är registrerad.');
  });

  it('a code naming a prototype property is shown as typed, not as what the prototype holds', () => {
    for (const key of ['constructor', '__proto__', 'toString']) {
      expect(label('recommendation', key)).toBe(key);
      expect(label('category', key)).toBe(key);
      // A code read back from a stored import job is not checked by the compiler.
      expect(svProblem({ code: key as ErrorCode })).toBe('Uppgiften godtas inte.');
      expect(
        svLineError({ error: 'x', details: [{ path: key, code: key as ErrorCode, message: 'x' }] }),
      ).toBe('Uppgiften godtas inte.');
    }
  });
});

describe('text the database cannot store, in a form', () => {
  it('a NUL character in a form field is a Swedish 400 and nothing is stored', async () => {
    const { agent, csrf } = await signIn(ctx, 'case_officer');
    const res = await agent
      .post('/foreningar/ny')
      .type('form')
      .send({ orgNumber: orgNumber(902), name: 'Förening\u0000Nul', _csrf: csrf });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('otillåtet tecken');
    const registered = await ctx.handle.db
      .selectFrom('associations')
      .select('id')
      .where('org_number', '=', orgNumber(902))
      .executeTakeFirst();
    expect(registered).toBeUndefined();
  });

  it('a NUL character in a page address or query is a 4xx page, not a 500', async () => {
    const { agent } = await signIn(ctx, 'coordinator');
    const search = await agent.get('/bevakningslista?q=Anna%00Ek');
    expect(search.status).toBe(400);
    const id = await agent.get('/foreningar/%00');
    expect([400, 404]).toContain(id.status);
  });

  it('the API refuses the same with 400 validation_failed naming the field', async () => {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(903), name: 'Förening\u0000' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([
      { path: 'body.name', code: 'nul_character', message: expect.stringContaining('NUL') },
    ]);
  });
});

describe('the address a sign-in returns to', () => {
  const signInTo = async (nasta: string) => {
    const agent = request.agent(ctx.app);
    const form = await agent.get('/logga-in');
    return agent
      .post('/logga-in')
      .type('form')
      .send({ _csrf: hiddenCsrf(form.text), token: ctx.tokens.case_officer, nasta });
  };

  it('returns to a page of this site, and home instead of an address too long to be a page', async () => {
    const page = await signInTo('/ansokningar?status=open');
    expect(page.headers.location).toBe('/ansokningar?status=open');
    const probe = await signInTo(`/ansokningar?${'x'.repeat(600)}`);
    expect(probe.status).toBe(303);
    expect(probe.headers.location).toBe('/');
  });
});
