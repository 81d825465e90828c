import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from './connection';

// Backup and restore of either database (README, "Backups").
//  - Embedded: the data directory as PGlite dumps it (a gzipped tar of the whole cluster), taken
//    with the directory's lock held, so no service writes meanwhile: a consistent copy. Restored
//    into a new, empty DATA_DIR.
//  - Server: pg_dump's custom format (-Fc), which is consistent by itself (one snapshot) while the
//    service keeps running, restored with pg_restore into an empty database.

const run = promisify(execFile);

/** pg_dump / pg_restore: from PGBIN when set, else from PATH. */
function tool(name: 'pg_dump' | 'pg_restore'): string {
  return process.env.PGBIN ? path.join(process.env.PGBIN, name) : name;
}

export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} holds no database`);
  const handle = await openDatabase({ dataDir });
  try {
    const dump = await handle.dumpDataDir!('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    writeFileSync(file, bytes);
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty: restore into a new DATA_DIR (and move it in place)`);
  }
  const handle = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
  await handle.close();
}

export async function backupServer(databaseUrl: string, file: string): Promise<void> {
  await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', databaseUrl]);
}

/** Into an empty database (create it first); every object and row of the dump, or an error. */
export async function restoreServer(file: string, databaseUrl: string): Promise<void> {
  await run(tool('pg_restore'), [
    '--no-owner',
    '--exit-on-error',
    '--single-transaction',
    '--dbname',
    databaseUrl,
    file,
  ]);
}
