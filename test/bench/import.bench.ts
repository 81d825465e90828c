import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { projectRoot } from '../../src/shared/project-root';
import { NameGenerator } from './synthetic-names';

// Issue 14 point 2, measured the way the issue did: a 200,000-line CSV import (about 13 MB) into
// the service (a child process, embedded database), while /health and premises checks keep coming
// from this process. Before the fix the import took 53 s in which /health was not answered at all,
// and the first search afterwards blocked 16 s. BENCH_IMPORT_LINES sets the size.

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 200_000);
/** Pause between two probes; each probe waits for its answer first. */
const PROBE_EVERY_MS = 50;
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdefghij';

function isoDaysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function csv(): string {
  const gen = new NameGenerator(20261126);
  const reviewBy = isoDaysAhead(300);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['subject_kind,name,aliases,org_number,category,reason,source,review_by'];
  // About 65–80 bytes a line, as in the file (12.8 MB for 200,000 lines before the category
  // column): an org number on a quarter of the lines, aliases on an eighth.
  for (let i = 0; i < LINES; i++) {
    const e = gen.entry(i);
    lines.push(
      [
        e.subjectKind,
        quote(e.name),
        i % 8 === 0 ? quote(e.aliases.join('|')) : '',
        i % 4 === 0 ? (e.orgNumber ?? '') : '',
        'discrimination',
        'hot',
        'tips',
        reviewBy,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
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

async function user(base: string, role: string): Promise<string> {
  const res = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench ${role}`, role }),
  });
  if (!res.ok) throw new Error(`creating a ${role}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

function stats(ms: number[]): string {
  if (ms.length === 0) return 'none';
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return `n ${ms.length}, p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`;
}

export async function runImportBench(): Promise<void> {
  const body = csv();
  console.log(
    `Import benchmark: ${LINES.toLocaleString('en-US')} lines, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB, ` +
      `${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; /health and premises checks every ${PROBE_EVERY_MS} ms while it runs`,
  );
  const port = 3990 + Math.floor(Math.random() * 9);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: 'memory://',
      ADMIN_TOKEN,
      RATE_LIMIT_PER_MINUTE: '0',
      SCHEDULER_INTERVAL_SECONDS: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHealth(base, child);
    const coordinator = await user(base, 'coordinator');
    const booking = await user(base, 'booking_staff');
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });

    const started = performance.now();
    const answer = await fetch(`${base}/api/watchlist/imports?filename=bench.csv`, {
      method: 'POST',
      headers: { ...auth(coordinator), 'content-type': 'text/csv' },
      body,
    });
    if (answer.status !== 202)
      throw new Error(`the import was not started: ${answer.status} ${await answer.text()}`);
    const job = (await answer.json()) as { id: string };
    const accepted = performance.now() - started;

    let done = false;
    const health: number[] = [];
    const checks: number[] = [];
    const probing = (async () => {
      for (let n = 0; !done; n++) {
        const t = performance.now();
        if (n % 2 === 0) {
          await fetch(`${base}/health`);
          if (!done) health.push(performance.now() - t);
        } else {
          await fetch(`${base}/api/premises-checks`, {
            method: 'POST',
            headers: { ...auth(booking), 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Schackklubben ${n}`, venue: 'Sal 1', date: isoDaysAhead(30) }),
          });
          if (!done) checks.push(performance.now() - t);
        }
        await new Promise((r) => setTimeout(r, PROBE_EVERY_MS));
      }
    })();

    let result: { status: string; imported: number; rejectedCount: number; processedLines: number };
    let lastReport = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      result = (await (
        await fetch(`${base}/api/watchlist/imports/${job.id}`, { headers: auth(coordinator) })
      ).json()) as typeof result;
      if (result.status !== 'running') break;
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        console.log(`  … ${result.processedLines} lines read, ${result.imported} imported`);
      }
    }
    const took = performance.now() - started;
    done = true;
    await probing;

    const searchStart = performance.now();
    await fetch(`${base}/api/watchlist/search?q=${encodeURIComponent('Nordiska Gryningen')}`, {
      headers: auth(coordinator),
    });
    const firstSearch = performance.now() - searchStart;

    console.log(`  import: ${result.status}, ${result.imported} imported, ${result.rejectedCount} rejected`);
    console.log(
      `  accepted (202) in ${accepted.toFixed(0)} ms; done in ${(took / 1000).toFixed(1)} s ` +
        `(${((LINES / took) * 1000).toFixed(0)} lines/s)`,
    );
    console.log(`  /health during the import: ${stats(health)}`);
    console.log(`  premises checks during the import: ${stats(checks)}`);
    console.log(`  first search after the import: ${firstSearch.toFixed(0)} ms`);
    console.log(
      `  load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
