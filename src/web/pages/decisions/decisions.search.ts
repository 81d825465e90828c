import type { AppDeps } from '../../../deps';
import { NotFoundError, ValidationError } from '../../../http/errors';
import type { Page } from '../../../http/pagination';
import type { Decision } from '../../../decisions/decisions.schemas';
import { emptyForm, filledQuery, refusedForm, withError, type FormState } from '../../web.forms';
import { LABELS } from '../../web.labels.sv';
import { PAGE_TEXT } from '../../web.page-texts.sv';
import { userDirectory } from '../../web.user-directory';
import { associationNamesByIds } from '../../../associations/associations.repository';
import { view, type PageContext } from '../../web.page';
import { decisionView } from './decision.view-model';
import { associationByOrgNumber } from '../associations/association.calls';

const FILTERS = ['orgNumber', 'outcome', 'status', 'preparedBy', 'decidedBy', 'from', 'to'] as const;

const options = (table: Record<string, string>) =>
  Object.entries(table).map(([value, label]) => ({ value, label }));

/** The association an organisationsnummer names, as a filter; or the form saying why there is none. */
async function associationFilter(
  ctx: PageContext,
  orgNumber: string,
  values: Record<string, string>,
): Promise<{ id: string } | { form: FormState }> {
  try {
    return { id: (await associationByOrgNumber(ctx, orgNumber)).id };
  } catch (err) {
    if (err instanceof NotFoundError) {
      return { form: withError(emptyForm(values), 'orgNumber', PAGE_TEXT.orgNumberUnknown) };
    }
    const form = err instanceof ValidationError ? refusedForm(err, values, FILTERS) : undefined;
    if (!form) throw err;
    return { form };
  }
}

// The search: decisions by association, outcome, status, föredragande, delegat and period, newest first: the investigator's
// way in to any decision (case officers and coordinators may search too, as the API lets them).
export async function decisionSearchPage(deps: AppDeps, ctx: PageContext) {
  const filter = filledQuery(ctx.query, FILTERS);
  const { orgNumber, ...query } = filter;
  const users = await userDirectory(deps.db);
  let form = emptyForm(filter);
  let associationId: string | undefined;
  if (orgNumber) {
    const found = await associationFilter(ctx, orgNumber, filter);
    if ('form' in found) form = found.form;
    else associationId = found.id;
  }
  let page: Page<Decision> = { items: [], nextCursor: null };
  if (!form.summary.length) {
    try {
      page = await ctx.call('GET /api/decisions', {
        query: {
          ...query,
          ...(associationId ? { associationId } : {}),
          limit: '50',
          ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}),
        },
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      form = refusedForm(err, filter, FILTERS)!;
    }
  }
  const names = await associationNamesByIds(
    deps.db,
    page.items.map((d) => d.associationId),
  );
  const params = new URLSearchParams(filter);
  if (page.nextCursor) params.set('cursor', page.nextCursor);
  return view(
    'decisions',
    'Beslut',
    {
      form,
      outcomes: options(LABELS.decisionOutcome),
      statuses: options(LABELS.decisionStatus),
      preparers: users.caseOfficers.map((u) => ({ value: u.id, label: u.name })),
      deciders: users.delegats.map((u) => ({ value: u.id, label: u.name })),
      decisions: page.items.map((d) => ({
        ...decisionView(d, users.names),
        association: names.get(d.associationId),
      })),
      // Investigators go straight to the full record; others to the decision itself.
      recordLinks: ctx.can('GET /api/audit/events'),
      filtered: Object.keys(filter).length > 0,
      more: page.nextCursor ? `/beslut?${params.toString()}` : null,
    },
    form.summary.length ? 400 : 200,
  );
}
