import { hash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';

export { canonicalJson };

// The log's hashing, kept dependency-free so the offline verifier and anyone re-implementing it can
// follow it line by line (see README, "Audit log"). An event is a header that is chained and a
// payload (its details) that is not: the header carries a salted digest of the details, so the
// details can be erased under a retention decision while the chain, and the Merkle tree over it,
// stay verifiable. The salt makes the digest of an erased payload useless for confirming a guess
// ("was this personnummer in it?").

export const GENESIS_HASH = '0'.repeat(64);

/** What is chained: everything about an event except its details, which only their digest stands for. */
export interface EventHeader {
  seq: number;
  prevHash: string;
  occurredAt: string; // ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  detailsDigest: string;
}

/** Present once a retention run has erased the event's details (and salt). */
export interface Erasure {
  at: string;
  /** The retention decision (gallringsbeslut) it was erased under, e.g. its diarienummer. */
  under: string;
  /** The seq of the `retention.run` event that erased it. */
  byRun: number;
}

export interface ExportedEvent extends EventHeader {
  hash: string;
  /** Null once erased. */
  salt: string | null;
  details: unknown;
  erased: Erasure | null;
}

/**
 * The header's bytes: canonical JSON of
 * [seq, prevHash, occurredAt, actor, action, entityType, entityId, detailsDigest].
 * Written out by hand (equal to canonicalJson of that array) because it runs for every event verified.
 */
export function headerJson(h: EventHeader): string {
  return `[${h.seq},${JSON.stringify(h.prevHash)},${JSON.stringify(h.occurredAt)},${JSON.stringify(h.actor)},${JSON.stringify(h.action)},${JSON.stringify(h.entityType)},${JSON.stringify(h.entityId)},${JSON.stringify(h.detailsDigest)}]`;
}

/**
 * The event's hash is its Merkle leaf hash (RFC 9162 §2.1.1): SHA-256(0x00 ‖ UTF-8(headerJson)),
 * in hex. One hash serves the chain (the next event's prevHash) and the tree. (U+0000 is the byte
 * 0x00 in UTF-8, so the prefix goes in as a character.)
 */
export function leafHash(header: EventHeader): string {
  return hash('sha256', `\0${headerJson(header)}`, 'hex');
}

export const eventHash = leafHash;

/** hex(SHA-256(UTF-8(salt ‖ detailsJson))), where detailsJson is the canonical JSON of the details. */
export function digestOfJson(salt: string, detailsJson: string): string {
  return hash('sha256', salt + detailsJson, 'hex');
}

export function detailsDigest(salt: string, details: unknown): string {
  return digestOfJson(salt, canonicalJson(details));
}

/** 128 random bits as 32 lower-case hex characters, one per event. */
export function newSalts(n: number): string[] {
  const bytes = randomBytes(16 * n).toString('hex');
  return Array.from({ length: n }, (_, i) => bytes.slice(i * 32, i * 32 + 32));
}

export const RETENTION_RUN_ACTION = 'retention.run';
