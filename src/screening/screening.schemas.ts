import { z } from 'zod';
import { isoDateSchema, jsonObject } from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { OUTCOMES } from './rule-set.schema';
import { HIT_SUBJECTS } from './screening.facts';
import { RECOMMENDATIONS, RULE_STATUSES } from './screening.result';
import { LIST_SOURCES } from '../watchlist/watchlist.table';

const recommendation = z.enum(RECOMMENDATIONS);
const outcome = z.enum(OUTCOMES);

export const reasonSchema = z
  .object({
    ruleId: z.string(),
    code: z.string(),
    criterion: z.string().describe('the criterion in Swedish'),
    outcome,
    explanation: z.string().describe('why, in Swedish'),
    legalBasis: z.string(),
    findingIds: z.array(z.string()),
    watchlistEntryIds: z.array(z.string()),
  })
  .meta({ id: 'ScreeningReason' });

export const checkSchema = z
  .object({
    ruleId: z.string(),
    code: z.string(),
    criterion: z.string(),
    outcome,
    status: z.enum(RULE_STATUSES),
    explanation: z.string().nullable().describe('for met: why it applies; for not_met: what was checked'),
    legalBasis: z.string(),
  })
  .meta({ id: 'ScreeningCheck' });

export const watchlistHitSchema = z
  .object({
    entryId: z.string(),
    score: z.number(),
    matchedName: z.string(),
    queryName: z.string(),
    subject: z.enum(HIT_SUBJECTS),
    idNumberMatch: z.boolean(),
    explanation: jsonObject.describe('how the hit came about (matcher explanation)'),
    sanctions: z
      .object({
        list: z.enum(LIST_SOURCES),
        reference: z.string(),
        programmes: z.array(z.string()),
        regulations: z.array(z.string()),
      })
      .optional()
      .describe(
        'a hit on a sanctions-list entry (SANK-1): the list, its reference and the regulations it is listed under',
      ),
  })
  .meta({ id: 'ScreeningWatchlistHit' });

export const screeningSchema = z
  .object({
    id: z.uuid(),
    applicationId: z.uuid(),
    associationId: z.uuid(),
    screeningDate: z.string(),
    ruleSet: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
    recommendation,
    reasons: z.array(reasonSchema).describe('every rule that fired'),
    checks: z.array(checkSchema).describe('every rule of the rule set with its status'),
    watchlist: z.object({
      hits: z.array(watchlistHitSchema),
      hitsWithheld: z
        .boolean()
        .describe(
          'true: hits are left out because this case officer neither handles the case nor has it before them to decide',
        ),
      matcherVersion: z.string(),
      watchlistVersion: z.number().int(),
    }),
    screenedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Screening' });
export type Screening = z.infer<typeof screeningSchema>;

export const screeningRecordSchema = screeningSchema
  .extend({
    facts: jsonObject.describe('the exact fact snapshot evaluated'),
    evaluation: jsonObject.describe('every rule with its conditions and results'),
  })
  .meta({ id: 'ScreeningRecord' });

export const replayBody = z
  .object({
    ruleSetVersion: z
      .string()
      .max(50)
      .optional()
      .describe('what-if: replay under another published version of the same rule set'),
  })
  .strict()
  .optional();

const replayedSchema = z.object({
  ruleSet: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  recommendation,
  reasons: z.array(reasonSchema),
  checks: z.array(checkSchema),
});

export const replaySchema = z
  .object({
    identical: z.boolean(),
    original: replayedSchema,
    replayed: replayedSchema,
    differences: z.array(
      z.object({
        ruleId: z.string(),
        before: z.object({ status: z.string(), outcome: z.string() }).nullable(),
        after: z.object({ status: z.string(), outcome: z.string() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'ReplayResult' });

export const screeningsQuery = z.object({
  applicationId: z.uuid().optional(),
  associationId: z.uuid().optional(),
  recommendation: recommendation.optional(),
  code: z.string().max(50).optional().describe('screenings where a rule of this criterion fired, e.g. VBE-1'),
  ruleSetVersion: z.string().max(50).optional(),
  screenedBy: z.string().max(100).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ...pageQuery,
});

export const screeningsPage = pageSchema(screeningSchema);

export const statsQuery = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  ruleSetVersion: z.string().max(50).optional(),
  screenedBy: z.string().max(100).optional(),
});

export const statsSchema = z
  .object({
    byRecommendation: z.array(
      z.object({
        month: z.string(),
        ruleSetVersion: z.string(),
        screenedBy: z.string(),
        recommendation,
        count: z.number().int(),
      }),
    ),
    byCriterion: z.array(z.object({ month: z.string(), code: z.string(), outcome, count: z.number().int() })),
  })
  .meta({ id: 'ScreeningStats' });
