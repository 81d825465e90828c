import { z } from 'zod';
import { caseNumberSchema } from '../cases/cases.schemas';
import { filledArray } from '../http/common.schemas';
import { communicationFields } from '../communications/communications.schemas';

export const withdrawalBody = z
  .object({
    justification: z.string().trim().min(1, 'must not be empty').max(20_000),
    criteria: filledArray(
      z.string().trim().min(1).max(20),
      20,
      'criteria_required',
      'cite at least one criterion',
    ),
    ...communicationFields,
    caseNumber: caseNumberSchema
      .optional()
      .describe('the registry system’s diarienummer, when this opens the withdrawal case'),
  })
  .strict();
export type WithdrawalInput = z.output<typeof withdrawalBody>;

// Restoring support goes the association's way: no kommunicering is needed (förvaltningslagen 25 §).
export const restorationBody = z
  .object({ justification: z.string().trim().min(1, 'must not be empty').max(20_000) })
  .strict();
export type RestorationInput = z.output<typeof restorationBody>;

export const withdrawalCreatedSchema = z
  .object({
    decisionId: z.uuid(),
    status: z.enum(['pending_approval']),
    reference: z.string(),
    caseNumber: z.string().describe('the diarienummer of the withdrawal case'),
  })
  .meta({ id: 'WithdrawalCreated' });
