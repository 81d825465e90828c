import type { ExportedEvent } from './audit.hash';
import { ChainVerifier, type ChainCheck } from './audit.verifier';
import type { SignedHead } from './audit.proof-check';

// Verification of an export, line by line, as the offline command runs it (verify-export.cli.ts):
// the chain, every payload's digest, the Merkle tree, and optionally the root at a signed head's size.

const DETAILS = ',"details":';

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

export type ExportCheck = ChainCheck | { valid: false; brokenAt: number; reason: string };

export async function verifyExport(
  lines: AsyncIterable<string> | Iterable<string>,
  head?: SignedHead,
): Promise<ExportCheck> {
  const verifier = new ChainVerifier();
  let rootAtHead: string | undefined = head?.treeSize === 0 ? verifier.rootHash() : undefined;
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let ok: boolean;
    try {
      ok = addLine(verifier, line);
    } catch {
      return { valid: false, brokenAt: verifier.size + 1, reason: `line ${lineNo} is not JSON` };
    }
    if (!ok) break;
    if (head && verifier.size === head.treeSize) {
      rootAtHead = verifier.rootHash();
      if (rootAtHead !== head.rootHash) break;
    }
  }
  // The first problem in log order: a break on the way, then an export shorter than the signed head
  // or another root at its size, then erasures by runs the export does not reach.
  if (verifier.failure) return verifier.failure;
  if (head && rootAtHead === undefined) {
    return {
      valid: false,
      brokenAt: verifier.size + 1,
      reason: `the export ends at event ${verifier.size}, before the signed head's ${head.treeSize}`,
    };
  }
  if (head && rootAtHead !== head.rootHash) {
    return {
      valid: false,
      brokenAt: head.treeSize,
      reason: `the tree of the first ${head.treeSize} events has another root than the signed head`,
    };
  }
  const result = verifier.result();
  return result;
}
