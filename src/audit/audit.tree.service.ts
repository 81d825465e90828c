import type { Db } from '../db/database';
import { ConflictError, invalidField } from '../http/errors';
import { Frontier, consistencyProof, inclusionPath, rootAt, withNodes } from './audit.merkle';
import { readHead } from './audit.repository';
import { fetchNodes, insertTreeHead, treeHeadAt, type TreeHeadRow } from './audit.tree.repository';
import { treeHeadMessage } from './audit.signing';
import { verifyLog, type AuditDeps } from './audit.verify.service';

// Signed tree heads and proofs. A proof reads the O(log n) perfect subtrees it needs in one round
// trip (audit.merkle.ts withNodes), whatever the size of the log.

export interface SignedTreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  signature: string;
  keyId: string;
}

const toHead = (r: TreeHeadRow): SignedTreeHead => ({
  treeSize: Number(r.tree_size),
  rootHash: r.root_hash,
  timestamp: r.signed_at.toISOString(),
  signature: r.signature,
  keyId: r.key_id,
});

/**
 * A signed head for the log as it is now: the one already signed at this size, or a new one. A new
 * head is signed only for a log that verifies (from the latest checkpoint): a signature certifies
 * what it signs, so it must never certify a log that has been tampered with.
 */
export async function currentTreeHead(deps: AuditDeps): Promise<SignedTreeHead> {
  const { db, signer } = deps;
  const head = await readHead(db);
  const existing = await treeHeadAt(db, signer.keyId, head.seq);
  if (existing) return toHead(existing);
  const check = await verifyLog(deps);
  if (!check.valid) {
    throw new ConflictError(
      `The audit log does not verify (event ${check.brokenAt}), so no tree head is signed`,
    );
  }
  // The log may have grown while it was verified; sign the size that was verified.
  return signHead(deps, check.events, check.rootHash);
}

/** Signs and stores a head for a verified size and root (or returns the one already signed). */
export async function signHead(deps: AuditDeps, size: number, rootHash: string): Promise<SignedTreeHead> {
  const { db, signer } = deps;
  const signed = await treeHeadAt(db, signer.keyId, size);
  if (signed) return toHead(signed);
  const timestamp = deps.clock.now().toISOString();
  const message = treeHeadMessage({ treeSize: size, rootHash, timestamp });
  await insertTreeHead(db, {
    key_id: signer.keyId,
    tree_size: size,
    root_hash: rootHash,
    signed_at: new Date(timestamp),
    signature: signer.sign(message),
  });
  return toHead((await treeHeadAt(db, signer.keyId, size))!);
}

/** The head row's own idea of the root: O(1), for the size the log has now. */
export async function currentRoot(db: Db): Promise<{ size: number; rootHash: string }> {
  const head = await readHead(db);
  return { size: head.seq, rootHash: Frontier.from(head.seq, head.frontier).root() };
}

async function checkSize(db: Db, treeSize: number, field: string) {
  const { seq } = await readHead(db);
  if (treeSize > seq)
    throw invalidField(field, 'beyond_log', `the log has ${seq} events, fewer than ${treeSize}`, {
      events: seq,
    });
}

export async function inclusionProof(db: Db, seq: number, treeSize: number) {
  if (seq > treeSize)
    throw invalidField('query.seq', 'range_order', 'must not be greater than treeSize', {
      other: 'treeSize',
    });
  await checkSize(db, treeSize, 'query.treeSize');
  const p = await withNodes(
    (get) => ({
      leaf: get(seq, 0),
      path: inclusionPath(seq - 1, treeSize, get),
      root: rootAt(treeSize, get),
    }),
    (wanted) => fetchNodes(db, wanted),
  );
  return {
    seq,
    leafIndex: seq - 1,
    treeSize,
    leafHash: p.leaf,
    auditPath: p.path,
    rootHash: p.root,
  };
}

export async function consistency(db: Db, from: number, to: number) {
  if (from > to)
    throw invalidField('query.from', 'range_order', 'must not be greater than to', { other: 'to' });
  await checkSize(db, to, 'query.to');
  const p = await withNodes(
    (get) => ({
      proof: consistencyProof(from, to, get),
      fromRoot: rootAt(from, get),
      toRoot: rootAt(to, get),
    }),
    (wanted) => fetchNodes(db, wanted),
  );
  return { from, to, fromRoot: p.fromRoot, toRoot: p.toRoot, proof: p.proof };
}
