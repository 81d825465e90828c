import type { ExportedEvent } from './audit.hash';
import { ChainVerifier, type ChainCheck, type FastEvent } from './audit.verifier';
import type { SignedHead } from './audit.proof-check';

// Verification of an export, line by line, as the offline command runs it (verify-export.cli.ts):
// the chain, every payload's digest, the Merkle tree, and optionally the root at a signed head's size.

const DETAILS = ',"details":';
const NOT_ERASED = `,"erased":null${DETAILS}`;
const KEYS = [
  'prevHash',
  'occurredAt',
  'actor',
  'action',
  'entityType',
  'entityId',
  'detailsDigest',
  'hash',
  'salt',
].map((key) => `,"${key}":"`);

/**
 * The end (index of the closing quote) of the JSON string starting at `at` (its opening quote).
 * `escapes` says whether the line has a backslash at all: most lines have none, and then the next
 * quote is the end.
 */
function stringEnd(line: string, at: number, escapes: boolean): number {
  if (!escapes) return line.indexOf('"', at + 1);
  let from = at + 1;
  for (;;) {
    const quote = line.indexOf('"', from);
    const slash = line.indexOf('\\', from);
    if (quote === -1 || slash === -1 || slash > quote) return quote;
    from = slash + 2;
  }
}

/**
 * An ordinary event's parts as the export writes them — keys in order, details last — without
 * parsing and re-serialising: the header is assembled from the line's own string tokens, which are
 * what canonical JSON writes. Anything else (erased, a retention run, another layout) is undefined,
 * and goes through JSON.parse.
 */
function fastEvent(line: string): FastEvent | undefined {
  if (!line.startsWith('{"seq":')) return undefined;
  let at = line.indexOf(',', 7);
  const seqText = line.slice(7, at);
  const tokens: string[] = [];
  const escapes = line.includes('\\');
  for (const prefix of KEYS) {
    if (!line.startsWith(prefix, at)) return undefined;
    const start = at + prefix.length - 1;
    const end = stringEnd(line, start, escapes);
    if (end === -1) return undefined;
    tokens.push(line.slice(start, end + 1));
    at = end + 1;
  }
  if (!line.startsWith(NOT_ERASED, at) || !line.endsWith('}')) return undefined;
  const [prevHash, occurredAt, actor, action, entityType, entityId, detailsDigest, hashToken, salt] =
    tokens as [string, string, string, string, string, string, string, string, string];
  if (action === '"retention.run"') return undefined;
  const bare = (t: string) => t.slice(1, -1);
  const e = {
    seq: Number(seqText),
    prevHash: bare(prevHash),
    hash: bare(hashToken),
    salt: bare(salt),
    detailsDigest: bare(detailsDigest),
    headerText: `[${seqText},${prevHash},${occurredAt},${actor},${action},${entityType},${entityId},${detailsDigest}]`,
    detailsText: line.slice(at + NOT_ERASED.length, -1),
  };
  return e;
}

/** A line as the fast path takes it, or parsed: undefined when it is not JSON. */
export function parseLine(
  line: string,
): { fast?: FastEvent; event?: ExportedEvent; detailsJson?: string } | undefined {
  const fast = fastEvent(line);
  if (fast) return { fast };
  try {
    const at = line.indexOf(DETAILS);
    if (at > 0 && line.endsWith('}')) {
      const details = line.slice(at + DETAILS.length, -1);
      const header = JSON.parse(`${line.slice(0, at)}}`) as ExportedEvent;
      return details === 'null'
        ? { event: { ...header, details: null } }
        : { event: header, detailsJson: details };
    }
    return { event: JSON.parse(line) as ExportedEvent };
  } catch {
    return undefined;
  }
}

/**
 * Adds one line: the fast path when the line is an ordinary event as the export writes it, else (or
 * when the fast path finds anything amiss, to say what) the parsed event. The export writes `details`
 * last and canonical, so their text is hashed as it stands; the verifier falls back to parsing when
 * the text does not match.
 */
function addLine(verifier: ChainVerifier, line: string): boolean {
  const fast = fastEvent(line);
  if (fast && verifier.addFast(fast) === true) return true;
  const at = line.indexOf(DETAILS);
  if (at > 0 && line.endsWith('}')) {
    const details = line.slice(at + DETAILS.length, -1);
    const header = JSON.parse(`${line.slice(0, at)}}`) as ExportedEvent;
    return details === 'null' ? verifier.add({ ...header, details: null }) : verifier.add(header, details);
  }
  return verifier.add(JSON.parse(line) as ExportedEvent);
}

/** Lines of one buffer (a batch handed to a worker). */
export function* linesOfBuffer(bytes: Uint8Array): Generator<string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
    const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
    yield buf.toString('utf8', start, end);
    start = nl + 1;
  }
  if (start < buf.length) yield buf.toString('utf8', start);
}

/** Lines of a byte stream (UTF-8, "\n" or "\r\n"), without readline's per-line overhead. */
export async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      yield buf.toString('utf8', start, end);
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : undefined;
  }
  if (rest?.length) yield rest.toString('utf8');
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
