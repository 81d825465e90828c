import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';

export { canonicalJson };

// The chain's hash, kept dependency-free so the offline verifier and anyone re-implementing it can
// follow it line by line (see README, "Audit chain").

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  prevHash: string;
  occurredAt: string; // ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details: unknown;
}

/** hash = hex(SHA-256(UTF-8(canonicalJson([prevHash, occurredAt, actor, action, entityType, entityId, details])))) */
export function eventHash(e: ChainedFields): string {
  const payload = canonicalJson([
    e.prevHash,
    e.occurredAt,
    e.actor,
    e.action,
    e.entityType,
    e.entityId,
    e.details,
  ]);
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

export interface ExportedEvent extends ChainedFields {
  seq: number;
  hash: string;
}

export type ChainCheck =
  { valid: true; events: number; head: string } | { valid: false; brokenAt: number; reason: string };

/**
 * Checks events in chain order, incrementally: feed batches, then read the result. Used by the
 * service (over the database) and by the offline CLI (over an export), so both apply the same rules.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: { brokenAt: number; reason: string } | undefined;

  /** Returns false once the chain is broken; later events are ignored. */
  add(e: ExportedEvent): boolean {
    if (this.broken) return false;
    const fail = (reason: string) => {
      this.broken = { brokenAt: e.seq ?? this.expectedSeq, reason };
      return false;
    };
    if (e.seq !== this.expectedSeq) return fail(`expected event ${this.expectedSeq}, found ${e.seq}`);
    if (e.prevHash !== this.prevHash) return fail('prevHash does not match the previous event');
    if (eventHash(e) !== e.hash) return fail('hash does not match the event content');
    this.prevHash = e.hash;
    this.expectedSeq += 1;
    return true;
  }

  result(): ChainCheck {
    if (this.broken) return { valid: false, ...this.broken };
    return { valid: true, events: this.expectedSeq - 1, head: this.prevHash };
  }
}
