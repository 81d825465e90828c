import type { AppDeps } from '../deps';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { NotFoundError } from '../http/errors';
import { mapPage } from '../http/pagination';
import { listPublicKeys } from './audit.tree.repository';
import { consistency, currentTreeHead, inclusionProof } from './audit.tree.service';
import { findVerification, listVerifications, type VerificationRow } from './audit.verifications.repository';
import {
  consistencyProofSchema,
  consistencyQuery,
  inclusionProofSchema,
  inclusionQuery,
  publicKeySchema,
  treeHeadSchema,
  verificationCreatedSchema,
  verificationSchema,
  verificationsPage,
  verificationsQuery,
} from './audit.schemas';

// The Merkle tree's signed heads and proofs (RFC 9162), and full verifications as background jobs.
const AUDIT_READERS = ['investigator'] as const;

export function toVerification(r: VerificationRow) {
  const total = r.up_to === null ? null : Number(r.up_to);
  const checked = Number(r.checked);
  return {
    id: r.id,
    status: r.status,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    progress: {
      checked,
      total,
      percent: total ? Math.min(100, Math.floor((checked / total) * 1000) / 10) : total === 0 ? 100 : null,
    },
    result: (r.result ?? null) as Record<string, unknown> | null,
  };
}

export function auditTreeRoutes(deps: AppDeps) {
  const { db } = deps;
  const auditDeps = { db, clock: deps.clock, signer: deps.audit.signer };
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/tree-head',
      summary: 'A signed head of the Merkle tree over the log as it is now (signed on demand)',
      tag: 'audit',
      roles: AUDIT_READERS,
      success: { status: 200, description: 'The signed tree head', schema: treeHeadSchema },
      handler: () => currentTreeHead(auditDeps),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/public-key',
      summary: 'The Ed25519 public key that signs tree heads here, and every key that has',
      tag: 'audit',
      roles: ['investigator', 'admin'],
      success: { status: 200, description: 'The public key (PEM)', schema: publicKeySchema },
      handler: async () => ({
        keyId: deps.audit.signer.keyId,
        algorithm: 'Ed25519' as const,
        publicKey: deps.audit.signer.publicKeyPem,
        keys: (await listPublicKeys(db)).map((k) => ({
          keyId: k.key_id,
          publicKey: k.public_key,
          firstUsedAt: k.first_used_at.toISOString(),
        })),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/proof/inclusion',
      summary: 'RFC 9162 inclusion proof of event seq (leaf seq − 1) in the tree of treeSize events',
      tag: 'audit',
      roles: AUDIT_READERS,
      query: inclusionQuery,
      success: { status: 200, description: 'The audit path', schema: inclusionProofSchema },
      handler: ({ query }) => inclusionProof(db, query.seq, query.treeSize),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/proof/consistency',
      summary: 'RFC 9162 consistency proof that the tree of `to` events extends the tree of `from` events',
      tag: 'audit',
      roles: AUDIT_READERS,
      query: consistencyQuery,
      success: { status: 200, description: 'The consistency proof', schema: consistencyProofSchema },
      handler: ({ query }) => consistency(db, query.from, query.to),
    }),
    defineRoute({
      method: 'post',
      path: '/api/audit/verifications',
      summary: 'Start a full recomputation of the log in the background; poll GET …/verifications/:id',
      tag: 'audit',
      roles: AUDIT_READERS,
      success: { status: 202, description: 'The job is queued', schema: verificationCreatedSchema },
      handler: ({ user }) => deps.audit.verifications.request(user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verifications',
      summary: 'Full verifications, newest first; paged by cursor',
      tag: 'audit',
      roles: AUDIT_READERS,
      query: verificationsQuery,
      success: { status: 200, description: 'The latest verifications', schema: verificationsPage },
      handler: async ({ query }) => mapPage(await listVerifications(db, query), toVerification),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verifications/:id',
      summary: "A full verification's progress and, once done, its result",
      tag: 'audit',
      roles: AUDIT_READERS,
      params: idParams,
      success: { status: 200, description: 'The verification', schema: verificationSchema },
      handler: async ({ params }) => {
        const row = await findVerification(db, params.id);
        if (!row) throw new NotFoundError('Verification');
        return toVerification(row);
      },
    }),
  ];
}
