import { randomUUID } from 'node:crypto';
import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

// Every list reads its cursor through the one keyset helper: a cursor that is not one the list
// gave out is the same 400 on each, naming query.cursor, never a 500 or a silently restarted list.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const timeCursor = encode({ t: '2024-05-02T10:00:00.000Z', id: randomUUID() });

it.each([
  ['case_officer', '/api/associations', 'garbage'],
  ['case_officer', '/api/applications', encode({ t: 'not a time', id: randomUUID() })],
  ['investigator', '/api/decisions', encode({ seq: 4 })],
  ['investigator', '/api/screenings', encode({ t: '2024-05-02T10:00:00.000Z', id: 'not-a-uuid' })],
  ['investigator', '/api/audit/events', timeCursor],
  ['case_officer', '/api/reminders?sort=due', timeCursor],
  ['case_officer', '/api/reminders', encode({ d: '2024-06-01', id: randomUUID() })],
  ['coordinator', '/api/referrals', '%%%'],
  ['investigator', '/api/withdrawals', encode(['x'])],
  ['booking_staff', '/api/premises-checks', encode({ t: '2024-05-02T10:00:00.000Z', id: 'x'.repeat(41) })],
] as const)(
  '%s: GET %s with a cursor it did not give out is a 400 on query.cursor',
  async (who, path, cursor) => {
    const res = await as(ctx, who).get(
      `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
  },
);

it('walks the association register two at a time to the end, every association once, newest first', async () => {
  // Registered within the same millisecond on the test clock: only the id orders them.
  const ids: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send({ orgNumber: orgNumber(900 + n), name: `Förening ${n}`, registeredOn: '2015-03-01' });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  const seen: string[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(ctx, 'case_officer').get(
      `/api/associations?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    seen.push(...res.body.items.map((a: { id: string }) => a.id));
    sizes.push(res.body.items.length);
    cursor = res.body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([...ids].sort().reverse());
  expect(sizes).toEqual([2, 2, 1]);
});
