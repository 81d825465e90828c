import { randomUUID } from 'node:crypto';
import express from 'express';
import { sql } from 'kysely';
import pino from 'pino';
import request from 'supertest';
import { errorHandler } from '../../src/http/error-handler';
import { safeError } from '../../src/db/db-errors';
import { openTestDatabase, type TestDatabaseHandle } from '../support/test-db';

// A database error reaches the log as its code, the names of things and a message with its values
// taken out: never the statement's parameters (PGlite attaches them to the error; pg's `detail`
// quotes key values). Once a NUL in a new user's name printed the user's token hash to the log.
// Real errors from the driver in use (PGlite, or pg with DATABASE_URL), through the real handler.
let handle: TestDatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const SECRET_HASH = 'f'.repeat(20) + 'SECRETHASH' + '0'.repeat(34);
const PERSON = 'Hemliga Svensson';

function appWith(run: () => Promise<unknown>) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
  const app = express();
  app.get('/x', async () => {
    await run();
  });
  app.use(errorHandler(logger));
  return { app, lines };
}

describe('database errors in the log', () => {
  it('a value PostgreSQL refuses (NUL) is a 400, and the log line holds neither the value nor the other parameters', async () => {
    const { app, lines } = appWith(() =>
      handle.db
        .insertInto('users')
        .values({
          id: randomUUID(),
          name: `${PERSON}\u0000`,
          role: 'admin',
          token_hash: SECRET_HASH,
          created_at: new Date(),
        })
        .execute(),
    );
    const res = await request(app).get('/x');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const log = lines.join('\n');
    expect(log).toContain('database refused a value');
    expect(log).toMatch(/"code":"(22021|22P05)"/);
    expect(log).not.toContain('SECRETHASH');
    expect(log).not.toContain('Svensson');
    expect(log).not.toMatch(/insert into/i);
  });

  it('a value quoted in the message is taken out', async () => {
    const { app, lines } = appWith(() => sql`select ${`${PERSON} 12`}::uuid`.execute(handle.db));
    const res = await request(app).get('/x');
    expect(res.status).toBe(400);
    const log = lines.join('\n');
    expect(log).toContain('22P02');
    expect(log).not.toContain('Svensson');
  });

  it('a constraint error logged as a 500 names the constraint, not the key values', async () => {
    const missing = randomUUID();
    const { app, lines } = appWith(() =>
      handle.db
        .insertInto('findings')
        .values({
          id: randomUUID(),
          application_id: missing,
          category: 'supports_violent_extremism',
          description: `${PERSON} beskrivning`,
          source: 'källa',
          occurred_on: '2026-01-01',
          verified: true,
          acting_for_association: true,
          mitigation: JSON.stringify({ distanced: false, actionTaken: false, oneOff: false }),
          recorded_by: 'test',
          created_at: new Date(),
        } as never)
        .execute(),
    );
    const res = await request(app).get('/x');
    expect(res.status).toBe(500);
    const entry = JSON.parse(lines.find((l) => l.includes('unhandled error'))!);
    expect(entry.err.code).toBe('23503');
    expect(entry.err.constraint).toEqual(expect.any(String));
    const log = lines.join('\n');
    expect(log).not.toContain(missing);
    expect(log).not.toContain('Svensson');
  });

  it('keeps the message of an ordinary error and drops its other properties', () => {
    const err = Object.assign(new Error('boom'), { params: ['secret'], query: 'select secret' });
    const safe = safeError(err);
    expect(safe.message).toBe('boom');
    expect(JSON.stringify(safe)).not.toContain('secret');
  });
});
