import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { AppDeps } from '../../src/deps';
import { prepareDeps } from '../../src/startup';
import { loadConfig } from '../../src/config';
import type { DatabaseHandle } from '../../src/db/connection';
import { createUser } from '../../src/users/users.service';
import { ROLES, type Role } from '../../src/users/users.table';
import { openTestDatabase } from './test-db';
import { TestClock } from './test-clock';

export interface TestContext {
  app: Express;
  deps: AppDeps;
  handle: DatabaseHandle;
  clock: TestClock;
  /** A bearer token per role, plus a second case officer for four-eyes tests. */
  tokens: Record<Role | 'case_officer_2' | 'coordinator_2', string>;
  userIds: Record<Role | 'case_officer_2' | 'coordinator_2', string>;
  close(): Promise<void>;
}

/** A fresh database, the app on it with a movable clock, and one user per role. */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const handle = await openTestDatabase();
  const clock = new TestClock();
  const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent', ...env });
  const deps: AppDeps = await prepareDeps(handle, config, clock, pino({ level: 'silent' }));
  const app = createApp(deps);
  const tokens = {} as TestContext['tokens'];
  const userIds = {} as TestContext['userIds'];
  const people: [keyof TestContext['tokens'], Role][] = [
    ...ROLES.map((r): [Role, Role] => [r, r]),
    ['case_officer_2', 'case_officer'],
    ['coordinator_2', 'coordinator'],
  ];
  for (const [key, role] of people) {
    const u = await createUser(handle.db, clock, 'test', { name: `Test ${key}`, role });
    tokens[key] = u.token;
    userIds[key] = u.id;
  }
  return { app, deps, handle, clock, tokens, userIds, close: () => handle.close() };
}

/** supertest with a bearer token. */
export function as(ctx: TestContext, who: keyof TestContext['tokens']) {
  const agent = request(ctx.app);
  const auth = `Bearer ${ctx.tokens[who]}`;
  return {
    get: (path: string) => agent.get(path).set('Authorization', auth),
    post: (path: string) => agent.post(path).set('Authorization', auth),
    delete: (path: string) => agent.delete(path).set('Authorization', auth),
    patch: (path: string) => agent.patch(path).set('Authorization', auth),
  };
}

/** A valid organisationsnummer for an ideell förening, different for each n. */
export function orgNumber(n: number): string {
  const nine = String(802000000 + n);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}
