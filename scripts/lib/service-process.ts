import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './pg-server';

// The service as its own process (src/main.ts through tsx, no build step), for tests and scripts that
// must see what a real process does: die or not of a database restart, lose or keep what it
// acknowledged when SIGKILLed.

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface ServiceProcess {
  readonly port: number;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** Every line the process wrote to stdout and stderr (pino JSON lines, mostly). */
  readonly lines: string[];
  /** Resolves with the exit code or signal when the process ends. */
  readonly exited: Promise<number | string>;
  alive(): boolean;
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startService(
  env: Record<string, string>,
  opts: { readyTimeoutMs?: number; port?: number } = {},
): Promise<ServiceProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const l of chunk.toString('utf8').split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 20_000) lines.splice(0, lines.length - 10_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let done = false;
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  const service: ServiceProcess = {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    lines,
    exited,
    alive: () => !done,
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
    async kill(signal) {
      if (done) return;
      child.kill(signal);
      await exited;
    },
  };
  await waitForHealth(service, opts.readyTimeoutMs ?? 120_000);
  return service;
}

/** Waits until GET /health answers 200; fails early if the process ends. */
export async function waitForHealth(service: ServiceProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (!service.alive()) {
      throw new Error(`the service exited before it was ready:\n${service.lines.slice(-20).join('\n')}`);
    }
    try {
      const res = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `the service was not ready within ${timeoutMs} ms:\n${service.lines.slice(-20).join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
