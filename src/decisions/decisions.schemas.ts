import { z } from 'zod';
import { codedCheck } from '../http/validation-details';
import { filledText, isoDateSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { communicationFields, exemptionSchema } from '../communications/communications.schemas';
import { DELEGATION_KINDS } from '../delegation/delegation.schema';
import {
  APPLICATION_OUTCOMES,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  DECISION_STATUSES,
} from './decisions.table';

const justification = z.string().trim().min(1, 'must not be empty').max(20_000);

export const decideBody = z
  .object({
    screeningId: z.uuid(),
    outcome: z.enum(APPLICATION_OUTCOMES),
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

const PARAGRAPH = /^§\s*(\d{1,4})(?:\s*([a-z]))?$/;

/**
 * The delegat's approval confirms that nothing makes them jävig; a decision the delegation order
 * reserves to the committee is instead recorded (by a coordinator) with the meeting and the § of its
 * minutes.
 */
export const approveBody = z
  .object({
    noConflictOfInterest: z
      .literal(true, { error: 'must be true: confirm that you have no conflict of interest (jäv)' })
      .optional()
      .describe('the delegat confirms that no circumstance makes them jävig (förvaltningslagen 16 §)'),
    committee: z
      .object({
        meetingOn: isoDateSchema.describe('the committee meeting that took the decision'),
        paragraph: z
          .string()
          .trim()
          .max(20)
          .regex(PARAGRAPH, codedCheck('paragraph_format', 'must be a paragraph of the minutes, like "§ 45"'))
          .transform((p) => {
            const [, n, letter] = PARAGRAPH.exec(p)!;
            return letter ? `§ ${n} ${letter}` : `§ ${n}`;
          })
          .describe('the paragraph of the minutes, e.g. "§ 45"'),
      })
      .strict()
      .optional()
      .describe('for decisions the delegation order reserves to the committee'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.noConflictOfInterest === undefined && b.committee === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['noConflictOfInterest'],
        message: 'required: confirm that you have no conflict of interest (jäv)',
        params: { code: 'jav_not_confirmed' },
      });
    }
    // Both may come together: the coordinator recording the committee's decision may also confirm
    // no jäv (outside clients send it so); the committee body decides which path is taken.
  });
export type ApproveInput = z.output<typeof approveBody>;

export const returnBody = z
  .object({ reason: filledText(5000, 'reason_required', 'a reason is required') })
  .strict();

export const decisionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    caseNumber: z.string().describe('the diarienummer of the case the decision is made in'),
    kind: z.enum(DECISION_KINDS),
    associationId: z.uuid(),
    applicationId: z.uuid().nullable(),
    screeningId: z.uuid().nullable(),
    outcome: z.enum(DECISION_OUTCOMES),
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
    status: z.enum(DECISION_STATUSES),
    preparedBy: z.string().describe('the case officer who prepared the decision (föredragande)'),
    preparedAt: z.string().describe('when it was prepared and proposed'),
    decidedBy: z
      .string()
      .nullable()
      .describe('the delegat who decided; null while pending, when returned, or when the committee decided'),
    decidedAt: z.string().nullable().describe('when the decision became final'),
    delegationKind: z.enum(DELEGATION_KINDS).describe('the kind of decision under the delegation order'),
    delegationPoint: z
      .string()
      .nullable()
      .describe('the point of the delegation order the delegat decided under'),
    committee: z
      .object({ meetingOn: z.string(), paragraph: z.string(), recordedBy: z.string() })
      .nullable()
      .describe('set when the committee itself decided: its meeting, the § of the minutes, who recorded it'),
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
  outcome: z.enum(DECISION_OUTCOMES).optional(),
  status: z.enum(DECISION_STATUSES).optional(),
  kind: z.enum(DECISION_KINDS).optional(),
  decidedBy: z.string().max(100).optional().describe('the delegat'),
  preparedBy: z.string().max(100).optional().describe('the föredragande'),
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
          outcome: z.enum(DECISION_OUTCOMES),
          count: z.number().int(),
        }),
      )
      .describe('final decisions on applications per month, criterion fired in their screening and outcome'),
  })
  .meta({ id: 'DecisionStats' });
