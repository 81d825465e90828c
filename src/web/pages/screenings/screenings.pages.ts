import type { AppDeps } from '../../../deps';
import type { Page } from '../../../http/pagination';
import type { Screening } from '../../../screening/screening.schemas';
import { ValidationError } from '../../../http/errors';
import { emptyForm, refusedForm } from '../../web.forms';
import { LABELS } from '../../web.labels.sv';
import { nameOf, userDirectory } from '../../web.user-directory';
import { associationNamesByIds } from '../../../associations/associations.repository';
import { definePage, view, type PageContext } from '../../web.page';

const FILTERS = ['code', 'ruleSetVersion', 'screenedBy', 'recommendation', 'from', 'to'] as const;

/** The criterion codes of every loaded rule set, for the filter's choices. */
const codesOf = (deps: AppDeps) =>
  [...new Set(deps.ruleSets.flatMap((s) => s.rules.map((r) => r.code)))].sort();

async function filterChoices(deps: AppDeps, ctx: PageContext) {
  const sets = await ctx.call('GET /api/rule-sets');
  const users = await userDirectory(deps.db);
  const option = (v: string) => ({ value: v, label: v });
  return {
    codeOptions: codesOf(deps).map(option),
    versionOptions: [...new Set(sets.items.map((s) => s.version))].map(option),
    officerOptions: users.caseOfficers.map((u) => ({ value: u.id, label: u.name })),
    recommendations: Object.entries(LABELS.recommendation).map(([value, label]) => ({ value, label })),
    names: users.names,
  };
}

// Screenings by criterion, rule-set version, case officer, recommendation and period: the
// investigator's way in to any screening, newest first.
export const investigatorScreeningPages = (deps: AppDeps) => [
  definePage({
    method: 'get',
    path: '/granskningar',
    uses: ['GET /api/screenings', 'GET /api/rule-sets'],
    nav: {
      label: 'Granskningar',
      order: 30,
      description: 'Sök granskningar efter kriterium, regelverk, handläggare och period; kör om kontrollen.',
    },
    handler: async (ctx) => {
      const filter = Object.fromEntries(
        FILTERS.filter((f) => ctx.query[f]?.trim()).map((f) => [f, ctx.query[f]!.trim()]),
      );
      const { names: userNames, ...choices } = await filterChoices(deps, ctx);
      let form = emptyForm(filter);
      let page: Page<Screening> = { items: [], nextCursor: null };
      try {
        page = await ctx.call('GET /api/screenings', {
          query: { ...filter, limit: '50', ...(ctx.query.cursor ? { cursor: ctx.query.cursor } : {}) },
        });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        form = refusedForm(err, filter, FILTERS)!;
      }
      const names = await associationNamesByIds(
        deps.db,
        page.items.map((s) => s.associationId),
      );
      const params = new URLSearchParams(filter);
      if (page.nextCursor) params.set('cursor', page.nextCursor);
      return view(
        'screenings',
        'Granskningar',
        {
          form,
          ...choices,
          screenings: page.items.map((s) => ({
            ...s,
            association: names.get(s.associationId),
            screenedByName: nameOf(userNames, s.screenedBy),
          })),
          filtered: Object.keys(filter).length > 0,
          more: page.nextCursor ? `/granskningar?${params.toString()}` : null,
        },
        form.summary.length ? 400 : 200,
      );
    },
  }),
];
