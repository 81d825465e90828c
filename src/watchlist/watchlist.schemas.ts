import { z } from 'zod';
import {
  filledText,
  isoDateSchema,
  jsonObject,
  nameSchema,
  orgNumberSchema,
  personalNumberSchema,
} from '../http/common.schemas';
import { pageQuery, pageSchema } from '../http/pagination';
import { errorDetailSchema } from '../http/validation-details';
import { FINDING_CATEGORIES } from '../shared/finding-categories';
import { WATCHLIST_LIMITS } from './watchlist.limits';
import { ENTRY_STATUSES, IMPORT_JOB_STATUSES, LIST_SOURCES, SUBJECT_KINDS } from './watchlist.table';

const categorySchema = z
  .enum(FINDING_CATEGORIES)
  .describe('the documented conduct the entry rests on (a finding category; never an opinion)');
const entryName = nameSchema.max(WATCHLIST_LIMITS.name);

export const createEntryBody = z
  .object({
    subjectKind: z.enum(SUBJECT_KINDS),
    name: entryName,
    aliases: z.array(entryName).max(WATCHLIST_LIMITS.aliases).default([]),
    orgNumber: orgNumberSchema.nullish(),
    personalNumber: personalNumberSchema.nullish(),
    category: categorySchema,
    reason: z.string().trim().min(1).max(WATCHLIST_LIMITS.reason),
    source: z.string().trim().min(1).max(WATCHLIST_LIMITS.source),
    reviewBy: isoDateSchema.describe('re-validate by this date, at most one year ahead'),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.subjectKind === 'person' && e.orgNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['orgNumber'],
        message: 'a person has no organisationsnummer',
        params: { code: 'person_has_no_org_number' },
      });
    }
    if (e.subjectKind === 'organisation' && e.personalNumber) {
      ctx.addIssue({
        code: 'custom',
        path: ['personalNumber'],
        message: 'an organisation has no personnummer',
        params: { code: 'organisation_has_no_personal_number' },
      });
    }
  });
export type CreateEntryInput = z.output<typeof createEntryBody>;

export const retireBody = z
  .object({ reason: filledText(1000, 'reason_required', 'a reason is required') })
  .strict();

export const entrySchema = z
  .object({
    id: z.uuid(),
    subjectKind: z.enum(SUBJECT_KINDS),
    name: z.string(),
    aliases: z.array(z.string()),
    orgNumber: z.string().nullable(),
    personalNumber: z.string().nullable(),
    category: categorySchema
      .nullable()
      .describe('null only for entries made before a category was required (shown as "not given")'),
    reason: z.string(),
    source: z.string(),
    reviewBy: z
      .string()
      .nullable()
      .describe('null for an entry from a sanctions list: it is valid while the list holds it'),
    listSource: z
      .enum(LIST_SOURCES)
      .nullable()
      .describe('the sanctions list the entry comes from (POST /api/watchlist/sources/:source/import)'),
    listing: jsonObject
      .nullable()
      .describe(
        'what the list says of the entry: every name, identifiers, programmes, regulations, listing date, and the import that set it',
      ),
    status: z.enum(ENTRY_STATUSES),
    statusReason: z.string().nullable(),
    statusChangedAt: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'WatchlistEntry' });
export type WatchlistEntry = z.infer<typeof entrySchema>;

export const entriesQuery = z.object({
  status: z.enum(ENTRY_STATUSES).optional(),
  subjectKind: z.enum(SUBJECT_KINDS).optional(),
  ...pageQuery,
});
export const entriesPage = pageSchema(entrySchema);

export const searchQuery = z
  .object({
    q: z.string().trim().min(1).max(300).optional(),
    orgNumber: z.string().trim().max(20).optional().describe('any format; compared by its digits'),
    subjectKind: z.enum(SUBJECT_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((s) => s.q || s.orgNumber, {
    message: 'give q or orgNumber',
    path: ['q'],
    params: { code: 'search_term_required' },
  });

export const searchResultSchema = z
  .object({
    hits: z.array(
      z.object({
        entryId: z.string(),
        score: z.number().min(0).max(1),
        matchedName: z.string(),
        explanation: jsonObject,
      }),
    ),
    watchlistVersion: z.number().int(),
  })
  .meta({ id: 'WatchlistSearchResult' });

const lineError = z.object({
  line: z.number().int(),
  error: z.string(),
  details: z.array(errorDetailSchema).optional().describe('the problems by code; path names the column'),
});

export const importResultSchema = z
  .object({
    imported: z.number().int(),
    rejected: z.array(lineError),
    importId: z.uuid().describe('the import job, also at GET /api/watchlist/imports/:id'),
  })
  .meta({ id: 'WatchlistImportResult' });

export const importJobSchema = z
  .object({
    id: z.uuid(),
    status: z
      .enum(IMPORT_JOB_STATUSES)
      .describe('interrupted: the service stopped while it ran; the batches before were imported'),
    filename: z.string().nullable(),
    totalLines: z.number().int().describe('lines in the file, header included'),
    processedLines: z.number().int().describe('lines read so far'),
    imported: z.number().int(),
    rejectedCount: z.number().int(),
    rejected: z.array(lineError).describe('the first rejected lines (all are counted in rejectedCount)'),
    createdBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'WatchlistImportJob' });
export type ImportJob = z.infer<typeof importJobSchema>;

export const CSV_HEADER_DESCRIPTION =
  'CSV with header subject_kind,name,aliases,org_number,category,reason,source,review_by (aliases separated by |)';

export const csvBody = z
  .string({ error: 'send the file as the body with Content-Type: text/csv' })
  .max(20_000_000)
  .describe(CSV_HEADER_DESCRIPTION);

export const importFilenameQuery = z.object({
  filename: z.string().trim().max(200).optional().describe('the name of the file, shown with the job'),
});
