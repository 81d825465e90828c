import { readFileSync } from 'node:fs';
import type { ExportedEvent } from './audit.hash';
import {
  consistencyProblems,
  headProblems,
  inclusionProblems,
  publicKeyFrom,
  type ConsistencyProofJson,
  type InclusionProofJson,
  type SignedHead,
} from './audit.proof-check';

// Checks a proof against signed tree heads with only the public key (RFC 9162 §2.1.3.2, §2.1.4.2):
//   npm run audit:check-proof -- --key key.pem --head head.json --inclusion proof.json [--event event.json]
//   npm run audit:check-proof -- --key key.pem --head older.json --head newer.json --consistency proof.json
// head.json is GET /api/audit/tree-head's answer, the proofs GET /api/audit/proof/…'s, the key
// GET /api/audit/public-key's answer (or its PEM); --event is one line of the export (or one event of
// GET /api/audit/events), whose header must hash to the proven leaf. Exit code 0 when it holds.

const read = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

function main(argv: string[]): number {
  const heads: string[] = [];
  let key: string | undefined;
  let inclusion: string | undefined;
  let consistency: string | undefined;
  let event: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--head' && value) heads.push(value);
    else if (argv[i] === '--key') key = value;
    else if (argv[i] === '--inclusion') inclusion = value;
    else if (argv[i] === '--consistency') consistency = value;
    else if (argv[i] === '--event') event = value;
    else continue;
    i += 1;
  }
  if (!key || (inclusion ? heads.length !== 1 : consistency ? heads.length !== 2 : heads.length !== 1)) {
    console.error(
      'usage: audit:check-proof --key KEY --head HEAD (--inclusion PROOF [--event EVENT] | --head HEAD2 --consistency PROOF)',
    );
    return 2;
  }
  const publicKey = publicKeyFrom(readFileSync(key, 'utf8'));
  const [first, second] = heads.map((h) => read<SignedHead>(h));
  let problems: string[];
  let what: string;
  if (inclusion) {
    const proof = read<InclusionProofJson>(inclusion);
    problems = inclusionProblems(first!, proof, publicKey, event ? read<ExportedEvent>(event) : undefined);
    what = `event ${proof.seq} is in the log of ${first!.treeSize} events signed at ${first!.timestamp}`;
  } else if (consistency) {
    problems = consistencyProblems(first!, second!, read<ConsistencyProofJson>(consistency), publicKey);
    what = `the log of ${second!.treeSize} events extends the log of ${first!.treeSize} events`;
  } else {
    problems = headProblems(first!, publicKey);
    what = `the head of ${first!.treeSize} events is signed by this key`;
  }
  if (problems.length) {
    console.log(`INVALID: ${problems.join('; ')}`);
    return 1;
  }
  console.log(`VALID: ${what}`);
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
