import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/connection';
import { PgServer, serverBinariesPresent } from './lib/pg-server';
import { startService, type ServiceProcess } from './lib/service-process';
import { orgNumber } from '../test/support/test-app';

// `npm run crash-test [-- --seconds 20 --db embedded|postgres --workers 6]`: the service under mixed
// load (associations, applications and their screenings, watchlist entries, premises checks), killed
// with SIGKILL at random moments and started again, over and over. At the end every write the service
// acknowledged (a 201) must be in the database and the audit chain must verify. Prints the counts;
// exits 1 on any loss or a broken chain.
//   --db embedded (default): a data directory on disk (DATA_DIR), as in production.
//   --db postgres: a fresh database on the server DATABASE_URL names, or, without it, on a
//     throwaway server started here (PostgreSQL 15's binaries).

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SECONDS = Number(opt('seconds', '60'));
const DB = opt('db', process.env.DATABASE_URL ? 'postgres' : 'embedded');
const WORKERS = Number(opt('workers', '6'));
const ADMIN_TOKEN = `crash-${randomBytes(24).toString('hex')}`;

type Kind = 'association' | 'application' | 'screening' | 'watchlist_entry' | 'premises_check';
const TABLE: Record<
  Kind,
  'associations' | 'applications' | 'screenings' | 'watchlist_entries' | 'premises_checks'
> = {
  association: 'associations',
  application: 'applications',
  screening: 'screenings',
  watchlist_entry: 'watchlist_entries',
  premises_check: 'premises_checks',
};

const acknowledged = new Map<Kind, Set<string>>(
  Object.keys(TABLE).map((k) => [k as Kind, new Set<string>()]),
);
const associations: string[] = [];
const applications: string[] = [];
let requests = 0;
let refused = 0; // the service was down or died mid-request: not acknowledged, so not counted
let serverErrors = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

let service: ServiceProcess;
const tokens: Record<string, string> = {};

async function call(method: string, p: string, token: string, body?: unknown) {
  requests++;
  try {
    const res = await fetch(`${service.baseUrl}${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.status >= 500 && res.status !== 503) serverErrors++;
    return { status: res.status, body: json };
  } catch {
    refused++;
    await sleep(100); // down or restarting: do not spin
    return { status: 0, body: null };
  }
}

let seq = Math.floor(Math.random() * 100_000);
async function oneWrite(): Promise<void> {
  const r = Math.random();
  if (r < 0.25 || associations.length === 0) {
    const n = ++seq;
    const res = await call('POST', '/api/associations', tokens.case_officer!, {
      orgNumber: orgNumber(200_000 + (n % 700_000)),
      name: `Krocktestföreningen ${n}`,
      registeredOn: '2015-01-01',
    });
    if (res.status === 201) {
      acknowledged.get('association')!.add(res.body!.id as string);
      associations.push(res.body!.id as string);
    }
  } else if (r < 0.45) {
    const res = await call('POST', '/api/applications', tokens.case_officer!, {
      kind: 'grant',
      associationId: pick(associations),
      grant: { program: 'activity', amountSek: 10_000, periodFrom: '2027-01-01', periodTo: '2027-12-31' },
      premises: null,
      statutes: {
        adoptedAtAnnualMeeting: true,
        electedBoard: true,
        auditor: true,
        openMembership: true,
        nonDiscriminationClause: true,
      },
      declaration: { signed: true, signedBy: 'Anna Ek', signedOn: '2026-01-01' },
      findings: [],
    });
    if (res.status === 201) {
      acknowledged.get('application')!.add(res.body!.id as string);
      applications.push(res.body!.id as string);
    }
  } else if (r < 0.6 && applications.length) {
    const res = await call(
      'POST',
      `/api/applications/${pick(applications)}/screenings`,
      tokens.case_officer!,
    );
    if (res.status === 201) acknowledged.get('screening')!.add(res.body!.id as string);
  } else if (r < 0.7) {
    const n = ++seq;
    const reviewBy = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10);
    const res = await call('POST', '/api/watchlist', tokens.coordinator!, {
      subjectKind: 'organisation',
      name: `Bevakad organisation ${n}`,
      category: 'supports_violent_extremism',
      reason: 'Krocktest',
      source: 'Krocktest',
      reviewBy,
    });
    if (res.status === 201) acknowledged.get('watchlist_entry')!.add(res.body!.id as string);
  } else {
    const res = await call('POST', '/api/premises-checks', tokens.booking_staff!, {
      name: `Krocktestföreningen ${Math.floor(Math.random() * seq)}`,
      venue: 'Sal 1',
      date: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    if (res.status === 201) acknowledged.get('premises_check')!.add(res.body!.checkId as string);
  }
}

async function main(): Promise<void> {
  let cleanup: () => Promise<void> = async () => undefined;
  let env: Record<string, string>;
  let openDirect: () => Promise<DatabaseHandle>;
  if (DB === 'embedded') {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-crash-'));
    env = { DATA_DIR: path.join(dir, 'data') };
    openDirect = () => openDatabase({ dataDir: env.DATA_DIR! });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    let serverUrl = process.env.DATABASE_URL;
    let server: PgServer | undefined;
    if (!serverUrl) {
      if (!serverBinariesPresent())
        throw new Error('no DATABASE_URL and no PostgreSQL binaries to start a server');
      server = await PgServer.create({ fsync: true });
      serverUrl = server.url;
    }
    const name = `fk_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    env = { DATABASE_URL: u.toString() };
    openDirect = () => openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: '' });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      server?.stop();
    };
  }
  const serviceEnv = {
    ...env,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
    SCHEDULER_INTERVAL_SECONDS: '1',
  };
  const t0 = Date.now();
  const restarts: number[] = [];
  try {
    service = await startService(serviceEnv);
    for (const role of ['case_officer', 'coordinator', 'booking_staff', 'investigator']) {
      const res = await call('POST', '/api/users', ADMIN_TOKEN, { name: `Krocktest ${role}`, role });
      if (res.status !== 201) throw new Error(`could not create a ${role}: ${res.status}`);
      tokens[role] = res.body!.token as string;
    }
    console.log(`crash test on ${DB}: ${SECONDS} s of load, ${WORKERS} workers, SIGKILL at random moments`);

    let running = true;
    const worker = async () => {
      while (running) {
        await oneWrite();
        if (!service.alive()) await sleep(50);
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      // A random moment in the next few seconds, at least one kill however short the run.
      await sleep(500 + Math.random() * Math.min(5_000, Math.max(1_000, (end - Date.now()) / 2)));
      await service.kill('SIGKILL');
      const killedAt = Date.now();
      service = await startService(serviceEnv, { port: service.port });
      restarts.push(Date.now() - killedAt);
    }
    running = false;
    await Promise.all(workers);

    const verify = await call('GET', '/api/audit/verify', tokens.investigator!);
    await service.stop();

    const handle = await openDirect();
    const db = handle.db;
    const report: Record<string, { acknowledged: number; present: number }> = {};
    let missing = 0;
    try {
      for (const [kind, ids] of acknowledged) {
        const list = [...ids];
        let present = 0;
        for (let i = 0; i < list.length; i += 500) {
          const rows = await db
            .selectFrom(TABLE[kind])
            .select('id')
            .where('id', 'in', list.slice(i, i + 500))
            .execute();
          present += rows.length;
        }
        report[kind] = { acknowledged: list.length, present };
        missing += list.length - present;
      }
    } finally {
      await handle.close();
    }
    const chain = verify.body as { valid?: boolean; events?: number } | null;
    console.log(
      `kills: ${restarts.length}; restart to healthy: ${restarts.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`,
    );
    console.log(
      `requests: ${requests}; not answered (in flight at a kill, or sent while restarting): ${refused}; 5xx other than 503: ${serverErrors}`,
    );
    for (const [kind, r] of Object.entries(report))
      console.log(`  ${kind}: ${r.acknowledged} acknowledged, ${r.present} present`);
    console.log(`acknowledged writes missing: ${missing}`);
    console.log(
      `audit chain: ${chain?.valid ? 'valid' : 'INVALID'} (${chain?.events ?? '?'} events) [status ${verify.status}]`,
    );
    // Every kind of write must have been acknowledged some time: a kind the service refused throughout
    // (a request the API no longer takes) would otherwise pass as "nothing lost".
    const idle = [...acknowledged.entries()].filter(([, s]) => s.size === 0).map(([kind]) => kind);
    if (idle.length) console.log(`never acknowledged: ${idle.join(', ')}`);
    if (missing > 0 || !chain?.valid || serverErrors > 0 || restarts.length === 0 || idle.length > 0) {
      console.error('crash test FAILED');
      process.exitCode = 1;
    } else {
      console.log(`crash test passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await service?.stop().catch(() => undefined);
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
