import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { adminUrl } from './test-db-names';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url && process.env.FK_TEMPLATE_DB) {
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${process.env.FK_TEMPLATE_DB}`);
    await admin.end();
  }
  if (process.env.FK_PGLITE_TEMPLATE) {
    rmSync(dirname(process.env.FK_PGLITE_TEMPLATE), { recursive: true, force: true });
  }
}
