import request from 'supertest';
import { allRoutes } from '../../src/app';
import { createTestContext, type TestContext } from '../support/test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

it('serves an OpenAPI document describing every route with its roles', async () => {
  const res = await request(ctx.app).get('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.body.openapi).toMatch(/^3\./);
  for (const route of allRoutes(ctx.deps)) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const op = res.body.paths[path]?.[route.method];
    expect({ path, op: Boolean(op) }).toEqual({ path, op: true });
    const roles = route.roles === 'public' ? 'public' : route.roles.join(', ');
    expect(op.description).toContain(roles);
  }
  const create = res.body.paths['/api/associations'].post;
  expect(Object.keys(create.requestBody.content['application/json'].schema.properties ?? {})).toEqual(
    expect.arrayContaining(['orgNumber', 'name', 'aliases', 'registeredOn', 'representatives']),
  );
});
