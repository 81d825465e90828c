import { ValidationError } from '../../http/errors';
import { emptyForm, lines, optional, refusedForm, withError, type FormState } from '../web.forms';
import type { ApiResult } from '../web.api';
import { SUBJECT_KIND_FILTER_OPTIONS, SUBJECT_KIND_OPTIONS } from '../web.labels.sv';
import { explainMatch } from '../web.match-explanation';
import { definePage, redirect, view, type PageContext } from '../web.page';
import { PAGE_TEXT } from '../web.page-texts.sv';
import { CATEGORY_OPTIONS } from './applications/application.form';
import { importForm, jobView } from './watchlist.import-view';

type SearchResult = ApiResult<'GET /api/watchlist/search'>;

const ENTRY_FIELDS = [
  'subjectKind',
  'name',
  'aliases',
  'orgNumber',
  'personalNumber',
  'category',
  'reason',
  'source',
  'reviewBy',
];
const SEARCH_FIELDS = ['q', 'orgNumber', 'subjectKind'];

const entryForm = (form: FormState, status?: number) =>
  view(
    'watchlist-new',
    'Ny post i bevakningslistan',
    { form, categories: CATEGORY_OPTIONS, subjectKinds: SUBJECT_KIND_OPTIONS },
    status,
  );

async function entryPage(ctx: PageContext, retireForm = emptyForm(), status?: number) {
  const entry = await ctx.call('GET /api/watchlist/:id', { params: ctx.params });
  return view(
    'watchlist-entry',
    entry.name,
    {
      entry,
      form: retireForm,
      canRetire: entry.status === 'active' && !entry.listSource && ctx.can('DELETE /api/watchlist/:id'),
    },
    status,
  );
}

// Every page under /bevakningslista. The watchlist, kept by coordinators and read by investigators: search (every hit explained), the
// list of entries, adding one, and retiring one with a reason. Every read is audited by the API's
// own handlers, exactly as over HTTP.
//
// CSV import: a file or pasted text. The import runs as a job between other requests (a large file
// takes minutes); the job's page shows how far it has come and, when it is done, each rejected line
// with its number and, in Swedish, what is wrong with it.
export const watchlistPages = () => [
  definePage({
    method: 'get',
    path: '/bevakningslista',
    uses: ['GET /api/watchlist/search'],
    nav: {
      label: 'Bevakningslista',
      order: 40,
      description:
        'Sök i bevakningslistan med förklaring till varje träff; lägg till, avregistrera och importera poster.',
    },
    handler: async (ctx) => {
      const values = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ctx.query[f]?.trim() ?? '']));
      let form = emptyForm(values);
      let hits: (SearchResult['hits'][number] & { sentences: string[] })[] | undefined;
      if (values.q || values.orgNumber) {
        const query = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
        try {
          const r = await ctx.call('GET /api/watchlist/search', { query });
          hits = r.hits.map((h) => ({ ...h, sentences: explainMatch(h.explanation) }));
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          form = refusedForm(err, values, SEARCH_FIELDS)!;
        }
      }
      return view(
        'watchlist',
        'Bevakningslista',
        {
          form,
          subjectKinds: SUBJECT_KIND_FILTER_OPTIONS,
          hits,
          canAdd: ctx.can('POST /api/watchlist'),
          canImport: ctx.can('POST /api/watchlist/import'),
          canList: ctx.can('GET /api/watchlist'),
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
  definePage({
    method: 'get',
    path: '/bevakningslista/poster',
    uses: ['GET /api/watchlist'],
    handler: async (ctx) => {
      const status = ['active', 'retired', 'expired'].includes(ctx.query.status ?? '')
        ? ctx.query.status
        : undefined;
      const page = await ctx.call('GET /api/watchlist', {
        query: {
          limit: '50',
          ...(status ? { status } : {}),
          ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}),
        },
      });
      const params = new URLSearchParams(status ? { status } : {});
      if (page.nextCursor) params.set('cursor', page.nextCursor);
      return view('watchlist-entries', 'Poster i bevakningslistan', {
        entries: page.items,
        status,
        more: page.nextCursor ? `/bevakningslista/poster?${params.toString()}` : null,
      });
    },
  }),
  definePage({
    method: 'get',
    path: '/bevakningslista/ny',
    uses: ['POST /api/watchlist'],
    handler: async () => entryForm(emptyForm({ subjectKind: 'organisation' })),
  }),
  definePage({
    method: 'post',
    path: '/bevakningslista/ny',
    uses: ['POST /api/watchlist'],
    handler: async (ctx) => {
      const v = ctx.form;
      const body = {
        subjectKind: v.subjectKind ?? '',
        name: v.name ?? '',
        aliases: lines(v.aliases),
        orgNumber: optional(v.orgNumber) ?? null,
        personalNumber: optional(v.personalNumber) ?? null,
        category: v.category ?? '',
        reason: v.reason ?? '',
        source: v.source ?? '',
        reviewBy: v.reviewBy ?? '',
      };
      try {
        const entry = await ctx.call('POST /api/watchlist', { body });
        return redirect(`/bevakningslista/${entry.id}`, 'post-tillagd');
      } catch (err) {
        const form = refusedForm(err, v, ENTRY_FIELDS);
        if (!form) throw err;
        return entryForm(form, 400);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/bevakningslista/:id',
    uses: ['GET /api/watchlist/:id'],
    handler: async (ctx) => entryPage(ctx),
  }),
  definePage({
    method: 'post',
    path: '/bevakningslista/:id/avregistrera',
    uses: ['DELETE /api/watchlist/:id'],
    handler: async (ctx) => {
      try {
        await ctx.call('DELETE /api/watchlist/:id', {
          params: ctx.params,
          body: { reason: ctx.form.reason ?? '' },
        });
        return redirect(`/bevakningslista/${ctx.params.id}`, 'post-avregistrerad');
      } catch (err) {
        const form = refusedForm(err, ctx.form, ['reason']);
        if (
          !form ||
          (err instanceof ValidationError && err.details?.some((d) => d.path.startsWith('params.')))
        )
          throw err;
        return entryPage(ctx, form, err instanceof ValidationError ? 400 : 409);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/bevakningslista/import',
    uses: ['POST /api/watchlist/imports'],
    handler: async () => importForm(emptyForm()),
  }),
  definePage({
    method: 'post',
    path: '/bevakningslista/import',
    uses: ['POST /api/watchlist/imports'],
    multipart: true,
    handler: async (ctx) => {
      const pasted = ctx.form.csv ?? '';
      const text = ctx.upload?.text ?? pasted;
      // The file is not sent back to the browser; pasted text is kept so it can be corrected.
      const values = { csv: ctx.upload ? '' : pasted };
      if (text.trim() === '') {
        return importForm(withError(emptyForm(values), 'file', PAGE_TEXT.importEmpty), 400);
      }
      try {
        const job = await ctx.call('POST /api/watchlist/imports', {
          body: text,
          query: ctx.upload ? { filename: ctx.upload.filename.slice(0, 200) } : {},
        });
        return redirect(`/bevakningslista/import/${job.id}`);
      } catch (err) {
        const form = refusedForm(err, values, ['csv']);
        if (!form) throw err;
        return importForm(form, 400);
      }
    },
  }),
  definePage({
    method: 'get',
    path: '/bevakningslista/import/:id',
    uses: ['GET /api/watchlist/imports/:id'],
    handler: async (ctx) => {
      const job = await ctx.call('GET /api/watchlist/imports/:id', { params: ctx.params });
      return view('watchlist-import-job', 'Import till bevakningslistan', { job: jobView(job) });
    },
  }),
];
