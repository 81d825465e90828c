import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './database';
import { lockDataDir } from './data-dir-lock';

// The one place that knows which database is in use. Everything above it talks to Kysely only.

export type DatabaseKind = 'embedded' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** Embedded only: a snapshot of the whole database (a backup; tests copy a migrated template). */
  dumpDataDir?: (compression?: 'none' | 'gzip') => Promise<Blob>;
}

export interface ConnectionOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /**
   * Server only: told of a connection that failed outside a query (a restart, a failover). Such an
   * error is an 'error' event on the pool or on a client; unheard, it ends the process.
   */
  onConnectionError?: (err: Error) => void;
  /** Embedded only: start from a dump of another embedded database (used by tests for speed). */
  loadDataDir?: Blob;
}

const PG_TYPE = { INT8: 20, DATE: 1082 } as const;
const CONNECT_TIMEOUT_MS = 5_000;

// Both drivers return the same JavaScript types: calendar dates stay 'YYYY-MM-DD' strings (pg would
// turn them into local-midnight Dates, which shift across time zones), and bigint counters are numbers.
const parseDate = (v: string) => v;
const parseInt8 = (v: string) => Number(v);

export async function openDatabase(opts: ConnectionOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => {
        if (oid === PG_TYPE.DATE) return parseDate;
        if (oid === PG_TYPE.INT8) return parseInt8;
        return pg.types.getTypeParser(oid, format);
      },
    } as pg.CustomTypesConfig;
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 10,
      types,
      // While the server is away a request waits this long for a connection, then answers 503,
      // instead of queueing until the server returns.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    const onError = opts.onConnectionError ?? (() => undefined);
    // An idle client's connection dies: the pool removes the client and emits 'error' here.
    pool.on('error', onError);
    // A checked-out client's connection dies between queries: the client emits 'error' itself, with no
    // pool listener then. The pool drops it on release (it is no longer queryable), and the next
    // request gets a fresh connection once the server is back.
    pool.on('connect', (client) => {
      client.on('error', onError);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const inMemory = opts.dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(opts.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: opts.dataDir,
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: { [PG_TYPE.DATE]: parseDate, [PG_TYPE.INT8]: parseInt8 },
    });
  } catch (err) {
    unlock();
    throw err;
  }
  // The PGlite dialect serialises its single connection, so transactions never interleave.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'embedded',
    close: () => db.destroy().finally(unlock),
    dumpDataDir: async (compression = 'none') => (await pglite.dumpDataDir(compression)) as Blob,
  };
}
