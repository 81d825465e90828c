import { z } from 'zod';
import { isoDateSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { communicationFields, exemptionSchema } from '../communications/communications.schemas';

const justification = z.string().trim().min(1, 'must not be empty').max(20_000);

export const decideBody = z
  .object({
    screeningId: z.uuid(),
    outcome: z.enum(['approved', 'denied']),
    justification: justification.optional(),
    ...communicationFields,
    supersedesDecisionId: z
      .uuid()
      .optional()
      .describe('a final decision on the same application this one corrects'),
    conditions: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(10_000)
      .optional()
      .describe("an approval's conditions (what the grant is for, reporting …), printed in the letter"),
  })
  .strict();
export type DecideInput = z.output<typeof decideBody>;

export const approveBody = z.object({}).strict().optional();

export const returnBody = z
  .object({ reason: z.string().trim().min(1, 'a reason is required').max(5000) })
  .strict();

export const decisionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    caseNumber: z.string().describe('the diarienummer of the case the decision is made in'),
    kind: z.enum(['application', 'withdrawal', 'restoration']),
    associationId: z.uuid(),
    applicationId: z.uuid().nullable(),
    screeningId: z.uuid().nullable(),
    outcome: z.enum(['approved', 'denied', 'withdrawn', 'restored']),
    recommendation: z.string().nullable(),
    departsFromRecommendation: z.boolean(),
    justification: z.string().nullable(),
    conditions: z.string().nullable().describe("an approval's conditions, as printed in its letter"),
    communicationId: z
      .uuid()
      .nullable()
      .describe('the kommunicering the decision rests on (GET /api/communications/:id)'),
    communicationExemption: exemptionSchema
      .nullable()
      .describe('the exception to kommunicering the decision states (förvaltningslagen 25 §)'),
    criteria: z.array(z.string()),
    status: z.enum(['pending_approval', 'final', 'superseded', 'returned']),
    decidedBy: z.string(),
    decidedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    returnedReason: z.string().nullable(),
    supersedesId: z.uuid().nullable(),
    supersededById: z.uuid().nullable(),
    documentSha256: z.string().nullable().describe('SHA-256 (hex) of the stored letter; set when final'),
  })
  .meta({ id: 'Decision' });
export type Decision = z.infer<typeof decisionSchema>;

export const decisionsQuery = z.object({
  associationId: z.uuid().optional(),
  applicationId: z.uuid().optional(),
  outcome: z.enum(['approved', 'denied', 'withdrawn', 'restored']).optional(),
  status: z.enum(['pending_approval', 'final', 'superseded', 'returned']).optional(),
  kind: z.enum(['application', 'withdrawal', 'restoration']).optional(),
  decidedBy: z.string().max(100).optional(),
  caseNumber: z.string().max(100).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ...pageQuery,
});
export const decisionsPage = pageSchema(decisionSchema);

export const decisionStatsQuery = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ruleSetVersion: z.string().max(50).optional(),
});

export const decisionStatsSchema = z
  .object({
    byCriterion: z
      .array(
        z.object({
          month: z.string(),
          code: z.string(),
          outcome: z.enum(['approved', 'denied', 'withdrawn', 'restored']),
          count: z.number().int(),
        }),
      )
      .describe('final decisions on applications per month, criterion fired in their screening and outcome'),
  })
  .meta({ id: 'DecisionStats' });
