import { setTimeout as pause } from 'node:timers/promises';
import type { Db } from '../db/database';
import { eventBatches } from './audit.events';
import { erasedCountsBy } from './audit.repository';
import { listPublicKeys, nodesInRange, treeHeadsBetween, type TreeHeadRow } from './audit.tree.repository';
import { ChainVerifier, type ChainCheck, type WalkStart } from './audit.verifier';
import { treeHeadMessage, verifySignature } from './audit.signing';

// One walk over the log in the database, from the genesis or from a checkpoint: the chain and each
// payload's digest (ChainVerifier), the stored tree nodes against the ones the walk computes, each
// signed tree head on the way against the root at its size, and the retention runs' erasure counts.
// Between batches it gives the event loop back, so other requests keep being answered.

type Failure = { valid: false; brokenAt: number; reason: string };

/**
 * Events per batch: a few milliseconds of hashing and of reading (on the embedded database a query
 * runs on this thread too), then the event loop is given back.
 */
const WALK_BATCH = 250;

export class LogWalk {
  readonly verifier: ChainVerifier;
  private readonly fromCheckpoint: boolean;
  private keys: Map<string, string> | undefined;
  private failed: Failure | undefined;

  constructor(
    private readonly db: Db,
    start?: WalkStart,
  ) {
    this.fromCheckpoint = start !== undefined && start.seq > 0;
    this.verifier = new ChainVerifier({
      start,
      erasures: this.fromCheckpoint ? 'external' : 'walk',
      collectNodes: true,
    });
  }

  get size(): number {
    return this.verifier.size;
  }

  /** Walks on to event `upTo`; false once something is wrong (see result()). */
  async to(
    upTo: number,
    onBatch?: (checked: number) => Promise<void> | void,
    batch = WALK_BATCH,
  ): Promise<boolean> {
    if (this.failed || this.verifier.failure) return false;
    this.keys ??= new Map((await listPublicKeys(this.db)).map((k) => [k.key_id, k.public_key]));
    for await (const events of eventBatches(this.db, this.size, upTo, batch)) {
      const first = events[0]!.seq;
      const last = events[events.length - 1]!.seq;
      const heads = await treeHeadsBetween(this.db, first - 1, last);
      let h = 0;
      for (const e of events) {
        if (!this.verifier.add(e)) return false;
        for (; h < heads.length && heads[h]!.tree_size === e.seq; h++) {
          const problem = headProblem(heads[h]!, this.verifier.rootHash(), this.keys);
          if (problem) return this.fail(e.seq, problem);
        }
      }
      const stored = await nodesInRange(this.db, first - 1, last);
      for (const n of this.verifier.nodes!) {
        const s = stored.get(`${n.end}/${n.level}`);
        if (s !== n.hash) {
          const what = s ? 'differs from the events' : 'is missing';
          return this.fail(
            n.end,
            `the stored tree node of level ${n.level} ending at event ${n.end} ${what}`,
          );
        }
      }
      this.verifier.nodes!.length = 0;
      await onBatch?.(last);
      // A timer, not setImmediate: requests waiting for I/O get a whole turn of the loop between batches.
      await pause(1);
    }
    if (this.size < upTo) {
      return this.fail(
        this.size + 1,
        `the log ends at event ${this.size}, but the chain's head records event ${upTo}: events are missing from the end`,
      );
    }
    return true;
  }

  /**
   * Retention runs after the walk's end that erased events in it (a run that committed while the
   * walk was under way): walk on to them before reading the result.
   */
  get pendingRuns(): number[] {
    return this.verifier.laterRuns();
  }

  async result(): Promise<ChainCheck> {
    if (this.failed) return this.failed;
    if (this.verifier.failure) return this.verifier.failure;
    if (this.fromCheckpoint && this.verifier.runs.length) {
      const counts = await erasedCountsBy(
        this.db,
        this.verifier.runs.map((r) => r.seq),
      );
      for (const run of this.verifier.runs) {
        const seen = counts.get(run.seq) ?? 0;
        if (seen !== run.claimed) {
          return { valid: false, brokenAt: run.seq, reason: runMismatch(run.claimed, seen) };
        }
      }
    }
    return this.verifier.result();
  }

  private fail(brokenAt: number, reason: string): false {
    this.failed = { valid: false, brokenAt, reason };
    return false;
  }
}

export const runMismatch = (claimed: number, seen: number) =>
  `the retention run says it erased ${claimed} payloads, but ${seen} events name it`;

function headProblem(head: TreeHeadRow, root: string, keys: Map<string, string>): string | undefined {
  const size = Number(head.tree_size);
  if (head.root_hash !== root) return `the signed tree head of size ${size} has another root than the log`;
  const publicKey = keys.get(head.key_id);
  const message = treeHeadMessage({
    treeSize: size,
    rootHash: head.root_hash,
    timestamp: head.signed_at.toISOString(),
  });
  if (!publicKey || !verifySignature(publicKey, message, head.signature)) {
    return `the signed tree head of size ${size} has a signature that does not verify`;
  }
  return undefined;
}
