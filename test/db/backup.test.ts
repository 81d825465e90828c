import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { backupEmbedded, backupServer, restoreEmbedded, restoreServer } from '../../src/db/backup';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { DataDirInUseError } from '../../src/db/data-dir-lock';
import { prepareDeps } from '../../src/startup';
import { createUser } from '../../src/users/users.service';
import { finding, grantApplication } from '../support/fixtures';
import { orgNumber } from '../support/test-app';
import { TestClock } from '../support/test-clock';
import { openTestDatabase } from '../support/test-db';
import { adminUrl, withDatabase } from '../support/test-db-names';

// Backups restore: a copy taken by `npm run backup` (the embedded data directory dumped under its
// lock; pg_dump on a server) and put back by `npm run restore` verifies its audit chain and answers
// the same screenings as the original.

const clock = new TestClock();
const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
const appOn = async (handle: DatabaseHandle) =>
  createApp(await prepareDeps(handle, config, clock, pino({ level: 'silent' })));

/** Records of every kind on the database: a screened application with a decision awaiting approval. */
async function fill(handle: DatabaseHandle) {
  const app = await appOn(handle);
  const officer = await createUser(handle.db, clock, 'test', { name: 'Handläggare', role: 'case_officer' });
  const investigator = await createUser(handle.db, clock, 'test', {
    name: 'Granskare',
    role: 'investigator',
  });
  const as = (token: string) => (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  const officerDo = as(officer.token);
  const a = await officerDo(request(app).post('/api/associations')).send({
    orgNumber: orgNumber(42),
    name: 'Backupföreningen',
    registeredOn: '2015-01-01',
  });
  const application = await officerDo(request(app).post('/api/applications')).send(
    grantApplication(a.body.id, { findings: [finding()] }),
  );
  const screening = await officerDo(request(app).post(`/api/applications/${application.body.id}/screenings`));
  expect(screening.status).toBe(201);
  // Kommunicering before the denial (FL 25 §): the findings sent, the association's answer recorded.
  const sent = await officerDo(request(app).post('/api/communications')).send({
    applicationId: application.body.id,
    findingIds: (application.body.findings as { id: string }[]).map((f) => f.id),
    sentOn: '2026-11-20',
    replyBy: '2026-11-25',
  });
  expect(sent.status).toBe(201);
  const reply = await officerDo(request(app).post(`/api/communications/${sent.body.id}/reply`)).send({
    receivedOn: '2026-11-24',
    summary: 'Föreningen bestrider uppgifterna.',
  });
  expect(reply.status).toBe(200);
  const decision = await officerDo(
    request(app).post(`/api/applications/${application.body.id}/decisions`),
  ).send({
    screeningId: screening.body.id,
    outcome: 'denied',
    justification: 'Föreningens ordförande har uppmanat till våld.',
    communicationId: sent.body.id,
  });
  expect(decision.status).toBe(201);
  const seen = await observe(app, investigator.token, screening.body.id);
  // The chain as it is when the backup is taken (observing replayed the screening: an event).
  const chain = (
    await request(app).get('/api/audit/verify').set('Authorization', `Bearer ${investigator.token}`)
  ).body;
  return {
    screeningId: screening.body.id as string,
    investigator: investigator.token,
    ...seen,
    verify: chainOf(chain),
  };
}

/** What the copy must answer alike: the screening, its replay, and the chain's verification. */
/**
 * What a restored copy must reproduce of a verification: valid, as many events, the same head. (How
 * it was checked differs: the first check leaves a checkpoint, so a later one is incremental.)
 */
const chainOf = (body: { valid: boolean; events: number; head: string }) => ({
  valid: body.valid,
  events: body.events,
  head: body.head,
});

async function observe(app: Awaited<ReturnType<typeof appOn>>, token: string, screeningId: string) {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  // The chain first: reading a screening's replay is itself an audited event.
  const verify = chainOf((await auth(request(app).get('/api/audit/verify'))).body);
  const screening = (await auth(request(app).get(`/api/screenings/${screeningId}`))).body;
  const replay = (await auth(request(app).post(`/api/screenings/${screeningId}/replay`)).send({})).body;
  return { screening, replayIdentical: replay.identical as boolean, verify };
}

const embedded = process.env.DATABASE_URL ? describe.skip : describe;
const server = process.env.DATABASE_URL ? describe : describe.skip;

embedded('backup and restore of the embedded database', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'fk-backup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores a copy that verifies its chain and answers the same screenings', async () => {
    const dataDir = path.join(dir, 'data');
    const original = await openDatabase({
      dataDir,
      loadDataDir: new Blob([readFileSync(process.env.FK_PGLITE_TEMPLATE!)]),
    });
    const before = await fill(original);
    expect(before.verify.valid).toBe(true);
    expect(before.replayIdentical).toBe(true);

    // While the service has the directory open, a backup (another process, or this one) is refused.
    await expect(backupEmbedded(dataDir, path.join(dir, 'refused.tar.gz'))).rejects.toBeInstanceOf(
      DataDirInUseError,
    );
    await original.close();

    const file = path.join(dir, 'backup.tar.gz');
    const { bytes } = await backupEmbedded(dataDir, file);
    expect(bytes).toBe(statSync(file).size);
    expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip

    const restoredDir = path.join(dir, 'restored');
    await restoreEmbedded(file, restoredDir);
    const restored = await openDatabase({ dataDir: restoredDir });
    try {
      const after = await observe(await appOn(restored), before.investigator, before.screeningId);
      expect(after).toEqual({ screening: before.screening, replayIdentical: true, verify: before.verify });
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuses to restore over a directory that holds something', async () => {
    const busy = path.join(dir, 'busy');
    mkdirSync(busy, { recursive: true });
    writeFileSync(path.join(busy, 'PG_VERSION'), '17');
    await expect(restoreEmbedded(path.join(dir, 'backup.tar.gz'), busy)).rejects.toThrow(/not empty/);
  });
});

server('backup and restore on a PostgreSQL server (pg_dump, pg_restore)', () => {
  it('restores a copy into an empty database that verifies its chain and answers the same screenings', async () => {
    const source = await openTestDatabase();
    const url = process.env.DATABASE_URL!;
    const target = `fk_restore_${randomBytes(5).toString('hex')}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-backup-'));
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    try {
      const before = await fill(source);
      expect(before.verify.valid).toBe(true);
      const file = path.join(dir, 'backup.dump');
      // While the service keeps running: pg_dump reads one snapshot.
      await backupServer(source.url!, file);
      await admin.query(`create database ${target}`);
      await restoreServer(file, withDatabase(url, target));
      const restored = await openDatabase({ databaseUrl: withDatabase(url, target), dataDir: '' });
      try {
        const after = await observe(await appOn(restored), before.investigator, before.screeningId);
        expect(after).toEqual({ screening: before.screening, replayIdentical: true, verify: before.verify });
      } finally {
        await restored.close();
      }
    } finally {
      await source.close();
      await admin.query(`drop database if exists ${target} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
