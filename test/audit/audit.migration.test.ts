import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { verifyChain } from '../../src/audit/audit.service';
import { allEvents } from '../../src/audit/audit.events';
import { inclusionProof } from '../../src/audit/audit.tree.service';
import { adminUrl, withDatabase } from '../support/test-db-names';
import { leafHashOf, mth, rfcVerifyInclusion } from './rfc9162';
import { headerJson } from '../../src/audit/audit.hash';

// Migration 0016 on a database as the code before it left one: the rows of a real format-1 log (written
// by the service at the commit before the change, test/fixtures/audit-v1-rows.ndjson) in a database
// migrated only up to 0010.

// Each test migrates a database from 0010 to the latest schema (every migration since) and converts
// the log: over 30 s on a crowded 2-core machine.
jest.setTimeout(120_000);

interface FixtureRow {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: unknown;
  prev_hash: string;
  hash: string;
}

const [meta, ...rows] = readFileSync(path.join(__dirname, '../fixtures/audit-v1-rows.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as unknown);
const oldHead = (meta as { head: { seq: number; hash: string } }).head;
const fixture = rows as FixtureRow[];

const handles: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of handles) await close();
});

/**
 * A database of its own migrated up to 0010 (not the run's template, which is at the latest): made
 * once, then copied for each test (a PGlite dump, or a server database used as a template).
 */
let base: { dump?: Blob; template?: string } | undefined;
async function at0010(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl(url!) });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  if (!base) {
    const upTo0010 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= '0010'));
    let h: DatabaseHandle;
    if (url) {
      const template = `fk_mig_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${template}`);
      h = await openDatabase({ databaseUrl: withDatabase(url, template), dataDir: '' });
      base = { template };
      handles.push(() => admin(`drop database if exists ${template}`));
    } else {
      h = await openDatabase({ dataDir: 'memory://' });
    }
    const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => upTo0010 } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    if (!url) base = { dump: await h.dumpDataDir!() };
    await h.close();
  }
  if (!url) {
    const h = await openDatabase({ dataDir: 'memory://', loadDataDir: base!.dump! });
    handles.push(() => h.close());
    return h;
  }
  const name = `fk_mig_${randomBytes(6).toString('hex')}`;
  await admin(`create database ${name} template ${base!.template}`);
  const h = await openDatabase({ databaseUrl: withDatabase(url, name), dataDir: '' });
  handles.unshift(async () => {
    await h.close();
    await admin(`drop database if exists ${name}`);
  });
  return h;
}

/** A database at 0010 holding the format-1 log, as it was written (triggers and all). */
async function atFormatOne(edit?: (rows: FixtureRow[]) => FixtureRow[]): Promise<DatabaseHandle> {
  const h = await at0010();
  const events = edit ? edit(fixture.map((r) => ({ ...r }))) : fixture;
  for (const r of events) {
    await sql`insert into audit_events (seq, occurred_at, actor, action, entity_type, entity_id, details, prev_hash, hash)
      values (${r.seq}, ${r.occurred_at}, ${r.actor}, ${r.action}, ${r.entity_type}, ${r.entity_id},
              ${JSON.stringify(r.details)}::jsonb, ${r.prev_hash}, ${r.hash})`.execute(h.db);
  }
  await sql`update audit_head set seq = ${oldHead.seq}, hash = ${oldHead.hash} where id = 1`.execute(h.db);
  return h;
}

it('converts a format-1 log so that it verifies, keeps every event and names the old head', async () => {
  const h = await atFormatOne();
  await migrateToLatest(h.db);
  const check = await verifyChain(h.db);
  expect(check).toMatchObject({ valid: true, events: fixture.length + 1, erased: 0 });

  const events = [];
  for await (const e of allEvents(h.db)) events.push(e);
  // Who did what when, and the details, are all still there.
  expect(
    events
      .slice(0, -1)
      .map((e) => [e.seq, e.occurredAt, e.actor, e.action, e.entityType, e.entityId, e.details]),
  ).toEqual(
    fixture.map((r) => [r.seq, r.occurred_at, r.actor, r.action, r.entity_type, r.entity_id, r.details]),
  );
  const watchlistEntry = events.find((e) => e.action === 'watchlist.entry_added')!;
  expect(watchlistEntry.details).toMatchObject({ name: 'Karl Svensson', personalNumber: '19800101-0001' });
  expect(watchlistEntry.salt).toMatch(/^[0-9a-f]{32}$/);
  // The first event of the new format carries the old head, so a head noted before still connects.
  expect(events.at(-1)).toMatchObject({
    action: 'audit.format_migrated',
    details: { fromFormat: 1, toFormat: 2, events: fixture.length, formatOneHead: oldHead.hash },
  });

  // The tree covers the converted events: the root is RFC 9162's over their leaves, proofs verify.
  const leaves = events.map((e) => leafHashOf(Buffer.from(headerJson(e), 'utf8')));
  const root = mth(leaves);
  expect(check.valid && check.rootHash).toBe(root.toString('hex'));
  const proof = await inclusionProof(h.db, 5, events.length);
  expect(
    rfcVerifyInclusion(
      4,
      events.length,
      leaves[4]!,
      proof.auditPath.map((x) => Buffer.from(x, 'hex')),
      root,
    ),
  ).toBe(true);
});

it('leaves the converted log append-only: details can only be erased by a retention run', async () => {
  const h = await atFormatOne();
  await migrateToLatest(h.db);
  await expect(sql`update audit_events set actor = 'forger' where seq = 3`.execute(h.db)).rejects.toThrow(
    /append-only/,
  );
  await expect(
    sql`update audit_events set details = null, details_salt = null, erased_at = now(), erased_under = 'x', erased_by = 9
        where seq = 3`.execute(h.db),
  ).rejects.toThrow(/append-only/);
  await expect(sql`delete from audit_events where seq = 3`.execute(h.db)).rejects.toThrow(/append-only/);
});

it('refuses to convert a format-1 log that is already broken, instead of re-chaining it', async () => {
  const h = await atFormatOne((rs) =>
    rs.map((r) => (r.action === 'watchlist.entry_added' ? { ...r, details: { name: 'Någon annan' } } : r)),
  );
  const broken = fixture.find((r) => r.action === 'watchlist.entry_added')!.seq;
  await expect(migrateToLatest(h.db)).rejects.toThrow(new RegExp(`broken at event ${broken}`));
});

it('refuses to convert a format-1 log whose end was cut off', async () => {
  const h = await atFormatOne((rs) => rs.slice(0, -2));
  await expect(migrateToLatest(h.db)).rejects.toThrow(/not re-chain a broken log/);
});
