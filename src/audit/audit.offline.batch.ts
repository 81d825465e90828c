// The messages between the main thread and the threads checking an export's batches
// (audit.offline.parallel.ts, audit.offline.worker.ts).

export interface BatchTask {
  index: number;
  firstSeq: number;
  bytes: Uint8Array;
  /** Set when a signed head's size falls inside this batch: the tree's pieces up to it. */
  cutAt?: number | undefined;
}

export interface BatchResult {
  index: number;
  ok: boolean;
  count: number;
  firstPrevHash: string;
  lastHash: string;
  /** The batch's perfect subtrees, largest first (a full batch is one). */
  pieces: string[];
  piecesAtCut?: string[] | undefined;
  erased: [seq: number, byRun: number][];
  runs: [seq: number, claimed: number][];
}

/** A batch that did not check out: the main thread reports the export as broken at it. */
export const failedBatch = (index: number): BatchResult => ({
  index,
  ok: false,
  count: 0,
  firstPrevHash: '',
  lastHash: '',
  pieces: [],
  erased: [],
  runs: [],
});
