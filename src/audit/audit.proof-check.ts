import { createPublicKey, type KeyObject } from 'node:crypto';
import { detailsDigest, eventHash, type ExportedEvent } from './audit.hash';
import { verifyConsistency, verifyInclusion } from './audit.merkle';
import { keyIdOf, treeHeadMessage, verifySignature } from './audit.signing';

// Checks what the service hands out — signed tree heads and proofs — with nothing but the public
// key: used by the offline tool (check-proof.cli.ts) and by the decision record page, which shows
// its events' inclusion as verified.

export interface SignedHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
  keyId: string;
}

export interface InclusionProofJson {
  seq: number;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  auditPath: string[];
  rootHash: string;
}

export interface ConsistencyProofJson {
  from: number;
  to: number;
  fromRoot: string;
  toRoot: string;
  proof: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;

export function publicKeyFrom(text: string): KeyObject {
  const trimmed = text.trim();
  // The API's answer (JSON with publicKey) or the PEM itself.
  const pem = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { publicKey: string }).publicKey : trimmed;
  return createPublicKey(pem);
}

/** Problems with a signed head: none when the key signed exactly this size, root and time. */
export function headProblems(head: SignedHead, key: KeyObject): string[] {
  const problems: string[] = [];
  if (head.keyId !== keyIdOf(key)) problems.push('the head names another key than the one given');
  const message = treeHeadMessage({
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
  });
  if (!verifySignature(key, message, head.signature)) problems.push("the head's signature does not verify");
  return problems;
}

export function inclusionProblems(
  head: SignedHead,
  proof: InclusionProofJson,
  key: KeyObject,
  event?: ExportedEvent,
): string[] {
  const problems = headProblems(head, key);
  if (proof.treeSize !== head.treeSize) problems.push('the proof is for another tree size than the head');
  if (proof.rootHash !== head.rootHash) problems.push('the proof leads to another root than the head');
  if (proof.leafIndex !== proof.seq - 1) problems.push('leaf index and seq disagree');
  const hexes = [proof.leafHash, proof.rootHash, ...proof.auditPath];
  if (!hexes.every((h) => HEX64.test(h)))
    return [...problems, 'the proof holds something that is not a hash'];
  if (!verifyInclusion(proof.leafIndex, head.treeSize, proof.leafHash, proof.auditPath, head.rootHash)) {
    problems.push("the audit path does not lead from the leaf to the head's root");
  }
  if (event) {
    if (event.seq !== proof.seq) problems.push('the event is not the one the proof is for');
    if (eventHash(event) !== proof.leafHash) problems.push("the event's header does not hash to the leaf");
    if (
      !event.erased &&
      event.salt !== null &&
      detailsDigest(event.salt, event.details) !== event.detailsDigest
    ) {
      problems.push("the event's details do not match their digest");
    }
  }
  return problems;
}

export function consistencyProblems(
  older: SignedHead,
  newer: SignedHead,
  proof: ConsistencyProofJson,
  key: KeyObject,
): string[] {
  const problems = [...headProblems(older, key), ...headProblems(newer, key)];
  if (proof.from !== older.treeSize || proof.to !== newer.treeSize) {
    problems.push('the proof is for other tree sizes than the heads');
  }
  if (proof.fromRoot !== older.rootHash || proof.toRoot !== newer.rootHash) {
    problems.push('the proof names other roots than the heads');
  }
  if (![older.rootHash, newer.rootHash, ...proof.proof].every((h) => HEX64.test(h))) {
    return [...problems, 'the proof holds something that is not a hash'];
  }
  if (!verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, proof.proof)) {
    problems.push('the later head does not extend the earlier one by this proof');
  }
  return problems;
}
