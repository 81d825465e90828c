import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { allRoutes } from '../../src/app';
import { ROLES } from '../../src/users/users.table';
import { createTestContext, type TestContext } from '../support/test-app';
import { README_END, README_START, renderRoleTable, ROLE_MATRIX } from './role-matrix';

// Every operation, asked by every role and by nobody, against the pinned matrix (role-matrix.ts): a
// role the matrix allows gets past the check (any other answer is the route's own), a role it does
// not allow gets 403, no token gets 401. The expectation is the table, never the route declarations.
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (p: string) => p.replace(/:[A-Za-z]+/g, UNKNOWN_ID);
const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

function send(method: string, p: string, token?: string) {
  const agent = request(ctx.app);
  const req =
    method === 'get'
      ? agent.get(p)
      : method === 'delete'
        ? agent.delete(p)
        : method === 'put'
          ? agent.put(p)
          : method === 'patch'
            ? agent.patch(p)
            : agent.post(p);
  if (token) req.set('Authorization', `Bearer ${token}`);
  return method === 'get' ? req : req.send({});
}

it('has a row in the pinned matrix for every operation, and no row for an operation that does not exist', () => {
  const declared = allRoutes(ctx.deps).map(keyOf);
  const missing = declared.filter((k) => !Object.hasOwn(ROLE_MATRIX, k));
  const stale = Object.keys(ROLE_MATRIX).filter((k) => !declared.includes(k));
  // Named one by one, so whoever adds an operation sees which rows to write in test/http/role-matrix.ts.
  expect(missing.map((k) => `no row in test/http/role-matrix.ts for ${k}`)).toEqual([]);
  expect(stale.map((k) => `row in test/http/role-matrix.ts for ${k}, which is not declared`)).toEqual([]);
});

it('only /health is public', () => {
  expect(
    Object.entries(ROLE_MATRIX)
      .filter(([, a]) => a === 'public')
      .map(([k]) => k),
  ).toEqual(['GET /health']);
});

it('enforces every operation against every role as the matrix says', async () => {
  const failures: string[] = [];
  for (const route of allRoutes(ctx.deps)) {
    const key = keyOf(route);
    if (!Object.hasOwn(ROLE_MATRIX, key)) continue; // reported by the first test
    const expected = ROLE_MATRIX[key]!;
    const p = concrete(route.path);
    if (expected === 'public') {
      const res = await send(route.method, p);
      if (res.status === 401 || res.status === 403) failures.push(`${key} without token: ${res.status}`);
      continue;
    }
    const anonymous = await send(route.method, p);
    if (anonymous.status !== 401) failures.push(`${key} without token: ${anonymous.status}, expected 401`);
    for (const role of ROLES) {
      const res = await send(route.method, p, ctx.tokens[role]);
      const allowed = expected.includes(role);
      if (allowed && (res.status === 401 || res.status === 403))
        failures.push(`${key} as ${role}: ${res.status}, the matrix allows it`);
      if (!allowed && res.status !== 403) failures.push(`${key} as ${role}: ${res.status}, expected 403`);
    }
  }
  expect(failures).toEqual([]);
});

it("keeps the README's role table as the matrix says (npm run docs:roles writes it)", () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const inReadme = readme.slice(start + README_START.length, end).trim();
  expect(inReadme).toBe(renderRoleTable());
});
