import { z } from 'zod';
import { isoDateSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { caseNumberSchema } from '../cases/cases.schemas';
import { CASE_KINDS } from '../cases/cases.table';
import { COMMUNICATION_STATUSES } from './communications.table';
import { EXEMPTION_CODES } from './communications.exemptions';

export const createCommunicationBody = z
  .object({
    applicationId: z.uuid().optional().describe('kommunicering before a decision on this application'),
    associationId: z
      .uuid()
      .optional()
      .describe(
        'kommunicering before withdrawing this association’s support (opens or joins its withdrawal case)',
      ),
    findingIds: z
      .array(z.uuid())
      .max(50)
      .describe(
        'the findings put before the association; empty when the material is other documents of the case (e.g. a denial on a formal requirement)',
      ),
    replyBy: isoDateSchema.describe('the last day to answer: not before sentOn, at most three months later'),
    sentOn: isoDateSchema.optional().describe('the day the letter is sent; default today'),
    caseNumber: caseNumberSchema
      .optional()
      .describe('with associationId: the registry system’s diarienummer, if this opens the withdrawal case'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.applicationId === undefined) === (b.associationId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['applicationId'],
        message: 'give either applicationId or associationId',
        params: { code: 'one_of_required', fields: 'applicationId, associationId' },
      });
    }
    if (b.caseNumber !== undefined && b.applicationId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['caseNumber'],
        message: 'an application’s case already has its number',
        params: { code: 'case_number_not_allowed' },
      });
    }
  });
export type CreateCommunicationInput = z.output<typeof createCommunicationBody>;

export const replyBody = z.union([
  z
    .object({
      receivedOn: isoDateSchema.describe('the day the answer came in'),
      summary: z
        .string()
        .trim()
        .min(1, 'must not be empty')
        .max(10_000)
        .describe('what the association answered'),
    })
    .strict(),
  z.object({ noReply: z.literal(true).describe('no answer came by the deadline') }).strict(),
]);
export type ReplyInput = z.output<typeof replyBody>;

/** Names the kommunicering an adverse decision rests on, or the exception the law allows. */
export const communicationFields = {
  communicationId: z
    .uuid()
    .optional()
    .describe('the kommunicering of this case the decision rests on (förvaltningslagen 25 §)'),
  communicationExemption: z
    .object({
      ground: z.enum(EXEMPTION_CODES).describe('the exception in förvaltningslagen 25 §'),
      justification: z.string().trim().min(1, 'must not be empty').max(5000),
    })
    .strict()
    .optional()
    .describe('instead of communicationId: why the association was not given the material first'),
};

export const exemptionSchema = z
  .object({ ground: z.enum(EXEMPTION_CODES), justification: z.string() })
  .meta({ id: 'CommunicationExemption' });

export const communicationSchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    caseKind: z.enum(CASE_KINDS),
    associationId: z.uuid(),
    applicationId: z.uuid().nullable(),
    findingIds: z.array(z.uuid()),
    sentOn: z.string(),
    replyBy: z.string(),
    status: z.enum(COMMUNICATION_STATUSES),
    replyReceivedOn: z.string().nullable(),
    replySummary: z.string().nullable(),
    replyRecordedBy: z.string().nullable(),
    replyRecordedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    documentSha256: z.string().describe('SHA-256 (hex) of the stored letter'),
  })
  .meta({ id: 'Communication' });
export type Communication = z.infer<typeof communicationSchema>;

export const communicationsQuery = z.object({
  applicationId: z.uuid().optional(),
  associationId: z.uuid().optional().describe('every case of the association'),
  caseNumber: z.string().max(100).optional(),
  status: z.enum(COMMUNICATION_STATUSES).optional(),
  ...pageQuery,
});
export const communicationsPage = pageSchema(communicationSchema);
