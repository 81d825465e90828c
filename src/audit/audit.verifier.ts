import {
  GENESIS_HASH,
  RETENTION_RUN_ACTION,
  detailsDigest,
  digestOfJson,
  leafHash,
  type ExportedEvent,
} from './audit.hash';
import { hash } from 'node:crypto';
import { Frontier, type CompletedNode } from './audit.merkle';

// Checks events in chain order, incrementally: feed them, then read the result. The service (over
// the database, from the first event or from a checkpoint) and the offline CLI (over an export) use
// this one class, so both apply the same rules.

/** An export line's parts, as they stand in the line (see audit.offline.ts). */
export interface FastEvent {
  seq: number;
  prevHash: string;
  hash: string;
  salt: string;
  detailsDigest: string;
  /** The header array's canonical JSON, assembled from the line's own tokens. */
  headerText: string;
  detailsText: string;
}

export type ChainCheck =
  | { valid: true; events: number; head: string; rootHash: string; erased: number }
  | { valid: false; brokenAt: number; reason: string };

/** Where a walk starts: the genesis, or a checkpoint already verified. */
export interface WalkStart {
  seq: number;
  hash: string;
  frontier: Frontier;
  erased: number;
}

export interface VerifierOptions {
  start?: WalkStart;
  /**
   * 'walk': every erasure is seen before the retention run that made it (a full walk), so the run's
   * count is checked here. 'external': the walk starts at a checkpoint and older events may have been
   * erased since, so the caller checks the runs listed in `runs` against the database.
   */
  erasures?: 'walk' | 'external';
  /** Collect the perfect subtrees the walk completes, to compare them with the stored ones. */
  collectNodes?: boolean;
}

export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private readonly tree: Frontier;
  private erasedCount: number;
  private broken: { brokenAt: number; reason: string } | undefined;
  /** Erasures seen per retention run (seq), with the first event each erased. */
  private readonly tallies = new Map<number, { count: number; first: number }>();
  private readonly mode: 'walk' | 'external';
  /** Retention runs met in this walk and the number of payloads each says it erased. */
  readonly runs: { seq: number; claimed: number }[] = [];
  readonly nodes: CompletedNode[] | undefined;

  constructor(opts: VerifierOptions = {}) {
    const start = opts.start ?? { seq: 0, hash: GENESIS_HASH, frontier: Frontier.empty(), erased: 0 };
    this.expectedSeq = start.seq + 1;
    this.prevHash = start.hash;
    this.tree = start.frontier.clone();
    this.erasedCount = start.erased;
    this.mode = opts.erasures ?? 'walk';
    this.nodes = opts.collectNodes ? [] : undefined;
  }

  /** Events accepted so far (the seq of the last one). */
  get size(): number {
    return this.expectedSeq - 1;
  }

  get frontier(): Frontier {
    return this.tree;
  }

  /** The hash of the last event accepted (or of the walk's start). */
  get lastHash(): string {
    return this.prevHash;
  }

  get erased(): number {
    return this.erasedCount;
  }

  /**
   * Adds the next event. `detailsJson`, when given, is the details' text as exported (canonical JSON):
   * hashed as it is, which spares parsing and re-serialising it; anything else falls back to the
   * parsed details. Returns false once the chain is broken; later events are ignored.
   */
  add(e: ExportedEvent, detailsJson?: string): boolean {
    if (this.broken) return false;
    const fail = (reason: string, at = e.seq ?? this.expectedSeq) => {
      this.broken = { brokenAt: at, reason };
      return false;
    };
    if (e.seq !== this.expectedSeq) {
      return fail(`expected event ${this.expectedSeq}, found ${e.seq}`, this.expectedSeq);
    }
    if (e.prevHash !== this.prevHash) return fail('prevHash does not match the previous event');
    const leaf = leafHash(e);
    if (leaf !== e.hash) return fail('hash does not match the event header');
    if (e.erased) {
      if (e.salt != null || e.details != null || detailsJson !== undefined) {
        return fail('an erased event still carries details');
      }
      if (!(e.erased.byRun > e.seq)) return fail('erased by a retention run that does not come after it');
      const t = this.tallies.get(e.erased.byRun);
      if (t) t.count += 1;
      else this.tallies.set(e.erased.byRun, { count: 1, first: e.seq });
      // From a checkpoint, the runs' own counts (checked against the database) give the total.
      if (this.mode === 'walk') this.erasedCount += 1;
    } else {
      if (typeof e.salt !== 'string') return fail('the details have no salt');
      const fast = detailsJson !== undefined && digestOfJson(e.salt, detailsJson) === e.detailsDigest;
      const details = detailsJson !== undefined && !fast ? parse(detailsJson) : e.details;
      if (!fast && detailsDigest(e.salt, details) !== e.detailsDigest) {
        return fail('the details do not match the digest in the header');
      }
    }
    if (e.action === RETENTION_RUN_ACTION) {
      if (!this.checkRun(e, detailsJson)) return false;
    } else if (this.tallies.has(e.seq)) {
      return fail(
        `events ${this.tallies.get(e.seq)!.first} and on name this event as the retention run that erased them, but it is not one`,
        this.tallies.get(e.seq)!.first,
      );
    }
    this.tree.push(leaf, this.nodes);
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    return true;
  }

  /**
   * The offline fast path for an ordinary event (not erased, not a retention run) whose header text
   * and details text come straight from an export line. Changes nothing and answers 'retry' unless
   * everything holds, so the caller can run the line through add() to learn what is wrong.
   */
  addFast(e: FastEvent): true | 'retry' {
    if (this.broken || e.seq !== this.expectedSeq || e.prevHash !== this.prevHash) return 'retry';
    if (this.tallies.has(e.seq)) return 'retry';
    if (hash('sha256', `\0${e.headerText}`, 'hex') !== e.hash) return 'retry';
    if (digestOfJson(e.salt, e.detailsText) !== e.detailsDigest) return 'retry';
    this.tree.push(e.hash, this.nodes);
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    return true;
  }

  private checkRun(e: ExportedEvent, detailsJson: string | undefined): boolean {
    const fail = (reason: string) => {
      this.broken = { brokenAt: e.seq, reason };
      return false;
    };
    if (e.erased) return fail("a retention run's own record was erased");
    const details = (detailsJson !== undefined ? parse(detailsJson) : e.details) as {
      erasedPayloads?: unknown;
    } | null;
    const claimed = details?.erasedPayloads;
    if (typeof claimed !== 'number') return fail('a retention run does not say how many payloads it erased');
    if (this.mode === 'external') {
      this.runs.push({ seq: e.seq, claimed });
      this.erasedCount += claimed;
      return true;
    }
    const seen = this.tallies.get(e.seq)?.count ?? 0;
    this.tallies.delete(e.seq);
    if (seen !== claimed) {
      return fail(`the retention run says it erased ${claimed} payloads, but ${seen} events name it`);
    }
    return true;
  }

  /** The first break found so far; unlike result(), says nothing about erasures still to be matched. */
  get failure(): { valid: false; brokenAt: number; reason: string } | undefined {
    return this.broken && { valid: false, ...this.broken };
  }

  /** Retention runs beyond the events seen so far that erased some of them (walk mode). */
  laterRuns(): number[] {
    return [...this.tallies.keys()].filter((seq) => seq > this.size).sort((a, b) => a - b);
  }

  /** The tree's root now, at `size` leaves. */
  rootHash(): string {
    return this.tree.root();
  }

  result(): ChainCheck {
    if (this.broken) return { valid: false, ...this.broken };
    if (this.mode === 'walk' && this.tallies.size > 0) {
      const [run, t] = [...this.tallies.entries()].sort((a, b) => a[1].first - b[1].first)[0]!;
      return {
        valid: false,
        brokenAt: t.first,
        reason: `erased by event ${run}, which comes after the end of this log`,
      };
    }
    return {
      valid: true,
      events: this.size,
      head: this.prevHash,
      rootHash: this.rootHash(),
      erased: this.erasedCount,
    };
  }
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
