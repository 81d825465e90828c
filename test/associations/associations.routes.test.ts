import { as, createTestContext, orgNumber, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const body = (n: number, extra: Record<string, unknown> = {}) => ({
  orgNumber: orgNumber(n),
  name: `Förening ${n}`,
  registeredOn: '2015-03-01',
  ...extra,
});

describe('association register', () => {
  it('registers an association with active support and stores the org number normalised', async () => {
    const digits = orgNumber(1).replace('-', '');
    const res = await as(ctx, 'case_officer')
      .post('/api/associations')
      .send(
        body(1, {
          orgNumber: `16${digits}`,
          aliases: ['F1'],
          representatives: [{ name: 'Anna Ek', role: 'ordförande' }],
        }),
      );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      orgNumber: orgNumber(1),
      name: 'Förening 1',
      aliases: ['F1'],
      registeredOn: '2015-03-01',
      representatives: [{ name: 'Anna Ek', role: 'ordförande' }],
      supportStatus: 'active',
    });
    const got = await as(ctx, 'investigator').get(`/api/associations/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(res.body);
  });

  it.each([orgNumber(2), orgNumber(2).replace('-', ''), `16${orgNumber(2)}`])(
    'refuses a second association with the same org number given as %s (409)',
    async (variant) => {
      await as(ctx, 'coordinator').post('/api/associations').send(body(2));
      const res = await as(ctx, 'case_officer')
        .post('/api/associations')
        .send(body(2, { orgNumber: variant }));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    },
  );

  it('finds an association by org number in any format', async () => {
    const created = await as(ctx, 'case_officer').post('/api/associations').send(body(3));
    for (const q of [orgNumber(3), orgNumber(3).replace('-', ''), `16${orgNumber(3)}`]) {
      const res = await as(ctx, 'case_officer').get(`/api/associations?orgNumber=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(created.body.id);
    }
    const missing = await as(ctx, 'case_officer').get(`/api/associations?orgNumber=${orgNumber(999)}`);
    expect(missing.status).toBe(404);
  });

  it.each([
    ['a bad check digit', { orgNumber: '802000-0000' }, 'body.orgNumber'],
    ['digits 3-4 under 20', { orgNumber: '551016-0680' }, 'body.orgNumber'],
    ['an empty name', { name: '  ' }, 'body.name'],
    ['an impossible date', { registeredOn: '2015-02-30' }, 'body.registeredOn'],
    ['a future registration date', { registeredOn: '2030-01-01' }, 'body.registeredOn'],
    ['an unknown field', { color: 'red' }, 'body'],
    [
      'a bad personnummer',
      { representatives: [{ name: 'X', role: 'kassör', personalNumber: '811218-9875' }] },
      'body.representatives.0.personalNumber',
    ],
  ])('answers 400 with the field for %s', async (_what, extra, path) => {
    const res = await as(ctx, 'case_officer').post('/api/associations').send(body(50, extra));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('audits the registration with who and what', async () => {
    const created = await as(ctx, 'case_officer').post('/api/associations').send(body(4));
    const events = await as(ctx, 'investigator').get(`/api/audit/events?entityId=${created.body.id}`);
    expect(events.body.items).toHaveLength(1);
    expect(events.body.items[0]).toMatchObject({
      actor: ctx.userIds.case_officer,
      action: 'association.registered',
      entityType: 'association',
      details: { orgNumber: orgNumber(4), name: 'Förening 4' },
    });
  });

  it('lists the register newest first in pages', async () => {
    for (const n of [10, 11, 12]) await as(ctx, 'case_officer').post('/api/associations').send(body(n));
    const first = await as(ctx, 'coordinator').get('/api/associations?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await as(ctx, 'coordinator').get(
      `/api/associations?limit=2&cursor=${first.body.nextCursor}`,
    );
    const ids = [...first.body.items, ...second.body.items].map((a: { id: string }) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const bad = await as(ctx, 'coordinator').get('/api/associations?cursor=garbage');
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await as(ctx, 'case_officer').get('/api/associations/7b0e3a1c-3c1e-4a8e-9f1e-2a1b3c4d5e6f')).status,
    ).toBe(404);
    expect((await as(ctx, 'case_officer').get('/api/associations/not-a-uuid')).status).toBe(400);
  });
});
