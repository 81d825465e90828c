import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { systemClock } from '../../src/clock';
import { createUser } from '../../src/users/users.service';
import { insertEntries, nextVersion, type NewEntry } from '../../src/watchlist/watchlist.repository';
import { insertAssociation } from '../../src/associations/associations.repository';
import { projectRoot } from '../../src/shared/project-root';

// POST /api/premises-checks over HTTP with concurrent clients, beside GET /health on the same server
// process, on the embedded database and on a real PostgreSQL server, with a 100,000-entry watchlist.
// The service runs as a child process; autocannon drives it from this one.

const WATCHLIST_SIZE = 100_000;
const ASSOCIATIONS = 2_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** A fixed number of checks (not a duration), so every request is answered and can be counted. */
const CHECKS = Number(process.env.BENCH_CHECKS ?? 5000);
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';

const FIRST = [
  'Nordiska',
  'Röda',
  'Svarta',
  'Gröna',
  'Fria',
  'Enade',
  'Östra',
  'Västra',
  'Norra',
  'Södra',
  'Unga',
  'Gamla',
  'Stora',
  'Lilla',
  'Heliga',
  'Nya',
];
const SECOND = [
  'Fronten',
  'Gemenskapen',
  'Brödraskapet',
  'Rörelsen',
  'Alliansen',
  'Kollektivet',
  'Förbundet',
  'Gardet',
  'Ligan',
  'Kretsen',
  'Falangen',
  'Kåren',
  'Nätverket',
  'Cirkeln',
  'Unionen',
  'Vakten',
];
const PLACES = [
  'Tensta',
  'Rinkeby',
  'Skärholmen',
  'Farsta',
  'Kista',
  'Hässelby',
  'Vällingby',
  'Bromma',
  'Enskede',
  'Älvsjö',
  'Hägersten',
  'Spånga',
  'Norrmalm',
  'Kungsholmen',
  'Vasastan',
  'Östermalm',
];
const ACTIVITIES = [
  'Schackklubb',
  'Fotbollsförening',
  'Körförening',
  'Scoutkår',
  'Pensionärsförening',
  'Kulturförening',
  'Idrottsförening',
  'Musikförening',
  'Dansförening',
  'Läsecirkel',
];

/** Deterministic pseudo-random numbers, so every run checks the same names. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function watchlistName(i: number): string {
  const r = rng(i + 1);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  return `${pick(FIRST)} ${pick(SECOND)} ${pick(PLACES)} ${i.toString(36)}`;
}

function legitName(i: number): string {
  return `${PLACES[i % PLACES.length]} ${ACTIVITIES[Math.floor(i / PLACES.length) % ACTIVITIES.length]} ${i}`;
}

function orgNumber(n: number): string {
  const nine = String(802000000 + n);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

async function seed(handle: DatabaseHandle): Promise<string> {
  await migrateToLatest(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    const entries: NewEntry[] = [];
    for (let i = 0; i < WATCHLIST_SIZE; i++) {
      entries.push({
        id: crypto.randomUUID(),
        subjectKind: 'organisation',
        name: watchlistName(i),
        aliases: [],
        orgNumber: null,
        personalNumber: null,
        reason: 'supports_violent_extremism',
        source: 'bench',
        reviewBy: '2099-01-01',
      });
    }
    await insertEntries(trx, entries, { version, createdBy: 'bench', now: new Date() });
    for (let i = 0; i < ASSOCIATIONS; i++) {
      await insertAssociation(trx, {
        id: crypto.randomUUID(),
        orgNumber: orgNumber(i),
        name: legitName(i),
        aliases: [],
        registeredOn: '2015-01-01',
        representatives: [],
        supportStatus: 'active',
        now: new Date(),
      });
    }
  });
  return (await createUser(handle.db, systemClock, 'bench', { name: 'Bokning', role: 'booking_staff' }))
    .token;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the service exited during start-up');
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the service did not start');
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

interface ModeResult {
  mode: string;
  health: autocannon.Result;
  checks: autocannon.Result;
  created: number;
  stored: number;
  refer: number;
}

async function benchMode(
  mode: 'embedded' | 'postgres',
  env: Record<string, string>,
  open: () => Promise<DatabaseHandle>,
): Promise<ModeResult> {
  const seeding = Date.now();
  let handle = await open();
  const token = await seed(handle);
  await handle.close();
  console.log(
    `  ${mode}: seeded ${WATCHLIST_SIZE} watchlist entries and ${ASSOCIATIONS} associations in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      ADMIN_TOKEN,
      RATE_LIMIT_PER_MINUTE: '0',
      SCHEDULER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const starting = Date.now();
    await waitForHealth(base, child);
    console.log(
      `  ${mode}: service up (index built from the database) in ${((Date.now() - starting) / 1000).toFixed(1)} s`,
    );
    const health = await run({ url: `${base}/health`, connections: CONNECTIONS, duration: DURATION });
    let n = 0;
    let refer = 0;
    const checks = await run({
      url: base,
      connections: CONNECTIONS,
      amount: CHECKS,
      requests: [
        {
          method: 'POST',
          path: '/api/premises-checks',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          setupRequest: (req) => {
            n += 1;
            // One in five asks about a listed organisation (with a typo-free variant in lower case).
            const name =
              n % 5 === 0 ? watchlistName(n % WATCHLIST_SIZE).toLowerCase() : legitName(n % ASSOCIATIONS);
            const withOrg = n % 2 === 0 && n % 5 !== 0;
            return {
              ...req,
              body: JSON.stringify({
                name,
                ...(withOrg ? { orgNumber: orgNumber(n % ASSOCIATIONS) } : {}),
                venue: 'Sal 1',
                date: '2027-01-15',
              }),
            };
          },
          onResponse: (_status, body) => {
            if (body.includes('"refer"')) refer += 1;
          },
        },
      ],
    });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    handle = await open();
    const row = await handle.db
      .selectFrom('premises_checks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await handle.close();
    return { mode, health, checks, created: checks['2xx'], stored: Number(row.n), refer };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

function startPostgres(): { url: string; stop: () => void } | null {
  try {
    const out = execFileSync(path.join(projectRoot(), '.ci/pg-server.sh'), ['start'], { encoding: 'utf8' });
    const url = /PG_TEST_URL=(\S+)/.exec(out)![1]!;
    const data = /PG_TEST_DATA=(\S+)/.exec(out)![1]!;
    return { url, stop: () => execFileSync(path.join(projectRoot(), '.ci/pg-server.sh'), ['stop', data]) };
  } catch (e) {
    console.log(`  postgres: skipped (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

const fmt = (r: autocannon.Result) =>
  `${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

export async function runPremisesBench(): Promise<void> {
  console.log(
    `\n== Premises check over HTTP: ${CONNECTIONS} connections; ${DURATION} s of GET /health, then ${CHECKS} checks; ${WATCHLIST_SIZE} watchlist entries ==`,
  );
  const results: ModeResult[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'fk-bench-'));
  try {
    results.push(
      await benchMode('embedded', { DATA_DIR: dir, DATABASE_URL: '' }, () => openDatabase({ dataDir: dir })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const server = startPostgres();
  if (server) {
    try {
      const admin = new pg.Client({ connectionString: server.url });
      await admin.connect();
      await admin.query('create database bench');
      await admin.end();
      const url = server.url.replace(/\/postgres$/, '/bench');
      results.push(
        await benchMode('postgres', { DATABASE_URL: url, DB_POOL_SIZE: '20' }, () =>
          openDatabase({ databaseUrl: url, dataDir: '' }),
        ),
      );
    } finally {
      server.stop();
    }
  }
  console.log('');
  for (const r of results) {
    console.log(`${r.mode.padEnd(9)} GET /health           ${fmt(r.health)}`);
    console.log(`${r.mode.padEnd(9)} POST premises-checks  ${fmt(r.checks)}`);
    console.log(
      `${r.mode.padEnd(9)} cost of a check: ${(r.health.requests.average / Math.max(1, r.checks.requests.average)).toFixed(1)}× a health check; ` +
        `201 answers ${r.created}, stored checks ${r.stored} (${r.created === r.stored ? 'none lost' : 'MISMATCH'}), refer ${r.refer}`,
    );
  }
}
