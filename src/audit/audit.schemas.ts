import { z } from 'zod';
import { instantSchema, isoDateSchema, jsonObject } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';

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

export const auditEventSchema = z
  .object({
    seq: z.number().int(),
    occurredAt: z.string(),
    actor: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    details: jsonObject,
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const auditEventsPage = pageSchema(auditEventSchema);

export const verifyResultSchema = z
  .union([
    z.object({ valid: z.literal(true), events: z.number().int(), head: z.string() }),
    z.object({ valid: z.literal(false), brokenAt: z.number().int(), reason: z.string() }),
  ])
  .meta({ id: 'AuditVerifyResult' });
