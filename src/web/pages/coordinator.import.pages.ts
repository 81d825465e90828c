import { FINDING_CATEGORIES } from '../../shared/finding-categories';
import { WATCHLIST_CSV_COLUMNS } from '../../watchlist/watchlist.csv';
import { WATCHLIST_LIMITS } from '../../watchlist/watchlist.limits';
import type { ImportJob } from '../../watchlist/watchlist.schemas';
import { LABELS } from '../web.labels.sv';
import { emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { definePage, redirect, view } from '../web.page';
import { svLineError } from '../web.validation.sv';

/** The codes the category column takes, with what each means. */
const CATEGORY_CODES = FINDING_CATEGORIES.map((code) => ({ code, label: LABELS.category[code] }));

const importForm = (form: FormState, status?: number) =>
  view(
    'watchlist-import',
    'Importera till bevakningslistan',
    { form, header: WATCHLIST_CSV_COLUMNS.join(','), categories: CATEGORY_CODES, limits: WATCHLIST_LIMITS },
    status,
  );

/** What the job page shows: the job, its progress as a share, and the rejected lines in Swedish. */
function jobView(job: ImportJob) {
  const percent =
    job.totalLines > 0 ? Math.min(100, Math.round((job.processedLines / job.totalLines) * 100)) : 100;
  return {
    ...job,
    percent,
    running: job.status === 'running',
    stopped: job.status === 'failed' || job.status === 'interrupted',
    moreRejected: job.rejectedCount - job.rejected.length,
    rejected: job.rejected.map((r) => ({ line: r.line, error: svLineError(r) })),
  };
}

// CSV import: a file or pasted text. The import runs as a job between other requests (a large file
// takes minutes); the job's page shows how far it has come and, when it is done, each rejected line
// with its number and, in Swedish, what is wrong with it.
export const coordinatorImportPages = () => [
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
        return importForm(withError(emptyForm(values), 'file', 'Välj en fil eller klistra in raderna.'), 400);
      }
      try {
        const job = await ctx.call<ImportJob>('POST /api/watchlist/imports', {
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
      const job = await ctx.call<ImportJob>('GET /api/watchlist/imports/:id', { params: ctx.params });
      return view('watchlist-import-job', 'Import till bevakningslistan', { job: jobView(job) });
    },
  }),
];
