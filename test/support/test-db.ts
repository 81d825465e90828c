import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { adminUrl, templateName, withDatabase } from './test-db-names';

/** A test database; on a server, with its URL so a test can open a second, independent pool on it. */
export type TestDatabaseHandle = DatabaseHandle & { url?: string };

/**
 * A fresh, migrated database for one test file: a copy of the run's template. On PostgreSQL it is a
 * new database created from the template and dropped on close; embedded, a PGlite loaded from a dump.
 */
export async function openTestDatabase(opts: { poolSize?: number } = {}): Promise<TestDatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `fk_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `create database ${name} template ${templateName()}`);
    const handle = await openDatabase({
      databaseUrl: withDatabase(url, name),
      dataDir: '',
      poolSize: opts.poolSize ?? 10,
    });
    return {
      ...handle,
      url: withDatabase(url, name),
      close: async () => {
        await handle.close();
        await adminQuery(url, `drop database if exists ${name}`);
      },
    };
  }
  const file = process.env.FK_PGLITE_TEMPLATE;
  if (!file) throw new Error('FK_PGLITE_TEMPLATE is not set: run tests through jest (global setup)');
  return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(file)]) });
}

/**
 * Another connection to the same database, as a second service instance would have: on a server its
 * own pool (close it before the first handle); embedded, the same single-connection handle.
 */
export async function openSecondHandle(first: TestDatabaseHandle): Promise<DatabaseHandle> {
  if (!first.url) return { ...first, close: async () => undefined };
  return openDatabase({ databaseUrl: first.url, dataDir: '', poolSize: 10 });
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
