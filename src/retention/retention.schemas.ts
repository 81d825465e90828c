import { z } from 'zod';

const period = z.object({
  years: z.number().int().optional(),
  months: z.number().int().optional(),
  days: z.number().int().optional(),
});

const kindCount = z.object({ deleted: z.number().int(), erasedPayloads: z.number().int() });

export const retentionSchema = z
  .object({
    policy: z.object({
      decisionReference: z.string(),
      kinds: z.array(
        z.object({
          kind: z.string(),
          keepFor: period,
          decisionReference: z.string(),
          description: z.string().describe('what is deleted, in Swedish'),
        }),
      ),
      archived: z.string().describe('what is never deleted, in Swedish'),
    }),
    runs: z
      .array(
        z.object({
          id: z.uuid(),
          runOn: z.string(),
          ranAt: z.string(),
          decisionReference: z.string(),
          counts: z.record(z.string(), kindCount),
          erasedPayloads: z.number().int(),
          auditSeq: z.number().int().nullable(),
        }),
      )
      .describe('the latest runs, newest first'),
  })
  .meta({ id: 'Retention' });
