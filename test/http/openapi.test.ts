import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { allRoutes } from '../../src/app';
import { createTestContext, type TestContext } from '../support/test-app';

const run = promisify(execFile);
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

it('is a valid OpenAPI document by Redocly’s recommended rules', async () => {
  const res = await request(ctx.app).get('/api/openapi.json');
  const dir = mkdtempSync(path.join(tmpdir(), 'fk-openapi-'));
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(res.body));
  const cli = path.join(__dirname, '../../node_modules/@redocly/cli/bin/cli.js');
  const out = await run(process.execPath, [cli, 'lint', file, '--format=summary'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((e: { stdout: string; stderr: string }) => e);
  expect(`${out.stdout}${out.stderr}`).toContain('Your API description is valid');
}, 60_000);
