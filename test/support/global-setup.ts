import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { adminUrl, templateName, withDatabase } from './test-db-names';

// Migrates one template database per test run; each test file then starts from a copy of it, so
// every file has a fresh database without paying for migrations again.
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateName();
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const handle = await openDatabase({ databaseUrl: withDatabase(url, template), dataDir: '' });
    await migrateToLatest(handle.db);
    await handle.close();
    process.env.FK_TEMPLATE_DB = template;
    return;
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateToLatest(handle.db);
  const dump = Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer());
  await handle.close();
  const dir = mkdtempSync(join(tmpdir(), 'fk-test-'));
  const file = join(dir, 'template.tar');
  writeFileSync(file, dump);
  process.env.FK_PGLITE_TEMPLATE = file;
}
