import { z } from 'zod';
import { isoDateSchema } from '../http/common.schemas';

export const withdrawalBody = z
  .object({
    justification: z.string().trim().min(1, 'must not be empty').max(20_000),
    criteria: z.array(z.string().trim().min(1).max(20)).min(1, 'cite at least one criterion').max(20),
    communicatedOn: isoDateSchema.describe('when the association was told the material and could answer'),
  })
  .strict();
export type WithdrawalInput = z.output<typeof withdrawalBody>;

export const restorationBody = z
  .object({
    justification: z.string().trim().min(1, 'must not be empty').max(20_000),
    communicatedOn: isoDateSchema.optional(),
  })
  .strict();
export type RestorationInput = z.output<typeof restorationBody>;

export const withdrawalCreatedSchema = z
  .object({ decisionId: z.uuid(), status: z.enum(['pending_approval']), reference: z.string() })
  .meta({ id: 'WithdrawalCreated' });
