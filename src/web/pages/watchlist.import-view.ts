import { FINDING_CATEGORIES } from '../../shared/finding-categories';
import { WATCHLIST_CSV_COLUMNS } from '../../watchlist/watchlist.csv';
import { WATCHLIST_LIMITS } from '../../watchlist/watchlist.limits';
import type { ImportJob } from '../../watchlist/watchlist.schemas';
import { LABELS } from '../web.labels.sv';
import { type FormState } from '../web.forms';
import { view } from '../web.page';
import { svLineError } from '../web.validation.sv';

// The CSV import's form and its job's page (see watchlist.pages.ts).

/** The codes the category column takes, with what each means. */
const CATEGORY_CODES = FINDING_CATEGORIES.map((code) => ({ code, label: LABELS.category[code] }));

export const importForm = (form: FormState, status?: number) =>
  view(
    'watchlist-import',
    'Importera till bevakningslistan',
    { form, header: WATCHLIST_CSV_COLUMNS.join(','), categories: CATEGORY_CODES, limits: WATCHLIST_LIMITS },
    status,
  );

/** What the job page shows: the job, its progress as a share, and the rejected lines in Swedish. */
export function jobView(job: ImportJob) {
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
