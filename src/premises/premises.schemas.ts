import { z } from 'zod';
import { isoDateSchema, jsonObject, nameSchema, orgNumberSchema } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';

export const premisesCheckBody = z
  .object({
    orgNumber: orgNumberSchema.optional(),
    name: nameSchema,
    venue: z.string().trim().min(1, 'must not be empty').max(300),
    date: isoDateSchema,
  })
  .strict();
export type PremisesCheckInput = z.output<typeof premisesCheckBody>;

/** All booking staff ever learn: clear or refer, and an id to quote. Nothing about why. */
export const premisesCheckResultSchema = z
  .object({
    checkId: z.string(),
    result: z.enum(['clear', 'refer']),
    message: z.string(),
  })
  .strict()
  .meta({ id: 'PremisesCheckResult' });
export type PremisesCheckResult = z.infer<typeof premisesCheckResultSchema>;

export const referralSchema = z
  .object({
    id: z.uuid(),
    checkId: z.string(),
    status: z.enum(['open', 'resolved']),
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
      .array(jsonObject)
      .describe('why the check said refer: support withdrawn, or watchlist hits with explanations'),
    resolvedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof referralSchema>;

export const referralsQuery = z.object({ status: z.enum(['open', 'resolved']).optional(), ...pageQuery });
export const referralsPage = pageSchema(referralSchema);

export const resolveBody = z
  .object({ note: z.string().trim().min(1, 'a note is required').max(5000) })
  .strict();
