import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

// A throwaway PostgreSQL server that a test or a script can kill and start again (as .ci/pg-server.sh
// does for CI, but with the restart under our control). initdb refuses to run as root, so as root the
// server runs as the `postgres` user.

export const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

export const serverBinariesPresent = () => existsSync(path.join(PGBIN, 'initdb'));

const asRoot = () => process.getuid?.() === 0;

function asOwner(cmd: string, args: string[]): string {
  if (!asRoot()) return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', quoted], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export class PgServer {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly extraOpts: string,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'db');
  }

  static async create(opts: { fsync?: boolean } = {}): Promise<PgServer> {
    const dir = mkdtempSync(path.join(tmpdir(), 'fk-pg-'));
    if (asRoot()) execFileSync('chown', ['postgres:postgres', dir]);
    const server = new PgServer(dir, await freePort(), opts.fsync === false ? '-c fsync=off' : '');
    asOwner(path.join(PGBIN, 'initdb'), [
      '-D',
      server.dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    server.start();
    return server;
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 ${this.extraOpts}`;
    asOwner(path.join(PGBIN, 'pg_ctl'), [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      options,
      'start',
    ]);
  }

  /** The postmaster's process id, from its pid file. */
  pid(): number | undefined {
    const file = path.join(this.dataDir, 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }

  /** SIGKILL of the postmaster: the crash of the server, as a failover or an OOM kill looks. */
  async killHard(): Promise<void> {
    const pid = this.pid();
    if (!pid) return;
    process.kill(pid, 'SIGKILL');
    // Its backends notice the postmaster is gone and exit; wait for the process to be gone.
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until no backend of the killed server holds the data directory, then starts it again. */
  async restart(): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        this.start();
        return;
      } catch (err) {
        if (i >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  stop(): void {
    try {
      asOwner(path.join(PGBIN, 'pg_ctl'), ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
