import { z } from 'zod';
import { codedCheck } from '../http/validation-details';
import { pageQuery, pageSchema } from '../http/pagination';
import { CASE_NUMBER_MAX } from './cases.number';
import { CASE_KINDS } from './cases.table';

/** A diarienummer given by the municipality's registry system. */
export const caseNumberSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(CASE_NUMBER_MAX)
  .regex(/^[^\u0000-\u001f\u007f]*$/, codedCheck('control_characters', 'must not contain control characters'))
  .describe('the diarienummer from the registry system; without it one is assigned from CASE_NUMBER_FORMAT');

export const assignBody = z
  .object({ userId: z.uuid().describe('an active case officer, the new handling officer') })
  .strict();

export const caseSchema = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    kind: z.enum(CASE_KINDS),
    associationId: z.uuid(),
    applicationId: z.uuid().nullable(),
    assignedTo: z.string().describe('the handling officer (a case officer’s user id)'),
    openedBy: z.string(),
    openedAt: z.string(),
  })
  .meta({ id: 'Case' });
export type CaseSummary = z.infer<typeof caseSchema>;

const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const casesQuery = z.object({
  assignedTo: z.string().max(100).optional().describe('a user id, or "me"'),
  associationId: z.uuid().optional(),
  kind: z.enum(CASE_KINDS).optional(),
  open: boolText.optional().describe('true: no decision has taken effect yet'),
  caseNumber: z.string().max(CASE_NUMBER_MAX).optional(),
  ...pageQuery,
});
export const casesPage = pageSchema(caseSchema);
