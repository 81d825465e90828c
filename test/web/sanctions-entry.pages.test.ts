import { readFileSync } from 'node:fs';
import path from 'node:path';
import { as, createTestContext, type TestContext } from '../support/test-app';
import { signIn, textOf } from './web-support';

// A sanctions-list entry on the coordinator's page: what the list says of it, valid while listed,
// and no form to retire it by hand (the list decides).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  const res = await as(ctx, 'coordinator')
    .post('/api/watchlist/sources/eu/import')
    .set('Content-Type', 'application/xml')
    .send(readFileSync(path.join(__dirname, '../fixtures/sanctions/eu-1.xml')));
  expect(res.status).toBe(200);
});
afterAll(() => ctx.close());

it('shows the listing, and offers no retirement', async () => {
  const { id } = await ctx.handle.db
    .selectFrom('watchlist_entries')
    .select('id')
    .where('list_reference', '=', '9001')
    .executeTakeFirstOrThrow();
  const coordinator = await signIn(ctx, 'coordinator');
  const res = await coordinator.agent.get(`/bevakningslista/${id}`);
  expect(res.status).toBe(200);
  const page = textOf(res.text);
  expect(page).toContain('Gäller så länge personen eller organisationen står i sanktionsförteckningen');
  expect(page).toContain('EU.9001.01');
  expect(page).toContain('2019/1337 (OJ L209) (2019-07-16)');
  expect(page).toContain('Registration Number: REG-445566 (UNKNOWN)');
  expect(page).toContain('Front de libération de la Brigade Douze');
  expect(res.text).not.toContain('/avregistrera');
});
