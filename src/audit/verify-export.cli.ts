import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, type ExportedEvent } from './audit.hash';

// Offline verification of an export: `npm run audit:verify -- audit-export.ndjson`.
// Needs nothing but this file and audit.hash.ts; exit code 0 when the chain is intact.
async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: audit:verify <export.ndjson>');
    return 2;
  }
  const verifier = new ChainVerifier();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let event: ExportedEvent;
    try {
      event = JSON.parse(line) as ExportedEvent;
    } catch {
      console.log(`INVALID: line ${lineNo} is not JSON`);
      return 1;
    }
    if (!verifier.add(event)) break;
  }
  const result = verifier.result();
  if (result.valid) {
    console.log(`VALID: ${result.events} events, head ${result.head}`);
    return 0;
  }
  console.log(`INVALID: chain broken at event ${result.brokenAt}: ${result.reason}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(2);
  },
);
