import request from 'supertest';
import { grantApplication, registerAssociation } from '../support/fixtures';
import { as, createTestContext, type TestContext } from '../support/test-app';
import {
  concretePath,
  dateKind,
  deref,
  fetchOpenApi,
  operations,
  stringLeaves,
  valueAt,
  type Operation,
  requestOf,
} from '../support/openapi-walk';

// Dates and instants share their bounds: a real calendar day in years 1000–9999 for every field of
// every operation (PostgreSQL has no year 0; it used to reach the database as a booking's start);
// what has happened (a declaration's signature) is not in the future; what is planned (a booking, a
// grant period) lies within ten years of today. The test clock stands at 2026-11-26.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

function send(op: Operation, path: string) {
  const r = requestOf(ctx.app, op.method, path);
  return op.role ? r.set('Authorization', `Bearer ${ctx.tokens[op.role]}`) : r;
}

const OUT_OF_RANGE = {
  date: ['0000-01-01', '0999-12-31'],
  instant: ['0000-01-01T10:00:00Z', '0000-06-01T10:00:00+01:00'],
};

describe('every date and instant field of every operation', () => {
  it('refuses year 0000 and years before 1000 with 400 naming the field', async () => {
    const doc = await fetchOpenApi(ctx.app);
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations(doc)) {
      const cases: { field: string; run: (v: string) => request.Test; kind: 'date' | 'instant' }[] = [];
      if (op.body?.contentType === 'application/json') {
        for (const leaf of stringLeaves(doc, op.body.schema)) {
          const kind = dateKind(leaf.schema);
          if (!kind) continue;
          cases.push({
            field: ['body', ...leaf.path].join('.'),
            kind,
            run: (v) => send(op, concretePath(op, {})).send(valueAt(leaf.path, v) as object),
          });
        }
      }
      for (const q of op.query) {
        const s = deref(doc, q.schema);
        for (const alt of [s, ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
          const kind = dateKind(deref(doc, alt));
          if (!kind) continue;
          cases.push({
            field: `query.${q.name}`,
            kind,
            run: (v) => send(op, `${concretePath(op, {})}?${q.name}=${encodeURIComponent(v)}`),
          });
        }
      }
      for (const c of cases) {
        for (const v of OUT_OF_RANGE[c.kind]) {
          const res = await c.run(v);
          const paths = (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);
          if (res.status !== 400 || !paths.includes(c.field))
            failures.push(`${op.key} ${c.field}=${v}: ${res.status} ${paths.join(',')}`);
          checked++;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });
});

describe('period filters at the end of the calendar', () => {
  it('take the last day and the last instant the schemas admit (found by the property tests)', async () => {
    const cases: [string, string[]][] = [
      ['9999-12-31', ['/api/audit/events', '/api/decisions', '/api/screenings']],
      ['9999-12-31T23:59:59.999Z', ['/api/audit/events']],
    ];
    for (const [to, paths] of cases) {
      for (const path of paths) {
        const res = await as(ctx, 'investigator').get(`${path}?to=${encodeURIComponent(to)}`);
        expect({ path, to, status: res.status }).toEqual({ path, to, status: 200 });
      }
    }
  });
});

describe('dates that depend on today', () => {
  let associationId: string;
  beforeAll(async () => {
    associationId = (await registerAssociation(ctx)).id;
  });

  const apply = (extra: Record<string, unknown>) =>
    as(ctx, 'case_officer').post('/api/applications').send(grantApplication(associationId, extra));
  const fields = (res: request.Response) =>
    (res.body.error?.details ?? []).map((d: { path: string }) => d.path);

  it('a declaration signed in the future is refused, as other dates of what happened are', async () => {
    for (const signedOn of ['9999-12-31', '2026-11-27']) {
      const res = await apply({ declaration: { signed: true, signedBy: 'Anna Ek', signedOn } });
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['body.declaration.signedOn']);
    }
    const today = await apply({ declaration: { signed: true, signedBy: 'Anna Ek', signedOn: '2026-11-26' } });
    expect(today.status).toBe(201);
  });

  it('a booking in year 0000 or 2999 is refused; one next year is received', async () => {
    const premises = (from: string, to: string) => ({
      kind: 'premises',
      grant: null,
      premises: { venue: 'Sal 1', from, to },
    });
    const zero = await apply(premises('0000-01-01T10:00:00Z', '0000-01-01T12:00:00Z'));
    expect(zero.status).toBe(400);
    expect(fields(zero)).toEqual(expect.arrayContaining(['body.premises.from']));
    const far = await apply(premises('2999-01-01T10:00:00Z', '2999-01-01T12:00:00Z'));
    expect(far.status).toBe(400);
    expect(fields(far)).toEqual(['body.premises.from', 'body.premises.to']);
    const ok = await apply(premises('2027-03-01T10:00:00+01:00', '2027-03-01T12:00:00+01:00'));
    expect(ok.status).toBe(201);
  });

  it('a grant period a thousand years ahead is refused', async () => {
    const res = await apply({
      grant: { program: 'activity', amountSek: 1000, periodFrom: '3026-01-01', periodTo: '3026-12-31' },
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(['body.grant.periodFrom', 'body.grant.periodTo']);
  });
});
