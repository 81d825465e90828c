import { z } from 'zod';
import { IMPORT_STATUSES, LIST_SOURCES } from '../watchlist.table';

export const sourceParams = z.object({
  source: z
    .enum(LIST_SOURCES)
    .describe(
      'eu: the EU consolidated financial sanctions list; un: the UN Security Council consolidated list',
    ),
});

export const sourceImportResultSchema = z
  .object({
    source: z.enum(LIST_SOURCES),
    publishedOn: z.string().describe('the publication (generation) date the file states'),
    added: z.number().int().describe('listed entities that were not on the watchlist'),
    updated: z.number().int().describe('entries the file describes otherwise than the last import'),
    retired: z.number().int().describe('entries the file no longer lists (retired, each audited)'),
    importId: z.uuid(),
  })
  .meta({ id: 'WatchlistSourceImport' });

export const sourcesSchema = z
  .object({
    sources: z.array(
      z.object({
        source: z.enum(LIST_SOURCES),
        activeEntries: z.number().int(),
        retiredEntries: z.number().int(),
        lastImport: z
          .object({
            id: z.uuid(),
            status: z.enum(IMPORT_STATUSES),
            publishedOn: z.string(),
            fileSha256: z.string(),
            listed: z.number().int(),
            added: z.number().int(),
            updated: z.number().int(),
            retired: z.number().int(),
            importedBy: z.string(),
            importedAt: z.string(),
          })
          .nullable()
          .describe('the latest import, whatever its outcome'),
        publishedOn: z.string().nullable().describe('publication date of the list as last imported in full'),
      }),
    ),
  })
  .meta({ id: 'WatchlistSources' });
