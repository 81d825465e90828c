import type { AppDeps } from '../deps';
import { isoDate } from '../clock';
import { appendAuditAlone } from '../audit/audit.service';
import { defineRoute } from '../http/route';
import { idParams } from '../http/common.schemas';
import { NotFoundError } from '../http/errors';
import { mapPage } from '../http/pagination';
import { findEntry, listEntries } from './watchlist.repository';
import { addEntry, retireEntry, toEntry } from './watchlist.service';
import { importCsv, importInBackground } from './watchlist.import';
import { findImport } from './watchlist.import.repository';
import { toImportJob } from './watchlist.import.view';
import { sourcesRoutes } from './sources/sources.routes';
import {
  createEntryBody,
  csvBody,
  entriesPage,
  entriesQuery,
  entrySchema,
  importFilenameQuery,
  importJobSchema,
  importResultSchema,
  retireBody,
  searchQuery,
  searchResultSchema,
} from './watchlist.schemas';

// Coordinators keep the list; investigators read it. Case officers see hits only inside a screening,
// booking staff never. Every read of watchlist data is audited, like every write.
const READERS = ['coordinator', 'investigator'] as const;

export function watchlistRoutes(deps: AppDeps) {
  const { db, clock, watchlist } = deps;
  const auditRead = (actor: string, action: string, entityId: string, details: Record<string, unknown>) =>
    appendAuditAlone(db, clock, { actor, action, entityType: 'watchlist_entry', entityId, details });

  return [
    ...sourcesRoutes(deps),
    defineRoute({
      method: 'post',
      path: '/api/watchlist',
      summary: 'Add an organisation or person to the watchlist',
      tag: 'watchlist',
      roles: ['coordinator'],
      body: createEntryBody,
      success: { status: 201, description: 'The entry', schema: entrySchema },
      handler: ({ body, user }) => addEntry(deps, user.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/watchlist/import',
      summary:
        'Import entries from CSV and wait for the result; each bad line is reported with its line number, the rest imported',
      tag: 'watchlist',
      roles: ['coordinator'],
      query: importFilenameQuery,
      body: csvBody,
      bodyContentType: 'text/csv',
      success: {
        status: 201,
        description:
          'How many were imported, and the rejected lines. The work runs in batches between other requests; ' +
          'for a large file, POST /api/watchlist/imports answers at once and GET /api/watchlist/imports/:id shows progress.',
        schema: importResultSchema,
      },
      handler: async ({ body, query, user }) => {
        const { importId, imported, rejected } = await importCsv(deps, user.id, body, {
          filename: query.filename ?? null,
        });
        return { imported, rejected, importId };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/watchlist/imports',
      summary: 'Start a CSV import and answer at once with the import job; it runs in batches',
      tag: 'watchlist',
      roles: ['coordinator'],
      query: importFilenameQuery,
      body: csvBody,
      bodyContentType: 'text/csv',
      success: { status: 202, description: 'The import job, running', schema: importJobSchema },
      handler: async ({ body, query, user }) =>
        toImportJob(await importInBackground(deps, user.id, body, query.filename ?? null), clock.now()),
    }),
    defineRoute({
      method: 'get',
      path: '/api/watchlist/imports/:id',
      summary: 'An import job: its progress, and when done how many were imported and the rejected lines',
      tag: 'watchlist',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The import job', schema: importJobSchema },
      handler: async ({ params }) => {
        const row = await findImport(db, params.id);
        if (!row) throw new NotFoundError('Watchlist import');
        return toImportJob(row, clock.now());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/watchlist/search',
      summary: 'Search by name and/or organisationsnummer; every hit explains itself',
      tag: 'watchlist',
      roles: READERS,
      query: searchQuery,
      success: { status: 200, description: 'Hits, best first', schema: searchResultSchema },
      handler: async ({ query, user }) => {
        await watchlist.refresh();
        const hits = watchlist
          .search(
            { name: query.q, orgNumber: query.orgNumber, subjectKind: query.subjectKind },
            isoDate(clock.now()),
            query.limit,
          )
          .map((h) => ({
            entryId: h.entryId,
            score: h.score,
            matchedName: h.matchedName,
            explanation: h.explanation,
          }));
        await auditRead(user.id, 'watchlist.searched', '*', {
          q: query.q,
          orgNumber: query.orgNumber,
          hitEntryIds: hits.map((h) => h.entryId),
        });
        return { hits, watchlistVersion: watchlist.version };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/watchlist',
      summary: 'The watchlist entries, newest first',
      tag: 'watchlist',
      roles: READERS,
      query: entriesQuery,
      success: { status: 200, description: 'A page of entries', schema: entriesPage },
      handler: async ({ query, user }) => {
        const rows = await listEntries(db, { status: query.status, subjectKind: query.subjectKind }, query);
        const page = mapPage(rows, toEntry);
        await auditRead(user.id, 'watchlist.listed', '*', {
          status: query.status,
          subjectKind: query.subjectKind,
          entryIds: page.items.map((e) => e.id),
        });
        return page;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/watchlist/:id',
      summary: 'One watchlist entry',
      tag: 'watchlist',
      roles: READERS,
      params: idParams,
      success: { status: 200, description: 'The entry', schema: entrySchema },
      handler: async ({ params, user }) => {
        const row = await findEntry(db, params.id);
        if (!row) throw new NotFoundError('Watchlist entry');
        await auditRead(user.id, 'watchlist.entry_read', row.id, {});
        return toEntry(row);
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/watchlist/:id',
      summary: 'Retire an entry with a reason (it is kept, never erased)',
      tag: 'watchlist',
      roles: ['coordinator'],
      params: idParams,
      body: retireBody,
      success: { status: 200, description: 'The retired entry', schema: entrySchema },
      handler: ({ params, body, user }) => retireEntry(deps, user.id, params.id, body.reason),
    }),
  ];
}
