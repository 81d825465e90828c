import type { Selectable } from 'kysely';
import type { Json } from '../db/json';

export interface AuditEventsTable {
  /** Position in the chain: 1, 2, 3, … without gaps; leaf seq − 1 of the Merkle tree. */
  seq: number;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** The payload: not chained (its digest is), erased (null) by a retention run. */
  details: Json<unknown>;
  /** 32 hex characters; null once erased. */
  details_salt: string | null;
  details_digest: string;
  prev_hash: string;
  /** The event's hash, which is also its Merkle leaf hash. */
  hash: string;
  erased_at: Date | null;
  erased_under: string | null;
  /** The seq of the retention run event that erased the payload. */
  erased_by: number | null;
}

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The tree's right edge at `seq` leaves (hex, largest subtree first): see audit.merkle.ts. */
  frontier: Json<string[]>;
}

/** A perfect subtree of 2^level leaves ending at event end_seq (levels ≥ 1; leaves are event hashes). */
export interface AuditTreeNodesTable {
  end_seq: number;
  level: number;
  hash: Uint8Array;
}

export interface AuditTreeHeadsTable {
  key_id: string;
  tree_size: number;
  root_hash: string;
  signed_at: Date;
  signature: string;
}

/** A verified point of the chain, signed, from which later verifications start. */
export interface AuditCheckpointsTable {
  key_id: string;
  seq: number;
  chain_hash: string;
  frontier: Json<string[]>;
  root_hash: string;
  erased: number;
  method: 'full' | 'incremental';
  verified_at: Date;
  signature: string;
}

/** Every public key that has signed tree heads or checkpoints here. */
export interface AuditPublicKeysTable {
  key_id: string;
  public_key: string;
  first_used_at: Date;
}

/** The signing key generated for a PostgreSQL server deployment without AUDIT_SIGNING_KEY. */
export interface AuditSigningKeyTable {
  id: number;
  private_key: string;
  created_at: Date;
}

export const VERIFICATION_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface AuditVerificationsTable {
  id: string;
  requested_by: string;
  requested_at: Date;
  status: VerificationStatus;
  /** The head when the job started: it verifies events 1 … up_to. */
  up_to: number | null;
  checked: number;
  lease_until: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  result: Json<unknown> | null;
}
