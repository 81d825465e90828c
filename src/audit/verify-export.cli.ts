import { createReadStream, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { linesOf, verifyExport } from './audit.offline';
import { verifyExportParallel } from './audit.offline.parallel';
import { headProblems, publicKeyFrom, type SignedHead } from './audit.proof-check';

// Offline verification of an export: `npm run audit:verify -- audit-export.ndjson [--head head.json]
// [--key public-key.pem]`. Recomputes the chain, every payload's digest and the Merkle tree; with
// --head, checks the root at the signed head's size (and, with --key, its signature). Needs nothing
// but this folder's hashing code; exit code 0 when everything holds.

function args(argv: string[]) {
  const out: { file?: string; head?: string; key?: string; threads: number } = {
    // One per core, up to four: on a busy machine --threads 1 may be faster.
    threads: Math.min(4, availableParallelism()),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--head') out.head = argv[++i];
    else if (a === '--key') out.key = argv[++i];
    else if (a === '--threads') out.threads = Math.max(1, Number(argv[++i]) || 1);
    else out.file ??= a;
  }
  return out;
}

async function main(): Promise<number> {
  const { file, head: headFile, key: keyFile, threads } = args(process.argv.slice(2));
  if (!file) {
    console.error(
      'usage: audit:verify <export.ndjson> [--head head.json] [--key public-key.pem] [--threads N]',
    );
    return 2;
  }
  const head = headFile ? (JSON.parse(readFileSync(headFile, 'utf8')) as SignedHead) : undefined;
  if (head && keyFile) {
    const problems = headProblems(head, publicKeyFrom(readFileSync(keyFile, 'utf8')));
    if (problems.length) {
      console.log(`INVALID: ${problems.join('; ')}`);
      return 1;
    }
  }
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  // Several threads when there are cores for them; any problem is found and named by one thread.
  let result = threads > 1 ? await verifyExportParallel(file, head, threads) : 'recheck';
  const rechecked = threads > 1 && result === 'recheck';
  if (result === 'recheck') {
    result = await verifyExport(linesOf(createReadStream(file, { highWaterMark: 1 << 20 })), head);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (!result.valid) {
    console.log(`INVALID: chain broken at event ${result.brokenAt}: ${result.reason}`);
    return 1;
  }
  console.log(
    `VALID: ${result.events} events, head ${result.head}, root ${result.rootHash}, ${result.erased} payloads erased`,
  );
  if (head) {
    console.log(
      `The signed tree head of ${head.treeSize} events matches${keyFile ? ' and its signature verifies' : ' (signature not checked: give --key)'}.`,
    );
  }
  if (process.env.AUDIT_VERIFY_TIMING) {
    console.log(
      `${result.events} events in ${seconds.toFixed(2)} s on ${threads} thread(s)${rechecked ? ', then again on one' : ''} (${cpuSeconds.toFixed(2)} s of CPU): ` +
        `${Math.round(result.events / seconds)} events/s, ${Math.round(result.events / cpuSeconds)} per CPU second`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
