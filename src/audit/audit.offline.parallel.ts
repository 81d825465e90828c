import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { GENESIS_HASH } from './audit.hash';
import { EMPTY_ROOT, hashChildren } from './audit.merkle';
import type { ExportCheck } from './audit.offline';
import type { SignedHead } from './audit.proof-check';
import { failedBatch, type BatchResult, type BatchTask } from './audit.offline.batch';

// Offline verification on several threads. The export is cut into batches of 4096 lines; each
// batch starts at a multiple of 4096, so its part of the Merkle tree is a perfect subtree, and a
// worker checks it whole (audit.offline.worker.ts). This thread only reads, hands out batches and
// joins the answers in order: the links between batches, the tree from the batches' subtrees, the
// erasures against their retention runs, the signed head. Anything unexpected answers 'recheck', and
// the one-thread verifier (audit.offline.ts) then finds and names the first problem.

const BATCH = 4096;
const LEVEL = Math.log2(BATCH);

/** The tree's right edge from perfect subtrees pushed left to right. */
class Edge {
  private readonly pieces: { level: number; hash: string }[] = [];

  push(level: number, hash: string): void {
    let h = hash;
    let l = level;
    while (this.pieces.length && this.pieces[this.pieces.length - 1]!.level === l) {
      h = hashChildren(this.pieces.pop()!.hash, h);
      l += 1;
    }
    this.pieces.push({ level: l, hash: h });
  }

  /** A batch's pieces: the set bits of its size, largest first. */
  pushBatch(count: number, pieces: string[]): void {
    const levels = [...Array(LEVEL + 1).keys()].reverse().filter((l) => (count >> l) & 1);
    levels.forEach((l, i) => this.push(l, pieces[i]!));
  }

  rootWith(count: number, pieces: string[]): string {
    const copy = new Edge();
    for (const p of this.pieces) copy.pieces.push({ ...p });
    copy.pushBatch(count, pieces);
    return copy.root();
  }

  root(): string {
    if (this.pieces.length === 0) return EMPTY_ROOT;
    let r = this.pieces[this.pieces.length - 1]!.hash;
    for (let i = this.pieces.length - 2; i >= 0; i--) r = hashChildren(this.pieces[i]!.hash, r);
    return r;
  }
}

/** The parts copied into an ArrayBuffer of their own, which can be handed over to a worker. */
function ownBytes(parts: Buffer[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

/** Compiled (dist), or run from source through tsx (then the worker registers tsx first). */
function startWorker(): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `audit.offline.worker${ext}`);
  if (ext !== '.ts') return new Worker(file);
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`, { eval: true });
}

export async function verifyExportParallel(
  file: string,
  head: SignedHead | undefined,
  threads: number,
): Promise<ExportCheck | 'recheck'> {
  const workers = Array.from({ length: threads }, startWorker);
  const waiting = new Map<number, (r: BatchResult) => void>();
  let broken = false;
  for (const w of workers) {
    w.on('message', (r: BatchResult) => waiting.get(r.index)?.(r));
    // A worker that cannot start or dies: every batch still waiting is answered "not ok".
    w.on('error', () => {
      broken = true;
      for (const [index, resolve] of waiting) resolve(failedBatch(index));
    });
  }
  const results = new Map<number, Promise<BatchResult>>();
  let sent = 0;
  const send = (bytes: Uint8Array) => {
    const index = sent++;
    const firstSeq = index * BATCH + 1;
    const cutAt =
      head && head.treeSize >= firstSeq && head.treeSize < firstSeq + BATCH ? head.treeSize : undefined;
    const task: BatchTask = { index, firstSeq, bytes, cutAt };
    results.set(
      index,
      new Promise((resolve) => {
        if (broken) resolve(failedBatch(index));
        else waiting.set(index, resolve);
      }),
    );
    workers[index % threads]!.postMessage(task, [bytes.buffer as ArrayBuffer]);
  };

  const edge = new Edge();
  let prevHash = GENESIS_HASH;
  let events = 0;
  let erasedCount = 0;
  let rootAtHead: string | undefined = head?.treeSize === 0 ? EMPTY_ROOT : undefined;
  const tallies = new Map<number, number>();
  let joined = 0;
  let failed = false;
  const join = async (): Promise<void> => {
    const r = await results.get(joined)!;
    results.delete(joined);
    waiting.delete(joined);
    joined += 1;
    if (failed) return;
    // A short batch is the last one; one after it means lines went missing.
    if (!r.ok || r.firstPrevHash !== prevHash || events % BATCH !== 0) {
      failed = true;
      return;
    }
    const specials = [
      ...r.erased.map(([seq, byRun]) => ({ seq, byRun })),
      ...r.runs.map(([seq, claimed]) => ({ seq, claimed })),
    ].sort((a, b) => a.seq - b.seq);
    for (const s of specials) {
      if ('byRun' in s) {
        tallies.set(s.byRun, (tallies.get(s.byRun) ?? 0) + 1);
        erasedCount += 1;
      } else if ((tallies.get(s.seq) ?? 0) !== s.claimed) {
        failed = true;
      } else {
        tallies.delete(s.seq);
      }
    }
    if (r.piecesAtCut) rootAtHead = edge.rootWith(head!.treeSize - events, r.piecesAtCut);
    edge.pushBatch(r.count, r.pieces);
    events += r.count;
    prevHash = r.lastHash;
  };

  try {
    let parts: Buffer[] = [];
    let lines = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, nl + 1)) {
        lines += 1;
        if (lines < BATCH) continue;
        parts.push(chunk.subarray(start, nl + 1));
        send(ownBytes(parts));
        parts = [];
        lines = 0;
        start = nl + 1;
        // Keep a bounded number of batches in flight.
        while (sent - joined > threads * 2) await join();
      }
      if (start < chunk.length) parts.push(Buffer.from(chunk.subarray(start)));
    }
    const rest = ownBytes(parts);
    if (Buffer.from(rest.buffer).toString('utf8').trim() !== '') send(rest);
    while (joined < sent) await join();
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failed || tallies.size > 0) return 'recheck';
  if (head && (rootAtHead === undefined || rootAtHead !== head.rootHash)) return 'recheck';
  return { valid: true, events, head: prevHash, rootHash: edge.root(), erased: erasedCount };
}
