import request from 'supertest';
import { allRoutes } from '../../src/app';
import { ROLES } from '../../src/users/users.table';
import { createTestContext, type TestContext } from '../support/test-app';

// Every declared route, asked by every role and by nobody: a role outside the route's list gets 403,
// no token gets 401, a role inside the list gets past the check (any other answer is the route's own).
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, UNKNOWN_ID);

function send(method: string, path: string, token?: string) {
  const agent = request(ctx.app);
  const req =
    method === 'get'
      ? agent.get(path)
      : method === 'delete'
        ? agent.delete(path)
        : method === 'put'
          ? agent.put(path)
          : method === 'patch'
            ? agent.patch(path)
            : agent.post(path);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return method === 'get' ? req : req.send({});
}

it('declares roles for every route', () => {
  const routes = allRoutes(ctx.deps);
  expect(routes.length).toBeGreaterThan(5);
  for (const r of routes) {
    expect(r.roles === 'public' ? r.path : r.roles.length).toBeTruthy();
  }
  expect(routes.filter((r) => r.roles === 'public').map((r) => r.path)).toEqual(['/health']);
});

it('enforces each route against every role', async () => {
  const failures: string[] = [];
  for (const route of allRoutes(ctx.deps)) {
    const path = concrete(route.path);
    const label = `${route.method.toUpperCase()} ${route.path}`;
    if (route.roles === 'public') continue;
    const anonymous = await send(route.method, path);
    if (anonymous.status !== 401) failures.push(`${label} without token: ${anonymous.status}`);
    for (const role of ROLES) {
      const res = await send(route.method, path, ctx.tokens[role]);
      const allowed = route.roles.includes(role);
      if (allowed && (res.status === 401 || res.status === 403))
        failures.push(`${label} as ${role}: ${res.status}`);
      if (!allowed && res.status !== 403) failures.push(`${label} as ${role}: ${res.status}, expected 403`);
    }
  }
  expect(failures).toEqual([]);
});
