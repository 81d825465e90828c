import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { get as httpGet } from 'node:http';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { systemClock } from '../../src/clock';
import { createUser } from '../../src/users/users.service';
import { projectRoot } from '../../src/shared/project-root';
import { seedAuditLog } from './audit-seed';

// The audit log at size: a long log seeded straight into the database (1,000,000 events on a real
// PostgreSQL server, 100,000 on the embedded one), then the service as a child process:
//   - a full recomputation as a background job, with GET /health timed meanwhile;
//   - GET /api/audit/verify (from the checkpoint) while the booking desk keeps appending, and the
//     Granskningskedja page;
//   - inclusion and consistency proofs;
//   - the export, verified offline by the command (compiled, as `npm run audit:verify` runs it).
// Wall-clock numbers on a shared machine move with its load; CPU time is printed beside them.
// BENCH_MODES=postgres|embedded, AUDIT_BENCH_PG_EVENTS, AUDIT_BENCH_EMBEDDED_EVENTS.

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';
const SIGNING_KEY = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';

interface Timing {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function timing(ms: number[]): Timing {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: s[s.length - 1]!, n: s.length };
}

const fmt = (t: Timing) =>
  `p50 ${t.p50.toFixed(1)} ms  p95 ${t.p95.toFixed(1)} ms  max ${t.max.toFixed(1)} ms  (${t.n})`;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
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

async function signInCookie(base: string): Promise<string> {
  const form = await fetch(`${base}/logga-in`);
  const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const res = await fetch(`${base}/logga-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ _csrf: csrf, token: investigatorToken, nasta: '/' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

let investigatorToken = '';

async function benchMode(
  mode: string,
  events: number,
  env: Record<string, string>,
  open: () => Promise<DatabaseHandle>,
) {
  const out: string[] = [];
  const log = (line: string) => {
    out.push(line);
    console.log(`  ${mode}: ${line}`);
  };
  let handle = await open();
  await migrateToLatest(handle.db);
  const cpu0 = process.cpuUsage();
  const [seedMs] = await timed(() =>
    seedAuditLog(handle.db, events, {
      onProgress: (done) => {
        if (done % 100_000 === 0) console.log(`  ${mode}: seeded ${done}`);
      },
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  log(
    `seeded ${events} events in ${(seedMs / 1000).toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU here)`,
  );
  investigatorToken = (
    await createUser(handle.db, systemClock, 'bench', { name: 'Granskare', role: 'investigator' })
  ).token;
  const booking = (
    await createUser(handle.db, systemClock, 'bench', { name: 'Bokning', role: 'booking_staff' })
  ).token;
  await handle.close();

  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      ADMIN_TOKEN,
      AUDIT_SIGNING_KEY: SIGNING_KEY,
      RATE_LIMIT_PER_MINUTE: '0',
      SCHEDULER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const auth = { authorization: `Bearer ${investigatorToken}` };
  const get = (p: string, headers: Record<string, string> = auth) => fetch(`${base}${p}`, { headers });
  try {
    await waitForHealth(base, child);

    // 1. The full recomputation, in the background, while /health is asked every 100 ms.
    const started = (await (
      await fetch(`${base}/api/audit/verifications`, { method: 'POST', headers: auth })
    ).json()) as { id: string };
    const t0 = Date.now();
    const health: number[] = [];
    let job: { status: string; result?: { valid: boolean; events: number } };
    for (;;) {
      const [ms, res] = await timed(() => fetch(`${base}/health`));
      if (!res.ok) throw new Error(`/health answered ${res.status} during the verification`);
      health.push(ms);
      job = (await (await get(`/api/audit/verifications/${started.id}`)).json()) as typeof job;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const jobSeconds = (Date.now() - t0) / 1000;
    log(
      `full verification job: ${job.status}, valid ${job.result?.valid}, ${job.result?.events} events in ${jobSeconds.toFixed(1)} s ` +
        `(${Math.round((job.result?.events ?? 0) / jobSeconds)} events/s); GET /health meanwhile ${fmt(timing(health))}`,
    );

    // 2. The check on request while the booking desk appends: five checks, then a verify, a hundred times.
    const verify: number[] = [];
    for (let i = 0; i < 100; i++) {
      for (let k = 0; k < 5; k++) {
        await fetch(`${base}/api/premises-checks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${booking}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Föreningen ${i}-${k}`, venue: 'Sal 1', date: '2027-01-15' }),
        });
      }
      const [ms, res] = await timed(() => get('/api/audit/verify'));
      const body = (await res.json()) as { valid: boolean; checkedEvents: number };
      if (!body.valid) throw new Error('the log does not verify');
      verify.push(ms);
    }
    log(`GET /api/audit/verify (5 new events each time) ${fmt(timing(verify))}`);
    const cookie = await signInCookie(base);
    const page: number[] = [];
    for (let i = 0; i < 30; i++) {
      const [ms, res] = await timed(() => get('/granskningskedja', { cookie }));
      if (!res.ok) throw new Error(`the page answered ${res.status}`);
      await res.text();
      page.push(ms);
    }
    log(`GET /granskningskedja (the chain page) ${fmt(timing(page))}`);

    // 3. Proofs at the current size, beside GET /health for what HTTP itself costs here.
    const baseline: number[] = [];
    for (let i = 0; i < 300; i++) {
      const [ms, res] = await timed(() => fetch(`${base}/health`));
      await res.json();
      baseline.push(ms);
    }
    log(`GET /health (HTTP and one database round trip, for comparison) ${fmt(timing(baseline))}`);
    const head = (await (await get('/api/audit/tree-head')).json()) as { treeSize: number };
    const size = head.treeSize as number;
    const inclusion: number[] = [];
    const consistency: number[] = [];
    for (let i = 0; i < 300; i++) {
      const seq = 1 + Math.floor(Math.random() * size);
      const [ms, res] = await timed(() => get(`/api/audit/proof/inclusion?seq=${seq}&treeSize=${size}`));
      if (!res.ok) throw new Error(`inclusion proof ${res.status}`);
      await res.json();
      inclusion.push(ms);
      const from = 1 + Math.floor(Math.random() * (size - 1));
      const [ms2, res2] = await timed(() => get(`/api/audit/proof/consistency?from=${from}&to=${size}`));
      if (!res2.ok) throw new Error(`consistency proof ${res2.status}`);
      await res2.json();
      consistency.push(ms2);
    }
    log(`inclusion proof over HTTP ${fmt(timing(inclusion))}`);
    log(`consistency proof over HTTP ${fmt(timing(consistency))}`);

    // 4. The export, verified offline against the signed head, with the compiled command.
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-audit-bench-'));
    try {
      const file = path.join(dir, 'export.ndjson');
      const [exportMs] = await timed(
        () =>
          new Promise<void>((resolve, reject) => {
            // node:http, not fetch: a web stream turned into a file stream costs more than the export.
            httpGet(`${base}/api/audit/export`, { headers: auth }, (res) => {
              pipeline(res, createWriteStream(file)).then(resolve, reject);
            }).on('error', reject);
          }),
      );
      log(`export: ${(statSync(file).size / 1e6).toFixed(0)} MB in ${(exportMs / 1000).toFixed(1)} s`);
      writeFileSync(path.join(dir, 'head.json'), JSON.stringify(head));
      writeFileSync(
        path.join(dir, 'key.json'),
        JSON.stringify(await (await get('/api/audit/public-key')).json()),
      );
      for (const threads of ['1', '2']) {
        const offline = execFileSync(
          process.execPath,
          [
            path.join(projectRoot(), 'dist/src/audit/verify-export.cli.js'),
            file,
            '--head',
            path.join(dir, 'head.json'),
            '--key',
            path.join(dir, 'key.json'),
            '--threads',
            threads,
          ],
          { encoding: 'utf8', env: { ...process.env, AUDIT_VERIFY_TIMING: '1' } },
        );
        log(`offline: ${offline.trim().split('\n').join(' | ')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  handle = await open();
  await handle.close();
  return out;
}

function startPostgres(): { url: string; stop: () => void } | null {
  try {
    const script = path.join(projectRoot(), '.ci/pg-server.sh');
    const outText = execFileSync(script, ['start'], { encoding: 'utf8' });
    const url = /PG_TEST_URL=(\S+)/.exec(outText)![1]!;
    const data = /PG_TEST_DATA=(\S+)/.exec(outText)![1]!;
    return { url, stop: () => execFileSync(script, ['stop', data]) };
  } catch (e) {
    console.log(`  postgres: skipped (${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

export async function runAuditBench(): Promise<void> {
  const pgEvents = Number(process.env.AUDIT_BENCH_PG_EVENTS ?? 1_000_000);
  const embeddedEvents = Number(process.env.AUDIT_BENCH_EMBEDDED_EVENTS ?? 100_000);
  console.log(`\n== Audit log at size: ${pgEvents} events on PostgreSQL, ${embeddedEvents} embedded ==`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot(), stdio: 'inherit' });
  const modes = (process.env.BENCH_MODES ?? 'embedded,postgres').split(',');
  const lines: string[] = [];
  if (modes.includes('embedded')) {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-audit-bench-db-'));
    try {
      lines.push(
        ...(
          await benchMode('embedded', embeddedEvents, { DATA_DIR: dir, DATABASE_URL: '' }, () =>
            openDatabase({ dataDir: dir }),
          )
        ).map((l) => `embedded ${l}`),
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
      await admin.query('create database audit_bench');
      await admin.end();
      const url = server.url.replace(/\/postgres$/, '/audit_bench');
      lines.push(
        ...(
          await benchMode('postgres', pgEvents, { DATABASE_URL: url, DB_POOL_SIZE: '10' }, () =>
            openDatabase({ databaseUrl: url, dataDir: '' }),
          )
        ).map((l) => `postgres ${l}`),
      );
    } finally {
      server.stop();
    }
  }
  console.log('');
  for (const l of lines) console.log(l);
}
