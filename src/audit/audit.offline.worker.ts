import { parentPort } from 'node:worker_threads';
import { RETENTION_RUN_ACTION } from './audit.hash';
import { Frontier } from './audit.merkle';
import { ChainVerifier } from './audit.verifier';
import { linesOfBuffer, parseLine } from './audit.offline';
import { failedBatch, type BatchResult, type BatchTask } from './audit.offline.batch';

// One batch of an export's lines, checked on its own thread: every event's header hash and payload
// digest, the links inside the batch, and the batch's part of the tree. What links batches together
// (the first prevHash, the last hash), the erasures and the retention runs go back to the main
// thread, which checks them in order (audit.offline.parallel.ts).

function checkBatch(task: BatchTask): BatchResult {
  const fail = failedBatch(task.index);
  // A verifier of its own, started as if the event before the batch were the one it names: the
  // main thread checks that claim against the previous batch.
  let verifier: ChainVerifier | undefined;
  let piecesAtCut: string[] | undefined;
  const erased: [number, number][] = [];
  const runs: [number, number][] = [];
  let firstPrevHash = '';
  let count = 0;
  for (const line of linesOfBuffer(task.bytes)) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (!parsed) return fail;
    const seq = parsed.fast?.seq ?? parsed.event!.seq;
    if (!verifier) {
      firstPrevHash = parsed.fast?.prevHash ?? parsed.event!.prevHash;
      verifier = new ChainVerifier({
        start: { seq: task.firstSeq - 1, hash: firstPrevHash, frontier: Frontier.empty(), erased: 0 },
        erasures: 'external',
      });
    }
    if (parsed.fast) {
      if (verifier.addFast(parsed.fast) !== true) return fail;
    } else {
      const e = parsed.event!;
      if (!verifier.add(e, parsed.detailsJson)) return fail;
      if (e.erased) erased.push([seq, e.erased.byRun]);
      if (e.action === RETENTION_RUN_ACTION) {
        const details = (parsed.detailsJson ? JSON.parse(parsed.detailsJson) : e.details) as {
          erasedPayloads: number;
        };
        runs.push([seq, details.erasedPayloads]);
      }
    }
    count += 1;
    // The batch starts at a multiple of its (power-of-two) size, so its own tree's pieces are
    // perfect subtrees of the whole log's.
    if (task.cutAt !== undefined && seq === task.cutAt) piecesAtCut = verifier.frontier.toHex();
  }
  if (!verifier || verifier.failure) return fail;
  return {
    index: task.index,
    ok: true,
    count,
    firstPrevHash,
    lastHash: verifier.lastHash,
    pieces: verifier.frontier.toHex(),
    piecesAtCut,
    erased,
    runs,
  };
}

parentPort?.on('message', (task: BatchTask) => {
  let result: BatchResult;
  try {
    result = checkBatch(task);
  } catch {
    result = failedBatch(task.index);
  }
  parentPort!.postMessage(result);
});
