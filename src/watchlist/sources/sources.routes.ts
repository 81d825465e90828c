import type { AppDeps } from '../../deps';
import { AppError } from '../../http/errors';
import { defineRoute } from '../../http/route';
import type { ListSource } from '../watchlist.table';
import { importListFile } from './sources.import';
import { lastCompletedImport, lastImport, listEntryCounts } from './sources.repository';
import { sourceImportResultSchema, sourceParams, sourcesSchema } from './sources.schemas';

const SOURCES: ListSource[] = ['eu', 'un'];

// Declared before the watchlist's /api/watchlist/:id, which would otherwise take "sources" for an id.
export function sourcesRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/watchlist/sources/:source/import',
      summary:
        'Import the EU or UN consolidated sanctions list, the official XML file as published; the file replaces that list’s entries',
      tag: 'watchlist',
      roles: ['coordinator'],
      params: sourceParams,
      bodyContentType: 'application/xml',
      success: {
        status: 200,
        description:
          'What the file changed. The file is read as it arrives and checked in full before anything is written; ' +
          'a file that is not a valid list changes nothing (400).',
        schema: sourceImportResultSchema,
      },
      handler: async ({ params, req, res, user }) => {
        if (!req.is(['application/xml', 'text/xml'])) {
          throw new AppError(415, 'unsupported_media_type', 'Send the list file as application/xml');
        }
        try {
          return await importListFile(deps, user.id, params.source, req);
        } catch (err) {
          // Whatever of the file is still unread is not waited for.
          if (!req.readableEnded) res.set('Connection', 'close');
          throw err;
        }
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/watchlist/sources',
      summary: 'The sanctions lists as sources: per list its last import, publication date and entries',
      tag: 'watchlist',
      roles: ['coordinator', 'investigator'],
      success: { status: 200, description: 'The EU and UN lists', schema: sourcesSchema },
      handler: async () => {
        const counts = await listEntryCounts(deps.db);
        const count = (source: ListSource, status: string) =>
          counts.find((c) => c.source === source && c.status === status)?.n ?? 0;
        const sources = [];
        for (const source of SOURCES) {
          const last = await lastImport(deps.db, source);
          const completed = await lastCompletedImport(deps.db, source);
          sources.push({
            source,
            activeEntries: count(source, 'active'),
            retiredEntries: count(source, 'retired'),
            lastImport: last
              ? {
                  id: last.id,
                  status: last.status,
                  publishedOn: last.published_on,
                  fileSha256: last.file_sha256,
                  listed: last.listed,
                  added: last.added,
                  updated: last.updated,
                  retired: last.retired,
                  importedBy: last.created_by,
                  importedAt: last.created_at.toISOString(),
                }
              : null,
            publishedOn: completed?.published_on ?? null,
          });
        }
        return { sources };
      },
    }),
  ];
}
