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
import { NameGenerator } from './synthetic-names';
import { MatcherIndex } from '../../src/watchlist/matcher';

// POST /api/premises-checks over HTTP with concurrent clients, beside GET /health on the same server
// process, on the embedded database and on a real PostgreSQL server, with a 100,000-entry watchlist.
// The service runs as a child process; autocannon drives it from this one.

const WATCHLIST_SIZE = 100_000;
const ASSOCIATIONS = 2_000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** A fixed number of checks (not a duration), so every request is answered and can be counted. */
const CHECKS = Number(process.env.BENCH_CHECKS ?? 10000);
/** Checks sent first and not measured, so the JIT and the connection pool are warm (they are counted as stored). */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';

// The matcher benchmark's generator: realistic token frequencies (a long tail of place names, a few
// very common words), so the watchlist is not artificially easy or hard to search.
const listed = new NameGenerator(1);
const WATCHLIST = Array.from({ length: WATCHLIST_SIZE }, (_, i) => listed.entry(i));
/**
 * The register: associations in good standing, so not on the list. The generator draws both lists from
 * one vocabulary and a 100,000-entry list covers much of it, so names the list would flag are skipped —
 * otherwise most "legitimate" checks would refer, which no real register looks like.
 */
function registerNames(): { name: string; orgNumber: string }[] {
  const index = new MatcherIndex();
  for (const e of WATCHLIST) index.add(e);
  const registry = new NameGenerator(2);
  const out: { name: string; orgNumber: string }[] = [];
  while (out.length < ASSOCIATIONS) {
    const a = { name: registry.organisationName(), orgNumber: registry.orgNumber() };
    if (index.search({ name: a.name, orgNumber: a.orgNumber }, { limit: 1 }).length === 0) out.push(a);
  }
  return out;
}
const REGISTER = registerNames();

const variants = new NameGenerator(3);
/** What the booking desk types: four in five ask about registered associations, one in five about a listed one. */
const QUERIES = Array.from({ length: 5000 }, (_, n) => {
  if (n % 5 === 0) {
    const e = WATCHLIST[(n * 7919) % WATCHLIST_SIZE]!;
    return { name: n % 10 === 0 ? variants.variant(e.name) : variants.typo(e.name) };
  }
  const a = REGISTER[(n * 31) % ASSOCIATIONS]!;
  return n % 2 === 0 ? { name: a.name, orgNumber: a.orgNumber } : { name: a.name };
});

async function seed(handle: DatabaseHandle): Promise<string> {
  await migrateToLatest(handle.db);
  await handle.db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    const entries: NewEntry[] = [];
    for (const e of WATCHLIST) {
      entries.push({
        id: crypto.randomUUID(),
        subjectKind: e.subjectKind,
        name: e.name,
        aliases: e.aliases,
        orgNumber: e.orgNumber ?? null,
        personalNumber: null,
        category: 'supports_violent_extremism',
        reason: 'supports_violent_extremism',
        source: 'bench',
        reviewBy: '2099-01-01',
      });
    }
    await insertEntries(trx, entries, { version, createdBy: 'bench', now: new Date() });
    const seen = new Set<string>();
    for (const a of REGISTER) {
      if (seen.has(a.orgNumber)) continue;
      seen.add(a.orgNumber);
      await insertAssociation(trx, {
        id: crypto.randomUUID(),
        orgNumber: a.orgNumber,
        name: a.name,
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
  // BENCH_PROFILE=DIR writes a CPU profile of the service to DIR (for finding where a check's time goes).
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
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
    let n = 0;
    let refer = 0;
    const checksRun = (amount: number) =>
      run({
        url: base,
        connections: CONNECTIONS,
        amount,
        requests: [
          {
            method: 'POST',
            path: '/api/premises-checks',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            setupRequest: (req) => {
              const q = QUERIES[n++ % QUERIES.length]!;
              return { ...req, body: JSON.stringify({ ...q, venue: 'Sal 1', date: '2027-01-15' }) };
            },
            onResponse: (_status, body) => {
              if (body.includes('"refer"')) refer += 1;
            },
          },
        ],
      });
    const warmup = WARMUP > 0 ? await checksRun(WARMUP) : null;
    const health = await run({ url: `${base}/health`, connections: CONNECTIONS, duration: DURATION });
    const checks = await checksRun(CHECKS);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    handle = await open();
    const row = await handle.db
      .selectFrom('premises_checks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await handle.close();
    return {
      mode,
      health,
      checks,
      created: checks['2xx'] + (warmup?.['2xx'] ?? 0),
      stored: Number(row.n),
      refer,
    };
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
    `\n== Premises check over HTTP: ${CONNECTIONS} connections; ${WARMUP} checks to warm up, ${DURATION} s of GET /health, then ${CHECKS} checks measured; ${WATCHLIST_SIZE} watchlist entries ==`,
  );
  const results: ModeResult[] = [];
  // BENCH_MODES=postgres (or embedded) runs one of the two.
  const modes = (process.env.BENCH_MODES ?? 'embedded,postgres').split(',');
  if (modes.includes('embedded')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-bench-'));
    try {
      results.push(
        await benchMode('embedded', { DATA_DIR: dir, DATABASE_URL: '' }, () =>
          openDatabase({ dataDir: dir }),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const server = modes.includes('postgres') ? startPostgres() : null;
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
