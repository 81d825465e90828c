import { z } from 'zod';
import { nameSchema, personalNumberSchema } from '../http/common.schemas';
import { ENTRY_STATUSES } from '../watchlist/watchlist.table';
import { FINDING_CATEGORIES } from '../shared/finding-categories';
import { CHECK_RESULTS, REFERRAL_STATUSES } from '../premises/premises.table';

/** One way to name the person: a personnummer (any accepted format) or a name, not both. */
export const registerExtractQuery = z
  .object({
    personalNumber: personalNumberSchema.optional(),
    name: nameSchema.optional(),
    format: z
      .enum(['json', 'html'])
      .optional()
      .describe('html: the Swedish document for the person; default: by the Accept header'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.personalNumber === undefined) === (q.name === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['personalNumber'],
        message: 'give either personalNumber or name',
        params: { code: 'one_of_required', fields: 'personalNumber, name' },
      });
    }
  });
export type RegisterExtractQuery = z.output<typeof registerExtractQuery>;

export const registerExtractSchema = z
  .object({
    id: z.uuid().describe('the request, as audited'),
    createdAt: z.string(),
    subject: z.object({ personalNumber: z.string().nullable(), name: z.string().nullable() }),
    watchlistEntries: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        aliases: z.array(z.string()),
        personalNumber: z.string().nullable(),
        reason: z.string(),
        source: z.string(),
        status: z.enum(ENTRY_STATUSES),
        reviewBy: z
          .string()
          .nullable()
          .describe('null for an entry from a sanctions list: valid while listed'),
        createdAt: z.string(),
      }),
    ),
    representativeRoles: z.array(
      z.object({
        associationId: z.uuid(),
        associationName: z.string(),
        orgNumber: z.string(),
        name: z.string(),
        role: z.string(),
      }),
    ),
    findings: z.array(
      z.object({
        id: z.uuid(),
        applicationId: z.uuid(),
        associationName: z.string(),
        category: z.enum(FINDING_CATEGORIES),
        occurredOn: z.string(),
        description: z.string(),
        source: z.string(),
      }),
    ),
    premisesChecks: z.array(
      z.object({
        checkId: z.string(),
        checkedAt: z.string(),
        name: z.string(),
        venue: z.string(),
        date: z.string(),
        result: z.enum(CHECK_RESULTS),
        referral: z
          .object({
            id: z.uuid(),
            status: z.enum(REFERRAL_STATUSES),
            resolvedAt: z.string().nullable(),
            note: z.string().nullable(),
          })
          .nullable(),
      }),
    ),
    screeningHits: z.array(
      z.object({
        screeningId: z.uuid(),
        associationName: z.string(),
        screenedAt: z.string(),
        entryId: z.string(),
      }),
    ),
  })
  .meta({ id: 'RegisterExtract' });
export type RegisterExtract = z.infer<typeof registerExtractSchema>;
