import request from 'supertest';
import { textProblems } from '../../src/http/text-hygiene';
import { createTestContext, orgNumber, type TestContext } from '../support/test-app';
import {
  concretePath,
  fetchOpenApi,
  isErrorShape,
  operations,
  stringPaths,
  valueAt,
  type Operation,
  requestOf,
} from '../support/openapi-walk';

// Text PostgreSQL cannot store (U+0000) or that would be stored as something else (a lone UTF-16
// surrogate becomes U+FFFD) is refused with 400 validation_failed, naming the field, on every string
// of every operation of the OpenAPI document: body fields, query parameters and path parameters.
// Before, NUL gave a 500 in 16 operations and logged the statement with its parameters.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const NUL = 'Anna\u0000Ek';
const LONE_SURROGATE = 'Anna\ud800Ek';

function send(op: Operation, path: string) {
  const r = requestOf(ctx.app, op.method, path);
  return op.role ? r.set('Authorization', `Bearer ${ctx.tokens[op.role]}`) : r;
}

/** The answer must be 400 validation_failed in the contract's shape, naming `field`. */
function refusal(res: request.Response, field: string): string | undefined {
  if (res.status !== 400) return `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
  if (!isErrorShape(res.body) || res.body.error.code !== 'validation_failed') return 'not the error shape';
  const paths = (res.body.error.details ?? []).map((d: { path: string }) => d.path);
  return paths.includes(field) ? undefined : `details name ${paths.join(', ')}`;
}

describe('every string field of every operation', () => {
  it('refuses NUL and a lone surrogate in every JSON body field', async () => {
    const doc = await fetchOpenApi(ctx.app);
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations(doc)) {
      if (op.body?.contentType !== 'application/json') continue;
      for (const path of stringPaths(doc, op.body.schema)) {
        for (const bad of [NUL, LONE_SURROGATE]) {
          const res = await send(op, concretePath(op, {}))
            .set('Content-Type', 'application/json')
            // JSON.stringify writes a lone surrogate as the escape "\ud800", as a client would.
            .send(JSON.stringify(valueAt(path, bad)));
          const field = ['body', ...path].join('.');
          const problem = refusal(res, field);
          if (problem) failures.push(`${op.key} ${field} ${bad === NUL ? 'NUL' : 'surrogate'}: ${problem}`);
          checked++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('refuses NUL in every query parameter and every path parameter', async () => {
    const doc = await fetchOpenApi(ctx.app);
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations(doc)) {
      for (const q of op.query) {
        const res = await send(op, `${concretePath(op, {})}?${q.name}=${encodeURIComponent(NUL)}`);
        const problem = refusal(res, `query.${q.name}`);
        if (problem) failures.push(`${op.key} query.${q.name}: ${problem}`);
        checked++;
      }
      for (const p of op.pathParams) {
        const req = send(op, concretePath(op, { [p.name]: NUL }));
        const res = op.body?.contentType === 'application/json' ? await req.send({}) : await req;
        const problem = refusal(res, `params.${p.name}`);
        if (problem) failures.push(`${op.key} params.${p.name}: ${problem}`);
        checked++;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(50);
  });

  it('refuses a CSV body with a NUL character, naming its line, and imports nothing', async () => {
    const doc = await fetchOpenApi(ctx.app);
    const csvOps = operations(doc).filter((op) => op.body?.contentType === 'text/csv');
    expect(csvOps.length).toBeGreaterThan(0);
    for (const op of csvOps) {
      const csv =
        'subject_kind,name,aliases,org_number,category,reason,source,review_by\n' +
        'organisation,Förening Ett,,,discrimination,skäl,källa,2027-01-01\n' +
        'organisation,Förening\u0000Två,,,discrimination,skäl,källa,2027-01-01\n';
      const res = await send(op, concretePath(op, {})).set('Content-Type', 'text/csv').send(csv);
      expect(refusal(res, 'body')).toBeUndefined();
      expect(res.body.error.details[0].message).toContain('line 3');
      expect(res.body.error.details[0]).toMatchObject({ code: 'nul_character', params: { line: 3 } });
    }
    const stored = await ctx.handle.db.selectFrom('watchlist_entries').select('id').execute();
    expect(stored).toEqual([]);
  });

  it('lets the same text through without the bad character', async () => {
    const res = await request(ctx.app)
      .post('/api/associations')
      .set('Authorization', `Bearer ${ctx.tokens.case_officer}`)
      .send({ orgNumber: orgNumber(77), name: 'Anna Ek 😀 förening' });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Anna Ek 😀 förening');
  });
});

describe('the walk itself', () => {
  it('finds problems in keys, deep inside arrays, and survives a very deep body', () => {
    expect(textProblems({ a: [{ b: 'x' }, { c: 'y\u0000' }] }, 'body')).toEqual([
      { path: 'body.a.1.c', code: 'nul_character', message: expect.stringContaining('NUL') },
    ]);
    expect(textProblems({ ['k\u0000']: 1 }, 'body')).toEqual([
      { path: 'body.(key)', code: 'nul_character', message: expect.stringContaining('NUL') },
    ]);
    // A paired surrogate (an emoji) is fine; a lone low surrogate is not.
    expect(textProblems(['😀', '\udc00x'], 'q')).toEqual([
      { path: 'q.1', code: 'lone_surrogate', message: expect.stringContaining('surrogate') },
    ]);
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(textProblems(deep, 'body')).toHaveLength(1);
  });
});
