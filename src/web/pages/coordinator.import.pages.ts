import { WATCHLIST_CSV_COLUMNS } from '../../watchlist/watchlist.csv';
import { emptyForm, refusedForm, withError, type FormState } from '../web.forms';
import { definePage, view } from '../web.page';
import { svLineError } from '../web.validation.sv';

type ImportResult = { imported: number; rejected: { line: number; error: string }[] };

const importForm = (form: FormState, result?: unknown, status?: number) =>
  view(
    'watchlist-import',
    'Importera till bevakningslistan',
    { form, result, header: WATCHLIST_CSV_COLUMNS.join(',') },
    status,
  );

// CSV import: a file or pasted text. Valid lines are imported; each rejected line is shown with its
// line number and, in Swedish, what is wrong with it.
export const coordinatorImportPages = () => [
  definePage({
    method: 'get',
    path: '/bevakningslista/import',
    uses: ['POST /api/watchlist/import'],
    handler: async () => importForm(emptyForm()),
  }),
  definePage({
    method: 'post',
    path: '/bevakningslista/import',
    uses: ['POST /api/watchlist/import'],
    multipart: true,
    handler: async (ctx) => {
      const pasted = ctx.form.csv ?? '';
      const text = ctx.upload?.text ?? pasted;
      // The file is not sent back to the browser; pasted text is kept so it can be corrected.
      const values = { csv: ctx.upload ? '' : pasted };
      if (text.trim() === '') {
        return importForm(
          withError(emptyForm(values), 'file', 'Välj en fil eller klistra in raderna.'),
          undefined,
          400,
        );
      }
      try {
        const result = await ctx.call<ImportResult>('POST /api/watchlist/import', { body: text });
        return importForm(emptyForm(values), {
          imported: result.imported,
          filename: ctx.upload?.filename,
          rejected: result.rejected.map((r) => ({ line: r.line, error: svLineError(r.error) })),
        });
      } catch (err) {
        const form = refusedForm(err, values, ['csv']);
        if (!form) throw err;
        return importForm(form, undefined, 400);
      }
    },
  }),
];
