import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ExportedEvent } from './audit.hash';
import { ChainVerifier } from './audit.verifier';
import { headProblems, publicKeyFrom, type SignedHead } from './audit.proof-check';

// Offline verification of an export: `npm run audit:verify -- audit-export.ndjson [--head head.json]
// [--key public-key.pem]`. Recomputes the chain, every payload's digest and the Merkle tree; with
// --head, checks the root at the signed head's size (and, with --key, its signature). Needs nothing
// but this folder's hashing code; exit code 0 when everything holds.

const DETAILS = ',"details":';

function args(argv: string[]) {
  const out: { file?: string; head?: string; key?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--head') out.head = argv[++i];
    else if (a === '--key') out.key = argv[++i];
    else out.file ??= a;
  }
  return out;
}

/**
 * Adds one line. The export writes `details` last and canonical, so its text is hashed as it stands
 * and only the header is parsed; the verifier falls back to parsing when the text does not match.
 */
function addLine(verifier: ChainVerifier, line: string): boolean {
  const at = line.indexOf(DETAILS);
  if (at > 0 && line.endsWith('}')) {
    const details = line.slice(at + DETAILS.length, -1);
    const header = JSON.parse(`${line.slice(0, at)}}`) as ExportedEvent;
    return details === 'null' ? verifier.add({ ...header, details: null }) : verifier.add(header, details);
  }
  return verifier.add(JSON.parse(line) as ExportedEvent);
}

async function main(): Promise<number> {
  const { file, head: headFile, key: keyFile } = args(process.argv.slice(2));
  if (!file) {
    console.error('usage: audit:verify <export.ndjson> [--head head.json] [--key public-key.pem]');
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
  const verifier = new ChainVerifier();
  let rootAtHead: string | undefined = head?.treeSize === 0 ? verifier.rootHash() : undefined;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  const started = process.hrtime.bigint();
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let ok: boolean;
    try {
      ok = addLine(verifier, line);
    } catch {
      console.log(`INVALID: line ${lineNo} is not JSON`);
      return 1;
    }
    if (!ok) break;
    if (head && verifier.size === head.treeSize) rootAtHead = verifier.rootHash();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = verifier.result();
  if (!result.valid) {
    console.log(`INVALID: chain broken at event ${result.brokenAt}: ${result.reason}`);
    return 1;
  }
  if (head) {
    if (rootAtHead === undefined) {
      console.log(
        `INVALID: the export ends at event ${result.events}, before the signed head's ${head.treeSize}`,
      );
      return 1;
    }
    if (rootAtHead !== head.rootHash) {
      console.log(
        `INVALID: the tree of the first ${head.treeSize} events has another root than the signed head`,
      );
      return 1;
    }
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
      `${result.events} events in ${seconds.toFixed(2)} s: ${Math.round(result.events / seconds)} events/s`,
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
