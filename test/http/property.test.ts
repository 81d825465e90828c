import fc from 'fast-check';
import { finding, grantApplication, registerAssociation } from '../support/fixtures';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { communicatedApplication } from '../support/communications';
import {
  concretePath,
  fetchOpenApi,
  isErrorShape,
  operations,
  type OpenApiDoc,
  type Operation,
  requestOf,
} from '../support/openapi-walk';
import {
  anyJson,
  csvText,
  EDGE_STRINGS,
  encodeLoose,
  mutated,
  objectFor,
  pools,
  PROTOTYPE_KEYS,
  queryValueFor,
  valueFor,
} from '../support/schema-arbitrary';

// Property tests over the whole API: for every operation of the OpenAPI document, generated path
// parameters, queries and bodies (wrong types, boundary lengths, unicode edge cases, prototype keys,
// dates at the edges, broken JSON) never give a 5xx, and every error is the contract's shape. In CI
// with a fixed seed and a bounded number of runs per operation; `npm run fuzz` runs longer with a
// fresh seed (FUZZ_RUNS, FUZZ_SEED), and a failure prints the seed and path to replay it.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);

let ctx: TestContext;
let doc: OpenApiDoc;
beforeAll(async () => {
  ctx = await createTestContext();
  doc = await fetchOpenApi(ctx.app);
  await seedRecords();
}, 120_000);

/**
 * A few records of every kind, whose ids and org numbers the generators use: a request naming a
 * real application or decision gets past "not found" into the service and the database.
 */
async function seedRecords(): Promise<void> {
  const ids = new Set<string>();
  const keep = (body: unknown) => {
    JSON.stringify(body, (k, v: unknown) => {
      if (typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v))
        ids.add(v);
      return v;
    });
  };
  for (let i = 0; i < 2; i++) {
    const a = await registerAssociation(ctx);
    keep(a);
    pools.orgNumbers.push(a.orgNumber);
    const app = await as(ctx, 'case_officer')
      .post('/api/applications')
      .send(grantApplication(a.id, { findings: i === 0 ? [finding()] : [] }));
    keep(app.body);
    const s = await as(ctx, 'case_officer').post(`/api/applications/${app.body.id}/screenings`);
    keep(s.body);
    // A denial rests on kommunicering (FL 25 §): the letter sent and the answer recorded first.
    const communicationId = i === 0 ? await communicatedApplication(ctx, app.body.id) : undefined;
    keep({ id: communicationId });
    const d = await as(ctx, 'case_officer')
      .post(`/api/applications/${app.body.id}/decisions`)
      .send(
        i === 0
          ? {
              screeningId: s.body.id,
              outcome: 'denied',
              justification: 'Skäl.',
              communicationId,
            }
          : { screeningId: s.body.id, outcome: 'approved' },
      );
    keep(d.body);
  }
  const entry = await as(ctx, 'coordinator').post('/api/watchlist').send({
    subjectKind: 'organisation',
    name: 'Kvarnbygdens Vänner',
    category: 'violence_coercion_threats',
    reason: 'Dom i tingsrätt',
    source: 'Tingsrätten',
    reviewBy: '2027-06-01',
  });
  keep(entry.body);
  keep(
    (
      await as(ctx, 'booking_staff')
        .post('/api/premises-checks')
        .send({ name: 'Kvarnbygdens Vänner', venue: 'Sal 1', date: '2027-01-15' })
    ).body,
  );
  keep((await as(ctx, 'coordinator').get('/api/referrals')).body);
  keep((await as(ctx, 'investigator').get('/api/reminders')).body);
  pools.ids.push(...ids);
}
afterAll(() => ctx.close());

/** The run's seed mixed with the operation's key (FNV-1a), stable across runs and machines. */
function seedFor(key: string): number {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

interface Generated {
  params: Record<string, string>;
  query: [string, string][];
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; text: string } | undefined;
}

function requestArb(op: Operation): fc.Arbitrary<Generated> {
  const params = fc.record(
    Object.fromEntries(
      op.pathParams.map((p) => [
        p.name,
        fc.oneof(
          { arbitrary: fc.constantFrom(...pools.ids), weight: 6 },
          { arbitrary: fc.uuid({ version: 4 }), weight: 1 },
          { arbitrary: fc.constantFrom(...EDGE_STRINGS.filter((s) => s !== '')), weight: 1 },
          { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), weight: 1 },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const known = op.query.map((q) => fc.tuple(fc.constant(q.name), queryValueFor(doc, q.schema, q.name)));
  const query = fc
    .tuple(
      fc.subarray(known.length ? known : [fc.tuple(fc.constant('x'), fc.constant('1'))]),
      fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 2 },
      ),
    )
    .chain(([picked, extra]) =>
      fc.tuple(
        fc.tuple(...(picked as fc.Arbitrary<[string, string]>[])),
        fc.constant(extra as [string, string][]),
      ),
    )
    .map(([picked, extra]) => [...picked, ...extra]);
  let body: fc.Arbitrary<Generated['body']> = fc.constant(undefined);
  if (op.body?.contentType === 'text/csv') {
    body = fc.oneof(
      csvText.map((text) => ({ kind: 'raw' as const, type: 'text/csv', text })),
      anyJson.map((value) => ({ kind: 'json' as const, value })),
    );
  } else if (op.body) {
    body = fc.oneof(
      {
        arbitrary: mutated(doc, op.body.schema).map((value) => ({ kind: 'json' as const, value })),
        weight: 12,
      },
      {
        arbitrary: valueFor(doc, op.body.schema).map((value) => ({ kind: 'json' as const, value })),
        weight: 2,
      },
      {
        arbitrary: fc
          .constantFrom(
            '{"a":',
            '[1,2',
            '{"__proto__": {"admin": true}}',
            'null',
            '"x"',
            '\u0000',
            '{}'.repeat(3),
          )
          .map((text) => ({ kind: 'raw' as const, type: 'application/json', text })),
        weight: 1,
      },
      { arbitrary: fc.constant({ kind: 'raw' as const, type: 'text/plain', text: 'hej' }), weight: 1 },
    );
  } else if (op.method !== 'get') {
    body = fc.option(
      objectFor(doc, {}).map((value) => ({ kind: 'json' as const, value })),
      { nil: undefined },
    );
  }
  return fc.record({ params, query, body });
}

function send(op: Operation, g: Generated) {
  const path = op.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_m, name: string) =>
    encodeLoose(g.params[name] ?? ''),
  );
  const qs = g.query.map(([k, v]) => `${encodeLoose(k)}=${encodeLoose(v)}`).join('&');
  const url = qs ? `${path}?${qs}` : path;
  let r = requestOf(ctx.app, op.method, url);
  if (op.role) r = r.set('Authorization', `Bearer ${ctx.tokens[op.role]}`);
  if (!g.body) return r;
  if (g.body.kind === 'json')
    return r.set('Content-Type', 'application/json').send(JSON.stringify(g.body.value));
  return r.set('Content-Type', g.body.type).send(g.body.text);
}

describe('every operation of the OpenAPI document, under generated input', () => {
  it('has operations to test', async () => {
    expect(operations(await fetchOpenApi(ctx.app)).length).toBeGreaterThan(30);
    // concretePath is the same helper the other walks use; here only to keep the doc's paths honest.
    expect(concretePath(operations(doc)[0]!, {})).toMatch(/^\//);
  });

  it(
    'never answers 5xx, and every error is the contract’s shape',
    async () => {
      const failures: string[] = [];
      let requests = 0;
      const statuses = new Map<number, number>();
      for (const op of operations(doc)) {
        const result = await fc.check(
          fc.asyncProperty(requestArb(op), async (g) => {
            requests++;
            const res = await send(op, g);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status >= 500) return false;
            if (res.status >= 400 && op.path !== '/health') {
              if (!/json/.test(res.headers['content-type'] ?? '')) return false;
              if (!isErrorShape(res.body)) return false;
            }
            return true;
          }),
          // One seed per operation (derived from the run's seed), so operations do not share one stream.
          { numRuns: RUNS, seed: seedFor(op.key), endOnFailure: false },
        );
        if (result.failed) {
          const g = result.counterexample?.[0] as Generated | undefined;
          const shown = JSON.stringify(g, (_k, v: unknown) =>
            typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : v,
          );
          failures.push(`${op.key}: seed ${result.seed}, path ${result.counterexamplePath}: ${shown}`);
        }
      }
      const byStatus = JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])));
      process.stdout.write(
        `\nproperty tests: ${requests} requests (by status ${byStatus}), ${RUNS} runs per operation, seed ${SEED}\n`,
      );
      expect(failures).toEqual([]);
    },
    Number(process.env.FUZZ_TIMEOUT_MS ?? 600_000),
  );
});
