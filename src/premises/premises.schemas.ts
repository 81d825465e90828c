import { z } from 'zod';
import { codedEnum, codedCheck } from '../http/validation-details';
import { filledText, isoDateSchema, nameSchema, orgNumberSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { CHECK_RESULTS, REFERRAL_OUTCOMES, REFERRAL_STATUSES } from './premises.table';

export const premisesCheckBody = z
  .object({
    orgNumber: orgNumberSchema.optional(),
    name: nameSchema,
    venue: z.string().trim().min(1, 'must not be empty').max(300),
    date: isoDateSchema,
  })
  .strict();
export type PremisesCheckInput = z.output<typeof premisesCheckBody>;

/** All booking staff ever learn: clear or refer, a check number, and when an answer comes. Nothing about why. */
export const premisesCheckResultSchema = z
  .object({
    checkId: z.string(),
    result: z.enum(CHECK_RESULTS),
    message: z.string(),
    answerBy: z
      .string()
      .optional()
      .describe('refer only: the date (YYYY-MM-DD) by which the booking desk gets an answer'),
  })
  .strict()
  .meta({ id: 'PremisesCheckResult' });
export type PremisesCheckResult = z.infer<typeof premisesCheckResultSchema>;

export const CHECK_STATUSES = ['clear', 'awaiting_answer', 'no_obstacle', 'not_cleared'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A check as its booking clerk may follow it: the answer, never the grounds. */
export const premisesCheckStatusSchema = z
  .object({
    checkId: z.string(),
    result: z.enum(CHECK_RESULTS),
    status: z.enum(CHECK_STATUSES),
    answerBy: z.string().nullable().describe('refer only: the date an answer comes by; null when clear'),
  })
  .strict()
  .meta({ id: 'PremisesCheckStatus' });
export type PremisesCheckStatus = z.infer<typeof premisesCheckStatusSchema>;

/** One of the caller's own checks: what they typed, and the status. */
export const ownPremisesCheckSchema = premisesCheckStatusSchema
  .extend({
    name: z.string(),
    orgNumber: z.string().nullable(),
    venue: z.string(),
    date: z.string(),
    checkedAt: z.string(),
  })
  .strict()
  .meta({ id: 'OwnPremisesCheck' });
export type OwnPremisesCheck = z.infer<typeof ownPremisesCheckSchema>;
export const ownChecksPage = pageSchema(ownPremisesCheckSchema);
export const ownChecksQuery = z.object({ ...pageQuery });

// Read aloud and typed back: accept any case and surrounding spaces.
export const checkIdParams = z.object({
  checkId: z
    .string()
    .max(40)
    .trim()
    .toUpperCase()
    .regex(
      /^PK-[0-9A-Z]{5}-[0-9A-Z]{5}$/,
      codedCheck('check_number_format', 'must be a check number like PK-XXXXX-XXXXX'),
    ),
});

/** One reason a check said refer (ReferGround in premises.table), told to coordinators only. */
const referGroundSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('support_withdrawn').describe("the association's support is withdrawn"),
      associationId: z.string(),
    }),
    z.object({
      kind: z.literal('watchlist').describe('a watchlist entry matched the name or number checked'),
      entryId: z.string(),
      score: z.number(),
      matchedName: z.string(),
      // Typed unknown, as ReferGround stores it (the matcher writes it, the page only explains it);
      // documented as the object it is.
      explanation: z.unknown().meta({
        type: 'object',
        additionalProperties: true,
        description: 'how the match was made, as GET /api/watchlist/search explains it',
      } as Record<string, unknown>),
    }),
  ])
  .meta({ id: 'ReferGround' });

export const referralSchema = z
  .object({
    id: z.uuid(),
    checkId: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    answerBy: z.string().describe('the date (YYYY-MM-DD) the booking desk was promised an answer by'),
    overdue: z.boolean().describe('open and past answerBy'),
    escalatedAt: z.string().nullable().describe('when the missed deadline was escalated'),
    outcome: z
      .enum(REFERRAL_OUTCOMES)
      .nullable()
      .describe(
        'the answer the booking desk got; null while open (and on referrals resolved before outcomes)',
      ),
    check: z.object({
      name: z.string(),
      orgNumber: z.string().nullable(),
      venue: z.string(),
      date: z.string(),
      checkedBy: z.string(),
      checkedAt: z.string(),
      associationId: z.string().nullable(),
    }),
    grounds: z
      .array(referGroundSchema)
      .describe('why the check said refer: support withdrawn, or watchlist hits with explanations'),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof referralSchema>;

export const referralsQuery = z.object({ status: z.enum(REFERRAL_STATUSES).optional(), ...pageQuery });
export const referralsPage = pageSchema(referralSchema);

export const resolveBody = z
  .object({
    outcome: codedEnum(
      REFERRAL_OUTCOMES,
      'referral_outcome_required',
      'choose the outcome: no_obstacle or not_cleared',
    ),
    note: filledText(5000, 'note_required', 'a note is required'),
  })
  .strict();
