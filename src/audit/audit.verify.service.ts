import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database';
import type { Clock } from '../clock';
import { Frontier } from './audit.merkle';
import { eventHash } from './audit.hash';
import { toExported } from './audit.events';
import { eventBySeq, readHead, type Head } from './audit.repository';
import {
  insertCheckpoint,
  largestTreeHead,
  latestCheckpoint,
  pruneCheckpoints,
  type CheckpointRow,
} from './audit.tree.repository';
import { checkpointMessage, type AuditSigner } from './audit.signing';
import type { ChainCheck, WalkStart } from './audit.verifier';
import { LogWalk } from './audit.walk';

// Verification that does not grow with the log: start from the latest checkpoint (a point this
// service verified and signed) and check only the events since, then sign a new checkpoint there.
// A full recomputation from the first event is the same walk without a checkpoint; it runs as a
// background job (audit.jobs.ts), and offline over an export.

export interface AuditDeps {
  db: Kysely<Database>;
  clock: Clock;
  signer: AuditSigner;
}

export interface CheckpointInfo {
  seq: number;
  verifiedAt: string;
  method: 'full' | 'incremental';
}

export type Verification =
  | {
      valid: true;
      events: number;
      head: string;
      rootHash: string;
      erased: number;
      /** Where this check started: null when it walked the whole log. */
      checkpoint: CheckpointInfo | null;
      /** Events this check recomputed (the rest are covered by the checkpoint). */
      checkedEvents: number;
    }
  | { valid: false; brokenAt: number; reason: string; checkpoint: CheckpointInfo | null };

const CHECKPOINTS_KEPT = 10;

const info = (c: CheckpointRow): CheckpointInfo => ({
  seq: Number(c.seq),
  verifiedAt: c.verified_at.toISOString(),
  method: c.method,
});

/** A checkpoint is trusted only with this service's signature and when it still matches the log. */
async function checkpointStart(db: Db, signer: AuditSigner, c: CheckpointRow): Promise<WalkStart | string> {
  const seq = Number(c.seq);
  const claim = {
    seq,
    chainHash: c.chain_hash,
    rootHash: c.root_hash,
    frontier: c.frontier,
    erased: Number(c.erased),
    method: c.method,
    verifiedAt: c.verified_at.toISOString(),
  };
  if (!signer.verify(checkpointMessage(claim), c.signature)) {
    return `the checkpoint at event ${seq} has a signature that does not verify`;
  }
  let frontier: Frontier;
  try {
    frontier = Frontier.from(seq, c.frontier);
  } catch {
    return `the checkpoint at event ${seq} is malformed`;
  }
  if (frontier.root() !== c.root_hash) return `the checkpoint at event ${seq} is malformed`;
  const event = await eventBySeq(db, seq);
  if (!event || event.hash !== c.chain_hash || eventHash(toExported(event)) !== c.chain_hash) {
    return `event ${seq} is no longer the one the checkpoint verified`;
  }
  return { seq, hash: c.chain_hash, frontier, erased: Number(c.erased) };
}

type Walked =
  | { check: Extract<ChainCheck, { valid: true }>; head: Head; start: WalkStart | undefined }
  | { check: Extract<ChainCheck, { valid: false }> };

/**
 * The walk from `start` (or the first event) to the head, and the comparisons with the head row and
 * the signed tree heads that catch what a walk alone cannot: events cut from the end, and a last
 * event rewritten with a recomputed hash.
 */
async function walkToHead(
  db: Db,
  start: WalkStart | undefined,
  head: Head,
  onBatch?: (checked: number, upTo: number) => Promise<void> | void,
): Promise<Walked> {
  const broken = (brokenAt: number, reason: string) => ({
    check: { valid: false as const, brokenAt, reason },
  });
  const largest = await largestTreeHead(db);
  if (largest && Number(largest.tree_size) > head.seq) {
    return broken(
      head.seq + 1,
      `a signed tree head covers ${largest.tree_size} events, but the log has ${head.seq}: events are missing from the end`,
    );
  }
  const walk = new LogWalk(db, start);
  const progress = (upTo: number) => onBatch && ((checked: number) => onBatch(checked, upTo));
  await walk.to(head.seq, progress(head.seq));
  // A retention run that committed during the walk erased events in it: walk on to the run (and to
  // the head as it is then), so each erasure is matched with the run that made it.
  for (let round = 0; walk.pendingRuns.length > 0 && round < 5; round++) {
    head = await readHead(db);
    await walk.to(head.seq, progress(head.seq));
  }
  const check = await walk.result();
  if (!check.valid) return { check };
  if (check.head !== head.hash) {
    return broken(
      head.seq,
      "the last event's hash differs from the one the chain's head recorded when it was written",
    );
  }
  if (Frontier.from(head.seq, head.frontier).root() !== check.rootHash) {
    return broken(head.seq, "the tree's edge in the chain's head does not match the events");
  }
  return { check, head, start };
}

/** The whole log from its first event, trusting no checkpoint and writing none. */
export async function verifyChain(db: Db): Promise<ChainCheck> {
  return (await walkToHead(db, undefined, await readHead(db))).check;
}

/**
 * Verifies the log up to its head: from the latest checkpoint (or, with `full`, from the first
 * event), then records a signed checkpoint at the head. `onBatch` reports progress.
 */
export async function verifyLog(
  deps: AuditDeps,
  opts: { full?: boolean; onBatch?: (checked: number, upTo: number) => Promise<void> | void } = {},
): Promise<Verification> {
  const { db, signer } = deps;
  const head = await readHead(db);
  const checkpoint = opts.full ? undefined : await latestCheckpoint(db, signer.keyId, head.seq);
  const basis = checkpoint ? info(checkpoint) : null;
  let start: WalkStart | undefined;
  if (checkpoint) {
    const s = await checkpointStart(db, signer, checkpoint);
    if (typeof s === 'string') {
      return { valid: false, brokenAt: Number(checkpoint.seq), reason: s, checkpoint: basis };
    }
    start = s;
  }
  const walked = await walkToHead(db, start, head, opts.onBatch);
  if (!walked.check.valid) return { ...walked.check, checkpoint: basis };
  const { check, head: end } = walked as Extract<Walked, { head: Head }>;
  const checkedEvents = end.seq - (start?.seq ?? 0);
  if (end.seq > 0 && (checkedEvents > 0 || opts.full)) {
    await saveCheckpoint(deps, {
      seq: end.seq,
      chainHash: end.hash,
      rootHash: check.rootHash,
      frontier: end.frontier,
      erased: check.erased,
      method: start ? 'incremental' : 'full',
      verifiedAt: deps.clock.now().toISOString(),
    });
  }
  return { ...check, checkpoint: basis, checkedEvents };
}

async function saveCheckpoint(deps: AuditDeps, c: Parameters<typeof checkpointMessage>[0]) {
  await insertCheckpoint(deps.db, {
    key_id: deps.signer.keyId,
    seq: c.seq,
    chain_hash: c.chainHash,
    root_hash: c.rootHash,
    frontier: c.frontier,
    erased: c.erased,
    method: c.method,
    verified_at: new Date(c.verifiedAt),
    signature: deps.signer.sign(checkpointMessage(c)),
  });
  await pruneCheckpoints(deps.db, deps.signer.keyId, CHECKPOINTS_KEPT);
}
