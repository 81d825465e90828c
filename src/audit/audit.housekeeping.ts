import type { Logger } from 'pino';
import type { AuditRuntime } from './audit.runtime';
import { latestTreeHead } from './audit.tree.repository';
import { signHead } from './audit.tree.service';
import { verifyLog, type AuditDeps } from './audit.verify.service';

// The sweep's part for the audit log, every pass: verify what was appended since the last checkpoint
// (so a check on request has little left to do, and a break is logged within a pass), sign a tree
// head when the log has grown and the last head is an hour old, and pick up verification jobs an
// instance that died left behind.

const HEAD_EVERY_MS = 60 * 60 * 1000;

export async function auditSweep(
  deps: Omit<AuditDeps, 'signer'> & { audit: AuditRuntime; logger?: Logger | undefined },
): Promise<{ treeHeads: number }> {
  const auditDeps = { db: deps.db, clock: deps.clock, signer: deps.audit.signer };
  deps.audit.verifications.kick();
  const check = await verifyLog(auditDeps);
  if (!check.valid) {
    deps.logger?.error({ brokenAt: check.brokenAt, reason: check.reason }, 'the audit log does not verify');
    return { treeHeads: 0 };
  }
  const latest = await latestTreeHead(deps.db, deps.audit.signer.keyId);
  const stale = !latest || deps.clock.now().getTime() - latest.signed_at.getTime() >= HEAD_EVERY_MS;
  if (check.events === 0 || Number(latest?.tree_size ?? -1) === check.events || !stale)
    return { treeHeads: 0 };
  await signHead(auditDeps, check.events, check.rootHash);
  return { treeHeads: 1 };
}
