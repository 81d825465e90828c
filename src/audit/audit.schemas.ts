import { z } from 'zod';
import { instantSchema, isoDateSchema, jsonObject } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { VERIFICATION_STATUSES } from './audit.table';

/** A date (YYYY-MM-DD, a whole UTC day) or an instant. */
const dateOrInstant = z.union([isoDateSchema, instantSchema]);

export const auditEventsQuery = z.object({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  ...pageQuery,
});

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEventSchema = z
  .object({
    seq: z.number().int(),
    prevHash: z.string(),
    occurredAt: z.string(),
    actor: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    detailsDigest: z.string().describe('hex SHA-256 of salt ‖ canonical JSON of details; chained'),
    hash: z.string().describe('the event hash, which is also its Merkle leaf hash'),
    salt: z.string().nullable().describe('null once erased'),
    details: jsonObject.nullable().describe('null once erased by a retention run'),
    erased: z
      .object({ at: z.string(), under: z.string(), byRun: z.number().int() })
      .nullable()
      .describe('when, under which retention decision and by which retention run event'),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventsPage = pageSchema(auditEventSchema);

const checkpointInfo = z
  .object({ seq: z.number().int(), verifiedAt: z.string(), method: z.enum(['full', 'incremental']) })
  .nullable()
  .describe('the verified checkpoint this check started from; null: it walked the whole log');

export const verifyResultSchema = z
  .union([
    z.object({
      valid: z.literal(true),
      events: z.number().int(),
      head: z.string(),
      rootHash: z.string(),
      erased: z.number().int().describe('events whose details a retention run has erased'),
      checkpoint: checkpointInfo,
      checkedEvents: z
        .number()
        .int()
        .describe('events recomputed by this check (those after the checkpoint)'),
    }),
    z.object({
      valid: z.literal(false),
      brokenAt: z.number().int(),
      reason: z.string(),
      checkpoint: checkpointInfo,
    }),
  ])
  .meta({ id: 'AuditVerifyResult' });

export const treeHeadSchema = z
  .object({
    treeSize: z.number().int(),
    rootHash: hex64,
    timestamp: z.string(),
    signature: z
      .string()
      .describe(
        'hex Ed25519 signature over canonical JSON ["fk-audit-tree-head", treeSize, rootHash, timestamp]',
      ),
    keyId: z.string().describe('hex SHA-256 of the public key (DER SubjectPublicKeyInfo)'),
  })
  .meta({ id: 'SignedTreeHead' });

export const publicKeySchema = z
  .object({
    keyId: z.string(),
    algorithm: z.literal('Ed25519'),
    publicKey: z.string().describe('PEM SubjectPublicKeyInfo'),
    keys: z
      .array(z.object({ keyId: z.string(), publicKey: z.string(), firstUsedAt: z.string() }))
      .describe('every key that has signed here, the current one included'),
  })
  .meta({ id: 'AuditPublicKey' });

const position = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inclusionQuery = z.object({ seq: position, treeSize: position });

export const inclusionProofSchema = z
  .object({
    seq: z.number().int(),
    leafIndex: z.number().int(),
    treeSize: z.number().int(),
    leafHash: hex64,
    auditPath: z.array(hex64),
    rootHash: hex64,
  })
  .meta({ id: 'InclusionProof' });

export const consistencyQuery = z.object({ from: position, to: position });

export const consistencyProofSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    fromRoot: hex64,
    toRoot: hex64,
    proof: z.array(hex64),
  })
  .meta({ id: 'ConsistencyProof' });

export const verificationCreatedSchema = z.object({ id: z.uuid() }).meta({ id: 'VerificationCreated' });

export const verificationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(VERIFICATION_STATUSES),
    requestedBy: z.string(),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    progress: z.object({
      checked: z.number().int(),
      total: z.number().int().nullable(),
      percent: z.number().nullable(),
    }),
    result: jsonObject.nullable().describe('as GET /api/audit/verify answers, once done'),
  })
  .meta({ id: 'AuditVerification' });

export const verificationsPage = pageSchema(verificationSchema);
export const verificationsQuery = z.object({ ...pageQuery });
